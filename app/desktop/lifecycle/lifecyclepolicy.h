// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

namespace parla::desktop {

// Pure logic: maps what the desktop reports to what the call client should do (DESIGN.md,
// "the app never has to pause or resume by hand"). It knows no D-Bus, no sockets, no client:
// it calls the actions it was given, so a test drives it with plain functions.
//
// Rules: the client is wanted paused while the app is in the background (suspended, or hidden
// to the tray when that counts) or the machine sleeps; it is paused when that becomes true and
// resumed when it becomes false. Network lost -> networkLost() (reconnect now, not after a
// ping timeout); network back -> networkAvailable() at once. A pause during a call is the
// client's to defer (CallClient::isPauseDeferred); the policy asks regardless.
class LifecyclePolicy : public QObject
{
    Q_OBJECT
public:
    struct Actions
    {
        std::function<void()> pause;
        std::function<void()> resume;
        std::function<void()> networkAvailable;
        std::function<void()> networkLost;
    };

    explicit LifecyclePolicy(Actions actions, QObject *parent = nullptr);

    bool isBackground() const;
    bool isSleeping() const { return m_sleeping; }
    bool wantsPaused() const { return isBackground() || m_sleeping; }

public Q_SLOTS:
    // Qt::ApplicationSuspended is the background, Qt::ApplicationActive the foreground.
    void setSuspended(bool suspended);
    void setHiddenToTray(bool hidden);
    void setHiddenCountsAsBackground(bool counts);
    // logind's PrepareForSleep: true before sleep, false after wake.
    void setSleeping(bool sleeping);
    void setNetworkReachable(bool reachable);

Q_SIGNALS:
    // The policy asked the client to pause (true) or resume (false).
    void pausedWanted(bool paused);

private:
    void apply();

    Actions m_actions;
    bool m_suspended = false;
    bool m_hidden = false;
    bool m_hiddenCounts = false;
    bool m_sleeping = false;
    bool m_asked = false; // what was last asked of the client: paused (true) or not
    bool m_reachable = true; // until a source says otherwise
};

} // namespace parla::desktop
