// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"

#include <QJsonObject>
#include <QObject>

// Writes every event of a CallClient as one JSON object per line on stdout.
// Connected with itself as context, so events arrive queued on the CLI's (main) thread.
class EventPrinter : public QObject
{
    Q_OBJECT
public:
    explicit EventPrinter(parla::client::CallClient *client, QObject *parent = nullptr);

    void print(const QString &event, QJsonObject fields = {});
    void printStatus();
    void printCommandError(const QString &message);

private:
    parla::client::CallClient *m_client;
};
