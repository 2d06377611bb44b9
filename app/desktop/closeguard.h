// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWindow;

namespace parla::desktop {

// Turns closing the main window into a request the app decides on: hide it in the tray, or
// quit after the un-REGISTER. The window itself never closes on its own.
class CloseGuard : public QObject
{
    Q_OBJECT
public:
    explicit CloseGuard(QWindow *window);

Q_SIGNALS:
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace parla::desktop
