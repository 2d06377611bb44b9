// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowkeeper.h"

#include "desktoplogging.h"

#include <QMessageBox>
#include <QSettings>
#include <QWindow>

namespace parla::desktop {

namespace {
const QString ToldKey = QStringLiteral("desktop/toldAboutNoTray");
}

WindowKeeper::WindowKeeper(QWindow *window, bool trayAvailable, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_trayAvailable(trayAvailable)
{
    connect(window, &QWindow::visibleChanged, this, [this](bool visible) { Q_EMIT hiddenChanged(!visible); });
}

bool WindowKeeper::toldAboutNoTray()
{
    return QSettings().value(ToldKey, false).toBool();
}

void WindowKeeper::show()
{
    if (!m_window)
        return;
    if (m_window->windowStates() & Qt::WindowMinimized)
        m_window->setWindowStates(m_window->windowStates() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}

void WindowKeeper::toggle()
{
    if (m_window && m_window->isVisible())
        m_window->hide();
    else
        show();
}

void WindowKeeper::onCloseRequested()
{
    if (m_trayAvailable) {
        qCInfo(lcDesktopApp) << "window hidden to the tray";
        m_window->hide();
        return;
    }
    if (!toldAboutNoTray()) {
        QSettings().setValue(ToldKey, true);
        const auto answer = QMessageBox::question(nullptr, tr("Parla"),
            tr("This desktop has no system tray, so Parla cannot keep running without its window: "
               "closing it quits Parla, and calls will not ring until you start it again.\n\nQuit Parla now?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes)
            return;
    }
    Q_EMIT quitRequested();
}

} // namespace parla::desktop
