// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

// A stand-in for the desktop's org.kde.StatusNotifierWatcher (what KDE Plasma or GNOME's
// AppIndicator extension run), served on a test's private session bus. Qt reads its properties
// through QDBusInterface, so they are real D-Bus properties that introspection lists; items that
// register are recorded.
class FakeStatusNotifierWatcher : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.StatusNotifierWatcher")
    Q_PROPERTY(bool IsStatusNotifierHostRegistered READ isHostRegistered)
    Q_PROPERTY(int ProtocolVersion READ protocolVersion)
    Q_PROPERTY(QStringList RegisteredStatusNotifierItems READ registeredItems)
public:
    explicit FakeStatusNotifierWatcher(QObject *parent = nullptr);

    // Connects to the session bus from the calling thread (the fake's own) and owns the service
    // there; false (and why, in `error`) if not.
    bool serve(QString *error);

    bool isHostRegistered() const { return true; }
    int protocolVersion() const { return 0; }
    QStringList registeredItems() const { return m_items; }

public Q_SLOTS:
    void RegisterStatusNotifierItem(const QString &service);
    void RegisterStatusNotifierHost(const QString &service);

Q_SIGNALS:
    void StatusNotifierItemRegistered(const QString &service);
    void StatusNotifierHostRegistered();

private:
    QStringList m_items;
};
