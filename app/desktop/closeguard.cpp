// SPDX-License-Identifier: GPL-3.0-or-later
#include "closeguard.h"

#include <QEvent>
#include <QWindow>

namespace parla::desktop {

CloseGuard::CloseGuard(QWindow *window)
    : QObject(window)
{
    window->installEventFilter(this);
}

bool CloseGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Close) {
        event->ignore();
        Q_EMIT closeRequested();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace parla::desktop
