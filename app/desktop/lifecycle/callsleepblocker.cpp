// SPDX-License-Identifier: GPL-3.0-or-later
#include "callsleepblocker.h"

#include "lifecyclelogging.h"
#include "logindnames.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace parla::desktop {

CallSleepBlocker::CallSleepBlocker(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
}

CallSleepBlocker::~CallSleepBlocker() = default;

void CallSleepBlocker::setCallsInProgress(bool inProgress)
{
    if (inProgress == std::exchange(m_wanted, inProgress))
        return;
    if (inProgress)
        takeInhibitor();
    else
        release("no call in progress");
}

void CallSleepBlocker::takeInhibitor()
{
    if (isBlocking() || m_taking)
        return; // a reply on its way finds m_wanted true again and keeps what it brings
    if (!m_bus.isConnected()) {
        onInhibitReply({}, QStringLiteral("the system bus is not reachable"));
        return;
    }
    m_taking = true;
    QDBusMessage inhibit
        = QDBusMessage::createMethodCall(logind::service, logind::path, logind::manager, QStringLiteral("Inhibit"));
    inhibit << QStringLiteral("sleep") << QStringLiteral("Parla") << QStringLiteral("A call is in progress")
            << QStringLiteral("block");
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(inhibit), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        m_taking = false;
        {
            const QDBusPendingReply<QDBusUnixFileDescriptor> reply = *call;
            if (reply.isError())
                onInhibitReply({}, reply.error().message());
            else if (!reply.value().isValid())
                onInhibitReply({}, QStringLiteral("logind answered without a descriptor"));
            else
                onInhibitReply(reply.value(), {});
        }
        // The reply keeps a copy of the descriptor: it must go too, or the inhibitor outlives release.
        call->deleteLater();
    });
}

void CallSleepBlocker::onInhibitReply(const QDBusUnixFileDescriptor &inhibitor, const QString &error)
{
    if (!error.isEmpty()) {
        if (!std::exchange(m_warned, true))
            qCWarning(lcLifecycle).noquote() << "sleep is not held off during calls: no block inhibitor:" << error;
        else
            qCDebug(lcLifecycle).noquote() << "no block inhibitor again:" << error;
        Q_EMIT inhibitFailed(error);
        return;
    }
    if (!m_wanted) {
        qCDebug(lcLifecycle) << "the call ended before logind answered: dropping the block inhibitor";
        return; // `inhibitor` is the caller's copy; the watcher's goes with it
    }
    m_inhibitor = inhibitor;
    qCInfo(lcLifecycle) << "holding a sleep block inhibitor: a call is in progress";
    Q_EMIT blockingChanged(true);
}

void CallSleepBlocker::release(const char *why)
{
    if (!isBlocking())
        return;
    m_inhibitor = QDBusUnixFileDescriptor(); // the last copy: its descriptor closes
    qCInfo(lcLifecycle).noquote() << "sleep block inhibitor released:" << why;
    Q_EMIT blockingChanged(false);
}

} // namespace parla::desktop
