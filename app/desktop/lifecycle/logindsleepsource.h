// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace parla::desktop {

// logind's PrepareForSleep (org.freedesktop.login1.Manager, system bus) as a lifecycle source.
// It holds a *delay* inhibitor while awake, so that logind waits for us before the machine
// sleeps: on PrepareForSleep(true) it says sleepingChanged(true), and releases the inhibitor
// when told the client has let go (readyToSleep(), after the un-REGISTER) or when
// releaseTimeout ran out, whichever comes first. On PrepareForSleep(false) it takes a new one.
class LogindSleepSource : public QObject
{
    Q_OBJECT
public:
    // Below logind's default InhibitDelayMaxSec (5 s), after which it sleeps regardless.
    static constexpr std::chrono::milliseconds defaultReleaseTimeout { 4000 };

    explicit LogindSleepSource(const QDBusConnection &bus = QDBusConnection::systemBus(), QObject *parent = nullptr);
    ~LogindSleepSource() override;

    bool isConnected() const { return m_connected; }
    bool isSleeping() const { return m_sleeping; }
    bool holdsInhibitor() const { return m_inhibitor.isValid(); }
    void setReleaseTimeout(std::chrono::milliseconds timeout);

public Q_SLOTS:
    // The client has let go (paused, stopped or failed): the machine may sleep now.
    void readyToSleep();
    // What logind's signal calls; also the injection point for tests.
    void onPrepareForSleep(bool sleeping);

Q_SIGNALS:
    void sleepingChanged(bool sleeping);
    void inhibitorTaken();
    void inhibitorReleased();

private:
    void takeInhibitor();
    void releaseInhibitor(const char *why);

    QDBusConnection m_bus;
    bool m_connected = false;
    bool m_sleeping = false;
    bool m_taking = false; // an Inhibit() call is on its way
    QDBusUnixFileDescriptor m_inhibitor; // the only copy we keep: dropping it releases
    QTimer m_releaseTimer;
};

} // namespace parla::desktop
