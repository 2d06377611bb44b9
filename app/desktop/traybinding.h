// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace parla::desktop {

class CallHistory;
class CallsModel;
class ClientStatus;
class TrayIcon;

// Shows the models in the tray icon: the client's state and failure reason, the ringing call,
// the missed-call count and a notification per missed call. The tray knows no models; the
// models know no tray.
class TrayBinding : public QObject
{
    Q_OBJECT
public:
    TrayBinding(
        TrayIcon *tray, ClientStatus *status, CallsModel *calls, CallHistory *history, QObject *parent = nullptr);
};

} // namespace parla::desktop
