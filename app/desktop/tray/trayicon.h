// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace parla::desktop {

// The tray icon: the client's state at a glance (an icon per state, a ringing variant, a badge
// with the missed-call count), the state in words in the tooltip, a small menu, and a desktop
// notification per missed call. It only shows what it is told; it knows no protocol.
//
// Qt 6.4 shows it as a StatusNotifierItem over D-Bus where the session has an
// org.kde.StatusNotifierWatcher with a host, else as an XEmbed icon; isSystemTrayAvailable()
// says whether either exists, so the app can quit on close (and say so once) where none does.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isSystemTrayAvailable();

    // For tests and the app's "hidden" bookkeeping: what the tray shows now.
    QString toolTip() const;
    bool isVisible() const;
    // The menu's show/hide item says "Hide Parla" while the window is shown.
    void setWindowShown(bool shown);

public Q_SLOTS:
    // `reasonInWords` is the failure in words (ClientStatus::failureReason) in failed, else empty.
    void setClientState(parla::client::CallClient::State state, const QString &reasonInWords);
    void setRinging(bool ringing, const QString &caller);
    void setMissedCalls(int count);
    void notifyMissedCall(const QString &caller);

Q_SIGNALS:
    void toggleWindowRequested(); // the icon was clicked, or show/hide chosen in the menu
    void showWindowRequested(); // the missed-call notification was clicked
    void quitRequested();

private:
    void refresh();

    std::unique_ptr<QMenu> m_menu; // QMenu is a widget: it has no QObject parent here
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_toggleAction = nullptr;
    QAction *m_statusAction = nullptr;
    client::CallClient::State m_state = client::CallClient::State::Stopped;
    QString m_reason;
    bool m_ringing = false;
    QString m_caller;
    int m_missedCalls = 0;
    bool m_windowShown = true;
};

} // namespace parla::desktop
