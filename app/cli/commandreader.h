// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

// Reads commands line by line from stdin without blocking the event loop, and turns
// end of input, SIGINT and SIGTERM into quitRequested().
class CommandReader : public QObject
{
    Q_OBJECT
public:
    explicit CommandReader(QObject *parent = nullptr);

Q_SIGNALS:
    void commandReceived(const QString &command);
    void quitRequested();

private:
    void readInput();

    QSocketNotifier *m_inputNotifier = nullptr;
    QByteArray m_buffer;
};
