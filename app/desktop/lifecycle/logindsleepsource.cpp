// SPDX-License-Identifier: GPL-3.0-or-later
#include "logindsleepsource.h"

#include "lifecyclelogging.h"
#include "logindnames.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace parla::desktop {

LogindSleepSource::LogindSleepSource(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    m_releaseTimer.setSingleShot(true);
    m_releaseTimer.setInterval(defaultReleaseTimeout);
    connect(
        &m_releaseTimer, &QTimer::timeout, this, [this] { releaseInhibitor("the client took too long to let go"); });
    m_connected = m_bus.isConnected()
        && m_bus.connect(logind::service, logind::path, logind::manager, QStringLiteral("PrepareForSleep"), this,
            SLOT(onPrepareForSleep(bool)));
    if (!m_connected) {
        qCWarning(lcLifecycle).noquote() << "no logind sleep source: the system bus is not reachable"
                                         << m_bus.lastError().message();
        return;
    }
    takeInhibitor();
}

LogindSleepSource::~LogindSleepSource() = default;

void LogindSleepSource::setReleaseTimeout(std::chrono::milliseconds timeout)
{
    m_releaseTimer.setInterval(timeout);
}

void LogindSleepSource::onPrepareForSleep(bool sleeping)
{
    if (sleeping == std::exchange(m_sleeping, sleeping))
        return;
    qCInfo(lcLifecycle).noquote() << (sleeping ? "the system is going to sleep" : "the system woke up");
    if (sleeping) {
        if (holdsInhibitor() || m_taking)
            m_releaseTimer.start();
    } else {
        m_releaseTimer.stop();
        releaseInhibitor("awake"); // a leftover, should logind have slept without waiting
        takeInhibitor();
    }
    Q_EMIT sleepingChanged(sleeping);
}

void LogindSleepSource::readyToSleep()
{
    if (m_sleeping)
        releaseInhibitor("the client let go");
}

void LogindSleepSource::takeInhibitor()
{
    if (!m_connected || holdsInhibitor() || m_taking)
        return;
    m_taking = true;
    QDBusMessage inhibit
        = QDBusMessage::createMethodCall(logind::service, logind::path, logind::manager, QStringLiteral("Inhibit"));
    inhibit << QStringLiteral("sleep") << QStringLiteral("Parla")
            << QStringLiteral("Signing out of the SIP server before sleep") << QStringLiteral("delay");
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(inhibit), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        m_taking = false;
        {
            QDBusPendingReply<QDBusUnixFileDescriptor> reply = *call;
            if (reply.isError()) {
                qCWarning(lcLifecycle).noquote() << "logind refused a sleep inhibitor:" << reply.error().message();
            } else {
                m_inhibitor = reply.value();
            }
        }
        // The reply keeps a copy of the descriptor: it must go too, or the inhibitor outlives release.
        call->deleteLater();
        if (!holdsInhibitor())
            return;
        qCDebug(lcLifecycle).noquote() << "holding a sleep delay inhibitor";
        Q_EMIT inhibitorTaken();
        if (m_sleeping && !m_releaseTimer.isActive())
            releaseInhibitor("sleep already allowed");
    });
}

void LogindSleepSource::releaseInhibitor(const char *why)
{
    m_releaseTimer.stop();
    if (!holdsInhibitor())
        return;
    m_inhibitor = QDBusUnixFileDescriptor(); // the last copy: its descriptor closes
    qCInfo(lcLifecycle).noquote() << "sleep inhibitor released:" << why;
    Q_EMIT inhibitorReleased();
}

} // namespace parla::desktop
