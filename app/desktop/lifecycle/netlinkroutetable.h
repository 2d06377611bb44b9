// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace parla::desktop {

// What the kernel's rtnetlink messages say about reachability: the links (up or not) and the
// default routes of the main table, for IPv4 and IPv6. "Reachable" means a default route
// exists over a link that is up and has carrier. Pure parsing, no sockets: the fuzz target and
// the unit test feed it bytes. Everything is bounded and checked: a message or attribute whose
// length runs past its container is rejected with a reason, and nothing after it is read.
class NetlinkRouteTable
{
public:
    // At most this many messages are walked per datagram, attributes per message and
    // next hops per multipath route; more is an error, not a longer loop.
    static constexpr int maxMessagesPerDatagram = 1024;
    static constexpr int maxAttributesPerMessage = 256;
    static constexpr int maxNextHops = 64;

    struct Result
    {
        bool ok = true;
        QString error; // why the datagram was rejected (its messages before the bad one count)
        bool done = false; // NLMSG_DONE seen: the dump is complete
        int changes = 0; // link and route messages applied
    };

    // Applies every RTM_NEWLINK/DELLINK/NEWROUTE/DELROUTE of one datagram (a dump's part or
    // multicast events). NLMSG_ERROR and an interrupted dump are errors.
    Result feed(QByteArrayView datagram);
    void clear();

    bool isReachable() const;
    int linkCount() const { return int(m_linkUp.size()); }
    int defaultRouteCount() const { return int(m_defaultRoutes.size()); }

private:
    struct DefaultRoute
    {
        int family = 0;
        quint32 priority = 0;
        QByteArray gateway;
        QList<int> interfaces; // RTA_OIF, or each next hop's of RTA_MULTIPATH
        bool operator==(const DefaultRoute &) const = default;
    };
    bool applyLink(quint16 type, QByteArrayView payload, QString *error);
    bool applyRoute(quint16 type, QByteArrayView payload, QString *error);

    QHash<int, bool> m_linkUp; // by interface index; loopback links are not counted
    QList<DefaultRoute> m_defaultRoutes;
};

} // namespace parla::desktop
