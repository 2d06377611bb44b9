// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

class QWindow;

namespace parla::desktop {

// What closing the main window means. With a tray, the window hides and Parla keeps running
// so calls still ring. Without one (stock GNOME on Debian 12), closing quits; the first time,
// the user is told why and may keep the window instead (remembered in QSettings).
class WindowKeeper : public QObject
{
    Q_OBJECT
public:
    WindowKeeper(QWindow *window, bool trayAvailable, QObject *parent = nullptr);

    // "Told once": true once the user has seen the no-tray explanation.
    static bool toldAboutNoTray();

public Q_SLOTS:
    void show(); // shown, raised, focused
    void toggle();
    void onCloseRequested();

Q_SIGNALS:
    void quitRequested();
    void hiddenChanged(bool hidden);

private:
    QPointer<QWindow> m_window;
    bool m_trayAvailable;
};

} // namespace parla::desktop
