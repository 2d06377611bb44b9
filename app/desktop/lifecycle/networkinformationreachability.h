// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reachabilitysource.h"

#include <QNetworkInformation>

namespace parla::desktop {

// Reachability from NetworkManager, through QNetworkInformation's networkmanager backend.
// Only that backend: Qt's glib one reports the first state but never a change (PLATFORM.md).
// Site counts as reachable (a company's own SIP server is on the site); Local and
// Disconnected do not; Unknown changes nothing.
class NetworkInformationReachability : public ReachabilitySource
{
    Q_OBJECT
public:
    // nullptr unless Qt loads its networkmanager backend (NetworkManager on the system bus).
    // QNetworkInformation is one per process: the first backend loaded stays.
    static NetworkInformationReachability *create(QObject *parent = nullptr);

    bool isReachable() const override { return m_reachable; }
    QString backendName() const override { return QStringLiteral("networkmanager"); }

    static bool isReachable(QNetworkInformation::Reachability reachability);

private:
    explicit NetworkInformationReachability(QNetworkInformation *information, QObject *parent);
    void onReachabilityChanged(QNetworkInformation::Reachability reachability);

    bool m_reachable = true;
};

} // namespace parla::desktop
