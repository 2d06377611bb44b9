// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

// A stand-in for the desktop's notification daemon (org.freedesktop.Notifications) on a test's
// private session bus: records what Qt's tray asks it to show.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Notification
    {
        QString appName;
        QString summary;
        QString body;
        int timeoutMs = 0;
    };

    explicit FakeNotificationServer(QObject *parent = nullptr);

    bool serve(QString *error);
    QList<Notification> notifications() const { return m_notifications; }

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &hints, int timeoutMs);
    QStringList GetCapabilities() const;

Q_SIGNALS:
    void notified();

private:
    QList<Notification> m_notifications;
};
