// SPDX-License-Identifier: GPL-3.0-or-later
#include "traybinding.h"

#include "callhistory.h"
#include "callsmodel.h"
#include "clientstatus.h"
#include "trayicon.h"

namespace parla::desktop {

TrayBinding::TrayBinding(TrayIcon *tray, ClientStatus *status, CallsModel *calls, CallHistory *history, QObject *parent)
    : QObject(parent)
{
    connect(status, &ClientStatus::stateChanged, tray, &TrayIcon::setClientState);
    tray->setClientState(status->state(), status->failureReason());

    connect(calls, &CallsModel::callsChanged, tray, [tray, calls] {
        const ActiveCall *ringing = calls->ringing();
        tray->setRinging(ringing != nullptr, ringing ? ringing->remoteName() : QString());
    });

    connect(history, &CallHistory::missedCountChanged, tray,
        [tray, history] { tray->setMissedCalls(history->missedCount()); });
    tray->setMissedCalls(history->missedCount());
    connect(history, &CallHistory::missedCall, tray, &TrayIcon::notifyMissedCall);
}

} // namespace parla::desktop
