// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakenotificationserver.h"

#include <QDBusConnection>
#include <QDBusError>

FakeNotificationServer::FakeNotificationServer(QObject *parent)
    : QObject(parent)
{
}

bool FakeNotificationServer::serve(QString *error)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), this, QDBusConnection::ExportAllSlots)) {
        *error = QStringLiteral("cannot export the notifications object: %1").arg(bus.lastError().message());
        return false;
    }
    if (!bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        *error = QStringLiteral("cannot own org.freedesktop.Notifications: %1").arg(bus.lastError().message());
        return false;
    }
    return true;
}

uint FakeNotificationServer::Notify(const QString &appName, uint replacesId, const QString &appIcon,
    const QString &summary, const QString &body, const QStringList &actions, const QVariantMap &hints, int timeoutMs)
{
    Q_UNUSED(replacesId);
    Q_UNUSED(appIcon);
    Q_UNUSED(actions);
    Q_UNUSED(hints);
    m_notifications.append({ appName, summary, body, timeoutMs });
    Q_EMIT notified();
    return uint(m_notifications.size());
}

QStringList FakeNotificationServer::GetCapabilities() const
{
    return { QStringLiteral("body") };
}
