// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "netlinkroutetable.h"
#include "reachabilitysource.h"

#include <chrono>

class QSocketNotifier;

namespace parla::desktop {

// Reachability from the kernel itself, for machines without NetworkManager: a NETLINK_ROUTE
// socket subscribed to link and IPv4/IPv6 route events wakes us; each wake re-reads the links
// and routes (a dump on a second socket) and recomputes "a default route over an up link".
// A re-read rather than bookkeeping of events, because the kernel flushes IPv4 routes of a
// link that goes down without announcing their removal. Reads are bounded (buffer, datagrams
// per wake, dump time) and only datagrams from the kernel are read.
class NetlinkReachability : public ReachabilitySource
{
    Q_OBJECT
public:
    static constexpr qsizetype maxDatagramBytes = 65536;
    static constexpr int maxDatagramsPerWake = 64;
    static constexpr int maxDatagramsPerDump = 4096;
    static constexpr std::chrono::milliseconds dumpTimeout { 500 };

    explicit NetlinkReachability(QObject *parent = nullptr);
    ~NetlinkReachability() override;

    // False when the sockets could not be opened (errorString() says why).
    bool isValid() const { return m_notifier != nullptr; }
    QString errorString() const { return m_error; }

    bool isReachable() const override { return m_reachable; }
    QString backendName() const override { return QStringLiteral("rtnetlink"); }

public Q_SLOTS:
    // Re-reads links and routes now; emits reachableChanged on a change.
    void recompute();

private:
    void onEvents();
    bool dump(quint16 type, NetlinkRouteTable *table, QString *error);
    // Receives one datagram from the kernel into m_buffer; 0 when none is waiting.
    qsizetype receive(int fd, QString *error);

    int m_events = -1; // subscribed to the multicast groups
    int m_query = -1; // our dumps' requests and answers
    quint32 m_sequence = 0;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    QString m_error;
    bool m_reachable = false;
};

} // namespace parla::desktop
