// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayicon.h"

#include "trayartwork.h"
#include "traystatustext.h"

#include <QAction>
#include <QLoggingCategory>
#include <QMenu>
#include <QSystemTrayIcon>

Q_LOGGING_CATEGORY(lcTray, "parla.desktop.tray", QtInfoMsg)

namespace parla::desktop {

namespace {
// Long enough to be read, short enough not to hide the next one.
constexpr int missedCallNotificationMs = 10000;
} // namespace

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
    , m_tray(new QSystemTrayIcon(this))
{
    m_toggleAction = m_menu->addAction(QString(), this, &TrayIcon::toggleWindowRequested);
    m_statusAction = m_menu->addAction(QString());
    m_statusAction->setEnabled(false); // a line to read, not a command
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit Parla"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu.get());

    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT toggleWindowRequested();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::showWindowRequested);

    refresh();
    m_tray->show();
    qCInfo(lcTray) << "tray icon shown; a system tray is" << (isSystemTrayAvailable() ? "available" : "missing");
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isSystemTrayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

void TrayIcon::setWindowShown(bool shown)
{
    m_windowShown = shown;
    refresh();
}

void TrayIcon::setClientState(client::CallClient::State state, const QString &reasonInWords)
{
    m_state = state;
    m_reason = state == client::CallClient::State::Failed ? reasonInWords : QString();
    refresh();
}

void TrayIcon::setRinging(bool ringing, const QString &caller)
{
    m_ringing = ringing;
    m_caller = ringing ? caller : QString();
    refresh();
}

void TrayIcon::setMissedCalls(int count)
{
    m_missedCalls = qMax(0, count);
    refresh();
}

void TrayIcon::notifyMissedCall(const QString &caller)
{
    m_tray->showMessage(TrayStatusText::missedCallTitle(), TrayStatusText::missedCallMessage(caller),
        TrayArtwork::icon(m_state, false, 0), missedCallNotificationMs);
}

void TrayIcon::refresh()
{
    // The ringing caller is the one thing shown that is not ours: TrayStatusText bounds it.
    const QString ringingCaller = m_ringing ? (m_caller.isEmpty() ? QStringLiteral("?") : m_caller) : QString();
    m_tray->setIcon(TrayArtwork::icon(m_state, m_ringing, m_missedCalls));
    m_tray->setToolTip(TrayStatusText::toolTip(m_state, m_reason, ringingCaller, m_missedCalls));
    m_statusAction->setText(TrayStatusText::stateInWords(m_state, m_reason));
    m_toggleAction->setText(m_windowShown ? tr("Hide Parla") : tr("Show Parla"));
    qCDebug(lcTray) << "tray shows" << client::CallClient::stateName(m_state) << "ringing" << m_ringing << "missed"
                    << m_missedCalls;
}

} // namespace parla::desktop
