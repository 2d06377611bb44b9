// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"

#include <QCoreApplication>
#include <QString>

namespace parla::desktop {

// What the tray says, in words a person reads: the client's state, the failure's reason when it
// failed (not just "offline", linphone-desktop #450), who is ringing and how many calls were
// missed (#779). Strings from the network (a caller's name) are bounded here.
class TrayStatusText
{
    Q_DECLARE_TR_FUNCTIONS(TrayStatusText)
public:
    static QString stateInWords(client::CallClient::State state, const QString &reasonInWords = {});
    static QString toolTip(
        client::CallClient::State state, const QString &reasonInWords, const QString &ringingCaller, int missedCalls);
    static QString missedCallTitle();
    static QString missedCallMessage(const QString &caller);
    // A caller's name or address as the network gave it, cut to a length a tray can show.
    static QString boundedCaller(const QString &caller);
};

} // namespace parla::desktop
