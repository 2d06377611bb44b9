// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/session.h"

#include <QObject>

#include <functional>

class CallTracker;
class EventPrinter;

namespace parla::client {
class CallClient;
}

// The commands parla-cli reads on stdin, one per line: the client's life cycle (start, stop,
// pause, ...) and calls (call, answer, hangup, hold, mute, dtmf, ...). A bad command gets a
// commandError event that says what was wrong; nothing is half done.
class Commands : public QObject
{
    Q_OBJECT
public:
    Commands(parla::client::CallClient *client, const parla::client::Session &session, EventPrinter *printer,
        CallTracker *calls, QObject *parent = nullptr);

    void setQuit(std::function<void()> quit) { m_quit = std::move(quit); }
    // Lists the audio devices, for `devices`; set by main() when audio is available.
    void setDeviceLister(std::function<void()> lister) { m_listDevices = std::move(lister); }
    void execute(const QString &line);

    static QString summary(); // for --help

private:
    void callCommand(const QString &verb, const QString &argument);

    parla::client::CallClient *m_client;
    parla::client::Session m_session;
    EventPrinter *m_printer;
    CallTracker *m_calls;
    std::function<void()> m_quit;
    std::function<void()> m_listDevices;
};
