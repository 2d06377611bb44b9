// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QObject>

namespace parla::desktop {

// Keeps the machine awake while a call is in progress, with a logind *block* inhibitor
// ("sleep", org.freedesktop.login1.Manager on the system bus). Why a block and not only
// LogindSleepSource's delay inhibitor: a delay buys logind's InhibitDelayMaxSec (5 s), then the
// machine sleeps and the call drops; a block makes logind (and the desktop's idle suspend)
// refuse to start sleeping at all. It is taken when the first call appears and its descriptor
// closed when the last one ends, so an idle Parla never keeps a laptop awake.
//
// Forced sleep (`systemctl suspend -i`, a lid close: logind's LidSwitchIgnoreInhibited=yes by
// default) ignores it; the client then defers its pause until the call ends (DESIGN.md).
//
// It never retries by itself: a refused Inhibit is logged (a warning the first time) and tried
// again only when a later call begins, so a logind that says no is not asked in a burst.
class CallSleepBlocker : public QObject
{
    Q_OBJECT
public:
    explicit CallSleepBlocker(const QDBusConnection &bus = QDBusConnection::systemBus(), QObject *parent = nullptr);
    ~CallSleepBlocker() override;

    bool callsInProgress() const { return m_wanted; }
    bool isBlocking() const { return m_inhibitor.isValid(); }

public Q_SLOTS:
    // What the client's calls report: true while at least one call exists (ringing, dialling,
    // connected, held), false once the last has ended.
    void setCallsInProgress(bool inProgress);

Q_SIGNALS:
    void blockingChanged(bool blocking);
    // logind (or the system bus) said no; sleep is not held off during this call.
    void inhibitFailed(const QString &reason);

private:
    void takeInhibitor();
    void onInhibitReply(const QDBusUnixFileDescriptor &inhibitor, const QString &error);
    void release(const char *why);

    QDBusConnection m_bus;
    bool m_wanted = false;
    bool m_taking = false; // an Inhibit() call is on its way: never a second one
    bool m_warned = false; // the first refusal is a warning, later ones only debug
    QDBusUnixFileDescriptor m_inhibitor; // the only copy we keep: dropping it releases
};

} // namespace parla::desktop
