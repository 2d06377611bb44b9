// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QGuiApplication;

namespace parla::desktop {

// QGuiApplication::applicationStateChanged as a lifecycle source: Qt::ApplicationSuspended is
// the background, Qt::ApplicationActive the foreground. Inactive (another window has the
// focus) and Hidden change nothing: a softphone behind other windows must still ring.
class ApplicationStateSource : public QObject
{
    Q_OBJECT
public:
    // `app` may be nullptr: then only onApplicationStateChanged() feeds the source.
    explicit ApplicationStateSource(QGuiApplication *app, QObject *parent = nullptr);

    bool isSuspended() const { return m_suspended; }

public Q_SLOTS:
    // The injection point (what the application's signal calls).
    void onApplicationStateChanged(Qt::ApplicationState state);

Q_SIGNALS:
    void suspendedChanged(bool suspended);

private:
    bool m_suspended = false;
};

} // namespace parla::desktop
