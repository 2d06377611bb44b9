// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace parla::desktop {

// Whether the network can reach anything beyond this machine, and when that changes.
// Two implementations: NetworkManager through QNetworkInformation, and the kernel's rtnetlink
// events where NetworkManager does not run (Qt's glib backend never reports a change).
class ReachabilitySource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual bool isReachable() const = 0;
    // "networkmanager" or "rtnetlink": which one the app picked, for logs and tests.
    virtual QString backendName() const = 0;

Q_SIGNALS:
    void reachableChanged(bool reachable);
};

} // namespace parla::desktop
