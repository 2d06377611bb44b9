// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktoplifecycle.h"

#include "applicationstatesource.h"
#include "calls/callregistry.h"
#include "callsleepblocker.h"
#include "client/callclient.h"
#include "lifecyclelogging.h"
#include "lifecyclepolicy.h"
#include "logindsleepsource.h"
#include "netlinkreachability.h"
#include "networkinformationreachability.h"

#include <QGuiApplication>

namespace parla::desktop {

using client::CallClient;

DesktopLifecycle::DesktopLifecycle(CallClient *client, QGuiApplication *app, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    // The client's slots are safe from any thread: they hop to the engine thread. A client
    // signed out (stopped) or failed has nothing to pause or resume: asking would only earn
    // an operationFailed for the user to read after every wake.
    QPointer<CallClient> target = client;
    auto call = [target](void (CallClient::*slot)(), bool onlyWhenSignedIn) {
        return [target, slot, onlyWhenSignedIn] {
            if (!target)
                return;
            const CallClient::State state = target->state();
            if (onlyWhenSignedIn && (state == CallClient::State::Stopped || state == CallClient::State::Failed))
                return;
            (target.data()->*slot)();
        };
    };
    m_policy
        = new LifecyclePolicy({ call(&CallClient::pause, true), call(&CallClient::resume, true),
                                  call(&CallClient::networkAvailable, false), call(&CallClient::networkLost, false) },
            this);
    // Signed in while in the background or asleep: paused as soon as it runs.
    if (client)
        connect(client, &CallClient::stateDidChange, this, [this](CallClient::State from, CallClient::State to) {
            if (from == CallClient::State::Starting && to == CallClient::State::Running && m_policy->wantsPaused()
                && m_client)
                m_client->pause();
        });

    m_appState = new ApplicationStateSource(app, this);
    connect(m_appState, &ApplicationStateSource::suspendedChanged, m_policy, &LifecyclePolicy::setSuspended);

    auto *sleep = new LogindSleepSource(QDBusConnection::systemBus(), this);
    if (sleep->isConnected()) {
        m_sleep = sleep;
        connect(m_sleep, &LogindSleepSource::sleepingChanged, this, &DesktopLifecycle::onSleepChanged);
        // Queued from the engine thread: the client's state is read here, on the GUI thread.
        if (client)
            connect(client, &CallClient::stateChanged, this, &DesktopLifecycle::releaseSleepIfClientIsIdle);
        m_callBlocker = new CallSleepBlocker(QDBusConnection::systemBus(), this);
        // Queued from the engine thread in order, so an added call is never seen after its end.
        if (client) {
            connect(
                client->calls(), &parla::calls::CallRegistry::callAdded, this, [this] { setCallsInProgress(true); });
            connect(client->calls(), &parla::calls::CallRegistry::lastCallEnded, this,
                [this] { setCallsInProgress(false); });
        }
    } else {
        delete sleep;
    }

    m_reachability = NetworkInformationReachability::create(this);
    if (!m_reachability) {
        auto *netlink = new NetlinkReachability(this);
        m_reachability = netlink;
    }
    qCInfo(lcLifecycle).noquote() << "reachability from" << m_reachability->backendName();
    // Told once at start, so that the first change is a change: a client not started yet
    // ignores networkLost().
    m_policy->setNetworkReachable(m_reachability->isReachable());
    connect(m_reachability, &ReachabilitySource::reachableChanged, m_policy, &LifecyclePolicy::setNetworkReachable);
}

DesktopLifecycle::~DesktopLifecycle() = default;

void DesktopLifecycle::setHiddenToTray(bool hidden)
{
    m_policy->setHiddenToTray(hidden);
}

void DesktopLifecycle::setHiddenCountsAsBackground(bool counts)
{
    m_policy->setHiddenCountsAsBackground(counts);
}

void DesktopLifecycle::setCallsInProgress(bool inProgress)
{
    if (m_callBlocker)
        m_callBlocker->setCallsInProgress(inProgress);
}

void DesktopLifecycle::onSleepChanged(bool sleeping)
{
    m_policy->setSleeping(sleeping);
    if (sleeping)
        releaseSleepIfClientIsIdle(); // nothing to un-REGISTER: sleep at once
}

void DesktopLifecycle::releaseSleepIfClientIsIdle()
{
    if (!m_sleep || !m_sleep->isSleeping())
        return;
    // A client still running (a call defers the pause) keeps the inhibitor until its bound.
    const CallClient::State state = m_client ? m_client->state() : CallClient::State::Stopped;
    if (state == CallClient::State::Paused || state == CallClient::State::Stopped || state == CallClient::State::Failed)
        m_sleep->readyToSleep();
}

} // namespace parla::desktop
