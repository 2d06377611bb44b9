// SPDX-License-Identifier: GPL-3.0-or-later
#include "lifecyclepolicy.h"

#include "lifecyclelogging.h"

namespace parla::desktop {

LifecyclePolicy::LifecyclePolicy(Actions actions, QObject *parent)
    : QObject(parent)
    , m_actions(std::move(actions))
{
}

bool LifecyclePolicy::isBackground() const
{
    // The tray exists so calls still ring: hidden there is the background only if the user says so.
    return m_suspended || (m_hidden && m_hiddenCounts);
}

void LifecyclePolicy::setSuspended(bool suspended)
{
    m_suspended = suspended;
    apply();
}

void LifecyclePolicy::setHiddenToTray(bool hidden)
{
    m_hidden = hidden;
    apply();
}

void LifecyclePolicy::setHiddenCountsAsBackground(bool counts)
{
    m_hiddenCounts = counts;
    apply();
}

void LifecyclePolicy::setSleeping(bool sleeping)
{
    m_sleeping = sleeping;
    apply();
}

void LifecyclePolicy::setNetworkReachable(bool reachable)
{
    if (reachable == std::exchange(m_reachable, reachable))
        return;
    qCInfo(lcLifecycle).noquote() << "network" << (reachable ? "back: retrying now" : "lost: reconnecting now");
    const auto &action = reachable ? m_actions.networkAvailable : m_actions.networkLost;
    if (action)
        action();
}

// Edge-triggered: a client is asked once per change, so focus changes or a repeated signal
// never queue pause/resume pairs, and a resume the user's background setting forbids is never sent.
void LifecyclePolicy::apply()
{
    const bool paused = wantsPaused();
    if (paused == m_asked)
        return;
    m_asked = paused;
    qCInfo(lcLifecycle).noquote() << (paused ? "pausing the client:" : "resuming the client:")
                                  << (m_sleeping              ? "system sleeping"
                                             : isBackground() ? "app in the background"
                                                              : "app in the foreground, system awake");
    const auto &action = paused ? m_actions.pause : m_actions.resume;
    if (action)
        action();
    Q_EMIT pausedWanted(paused);
}

} // namespace parla::desktop
