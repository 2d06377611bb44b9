// SPDX-License-Identifier: GPL-3.0-or-later
#include "networkinformationreachability.h"

#include "lifecyclelogging.h"

namespace parla::desktop {

namespace {
const QString networkManager = QStringLiteral("networkmanager");
}

NetworkInformationReachability *NetworkInformationReachability::create(QObject *parent)
{
    if (!QNetworkInformation::instance() && !QNetworkInformation::loadBackendByName(networkManager)) {
        qCInfo(lcLifecycle).noquote() << "QNetworkInformation has no networkmanager backend here";
        return nullptr;
    }
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information || information->backendName() != networkManager) {
        qCInfo(lcLifecycle).noquote() << "QNetworkInformation uses"
                                      << (information ? information->backendName() : QString())
                                      << "which reports no changes: not used";
        return nullptr;
    }
    return new NetworkInformationReachability(information, parent);
}

NetworkInformationReachability::NetworkInformationReachability(QNetworkInformation *information, QObject *parent)
    : ReachabilitySource(parent)
{
    connect(information, &QNetworkInformation::reachabilityChanged, this,
        &NetworkInformationReachability::onReachabilityChanged);
    if (information->reachability() != QNetworkInformation::Reachability::Unknown)
        m_reachable = isReachable(information->reachability());
    qCInfo(lcLifecycle).noquote() << "NetworkManager reachability: the network is"
                                  << (m_reachable ? "reachable" : "unreachable");
}

bool NetworkInformationReachability::isReachable(QNetworkInformation::Reachability reachability)
{
    using R = QNetworkInformation::Reachability;
    return reachability == R::Site || reachability == R::Online;
}

void NetworkInformationReachability::onReachabilityChanged(QNetworkInformation::Reachability reachability)
{
    if (reachability == QNetworkInformation::Reachability::Unknown)
        return;
    const bool reachable = isReachable(reachability);
    if (reachable == std::exchange(m_reachable, reachable))
        return;
    qCInfo(lcLifecycle).noquote() << "NetworkManager: the network is" << (reachable ? "reachable" : "unreachable");
    Q_EMIT reachableChanged(reachable);
}

} // namespace parla::desktop
