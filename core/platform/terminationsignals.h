// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace parla::platform {

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe: the handler only
// write()s), so a program can shut down in order: un-REGISTER, close, exit.
// One instance per process; the default handlers come back when it is destroyed.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    void received();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace parla::platform
