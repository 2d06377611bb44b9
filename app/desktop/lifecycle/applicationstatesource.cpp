// SPDX-License-Identifier: GPL-3.0-or-later
#include "applicationstatesource.h"

#include "lifecyclelogging.h"

#include <QGuiApplication>

namespace parla::desktop {

ApplicationStateSource::ApplicationStateSource(QGuiApplication *app, QObject *parent)
    : QObject(parent)
{
    if (app)
        connect(
            app, &QGuiApplication::applicationStateChanged, this, &ApplicationStateSource::onApplicationStateChanged);
}

void ApplicationStateSource::onApplicationStateChanged(Qt::ApplicationState state)
{
    bool suspended = m_suspended;
    if (state == Qt::ApplicationSuspended)
        suspended = true;
    else if (state == Qt::ApplicationActive)
        suspended = false;
    if (suspended == std::exchange(m_suspended, suspended))
        return;
    qCInfo(lcLifecycle).noquote() << "application" << (suspended ? "suspended" : "active again");
    Q_EMIT suspendedChanged(suspended);
}

} // namespace parla::desktop
