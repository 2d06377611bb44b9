// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

class QGuiApplication;

namespace parla::client {
class CallClient;
}

namespace parla::desktop {

class ApplicationStateSource;
class CallSleepBlocker;
class LifecyclePolicy;
class LogindSleepSource;
class ReachabilitySource;

// The desktop's "you never pause or resume by hand": creates and owns the default lifecycle
// sources and the policy that turns what they report into calls on the client.
//
//   application state   Qt::ApplicationSuspended -> pause, Qt::ApplicationActive -> resume
//   logind (system bus) PrepareForSleep(true) -> pause, holding a delay inhibitor until the
//                       client has un-REGISTERed (or a bounded wait ran out); false -> resume
//   the client's calls  a logind block inhibitor from the first call to the end of the last,
//                       so the machine does not sleep mid-call (a forced sleep still defers
//                       the pause to the call's end)
//   reachability        NetworkManager through QNetworkInformation where it runs, else the
//                       kernel's rtnetlink events: lost -> reconnecting now, back -> retry now
//   hidden to the tray  background only if the user's setting says so (off by default)
//
// Use, in main() on the GUI thread, after the engine exists:
//
//   parla::desktop::DesktopLifecycle lifecycle(engine.client(), &app);
//   // from the settings model and the window:
//   lifecycle.setHiddenCountsAsBackground(settings.hiddenCountsAsBackground());
//   lifecycle.setHiddenToTray(!window->isVisible());
//
// The client may live on another thread (the engine's): only its thread-safe slots are called.
// A source whose service is missing (no system bus, no logind) is left out and logged.
class DesktopLifecycle : public QObject
{
    Q_OBJECT
public:
    DesktopLifecycle(client::CallClient *client, QGuiApplication *app, QObject *parent = nullptr);
    ~DesktopLifecycle() override;

    LifecyclePolicy *policy() const { return m_policy; }
    ApplicationStateSource *applicationState() const { return m_appState; }
    LogindSleepSource *sleep() const { return m_sleep; } // nullptr without logind
    CallSleepBlocker *callSleepBlocker() const { return m_callBlocker; } // nullptr without logind
    ReachabilitySource *reachability() const { return m_reachability; }

public Q_SLOTS:
    // The main window was hidden to the tray (true) or shown again (false).
    void setHiddenToTray(bool hidden);
    // The user's setting "hidden in the tray counts as background".
    void setHiddenCountsAsBackground(bool counts);
    // At least one call exists (true) or the last has ended (false). The constructor feeds it
    // from the client's calls; also the injection point for tests.
    void setCallsInProgress(bool inProgress);

private:
    void onSleepChanged(bool sleeping);
    void releaseSleepIfClientIsIdle();

    QPointer<client::CallClient> m_client;
    LifecyclePolicy *m_policy = nullptr;
    ApplicationStateSource *m_appState = nullptr;
    LogindSleepSource *m_sleep = nullptr;
    CallSleepBlocker *m_callBlocker = nullptr;
    ReachabilitySource *m_reachability = nullptr;
};

} // namespace parla::desktop
