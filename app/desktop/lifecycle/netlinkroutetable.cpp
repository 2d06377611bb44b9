// SPDX-License-Identifier: GPL-3.0-or-later
#include "netlinkroutetable.h"

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

namespace parla::desktop {

namespace {

// Copies a struct out of the buffer: the bytes carry no alignment guarantee.
template<typename T> bool read(QByteArrayView bytes, T *out)
{
    if (bytes.size() < qsizetype(sizeof(T)))
        return false;
    std::memcpy(out, bytes.data(), sizeof(T));
    return true;
}

// Walks rtattrs: calls `visit(type, payload)` for each; false and a reason when one is malformed.
template<typename Visit> bool walkAttributes(QByteArrayView bytes, QString *error, Visit visit)
{
    int count = 0;
    while (bytes.size() >= qsizetype(sizeof(rtattr))) {
        rtattr attribute;
        read(bytes, &attribute);
        if (attribute.rta_len < sizeof(rtattr) || attribute.rta_len > bytes.size()) {
            *error = QStringLiteral("attribute %1 claims %2 bytes of %3")
                         .arg(attribute.rta_type)
                         .arg(attribute.rta_len)
                         .arg(bytes.size());
            return false;
        }
        if (++count > NetlinkRouteTable::maxAttributesPerMessage) {
            *error = QStringLiteral("more than %1 attributes in one message")
                         .arg(NetlinkRouteTable::maxAttributesPerMessage);
            return false;
        }
        if (!visit(attribute.rta_type, bytes.sliced(sizeof(rtattr), attribute.rta_len - sizeof(rtattr))))
            return false;
        bytes = bytes.sliced(std::min<qsizetype>(RTA_ALIGN(attribute.rta_len), bytes.size()));
    }
    return true;
}

} // namespace

NetlinkRouteTable::Result NetlinkRouteTable::feed(QByteArrayView datagram)
{
    Result result;
    auto fail = [&result](const QString &reason) {
        result.ok = false;
        result.error = reason;
        return result;
    };
    int count = 0;
    while (datagram.size() >= qsizetype(sizeof(nlmsghdr))) {
        nlmsghdr header;
        read(datagram, &header);
        if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > datagram.size())
            return fail(QStringLiteral("message of %1 bytes in %2 left").arg(header.nlmsg_len).arg(datagram.size()));
        if (++count > maxMessagesPerDatagram)
            return fail(QStringLiteral("more than %1 messages in one datagram").arg(maxMessagesPerDatagram));
        if (header.nlmsg_flags & NLM_F_DUMP_INTR)
            return fail(QStringLiteral("the dump was interrupted by a change"));
        const QByteArrayView payload = datagram.sliced(NLMSG_HDRLEN, header.nlmsg_len - NLMSG_HDRLEN);
        QString error;
        switch (header.nlmsg_type) {
        case NLMSG_DONE:
            result.done = true;
            return result;
        case NLMSG_ERROR: {
            nlmsgerr answer;
            if (!read(payload, &answer))
                return fail(QStringLiteral("truncated error message"));
            if (answer.error != 0)
                return fail(
                    QStringLiteral("the kernel answered: %1").arg(QString::fromLocal8Bit(strerror(-answer.error))));
            break; // an acknowledgement
        }
        case RTM_NEWLINK:
        case RTM_DELLINK:
            if (!applyLink(header.nlmsg_type, payload, &error))
                return fail(error);
            ++result.changes;
            break;
        case RTM_NEWROUTE:
        case RTM_DELROUTE:
            if (!applyRoute(header.nlmsg_type, payload, &error))
                return fail(error);
            ++result.changes;
            break;
        default:
            break; // NLMSG_NOOP, addresses, neighbours: not ours
        }
        datagram = datagram.sliced(std::min<qsizetype>(NLMSG_ALIGN(header.nlmsg_len), datagram.size()));
    }
    if (!datagram.isEmpty())
        return fail(QStringLiteral("%1 stray bytes after the last message").arg(datagram.size()));
    return result;
}

void NetlinkRouteTable::clear()
{
    m_linkUp.clear();
    m_defaultRoutes.clear();
}

bool NetlinkRouteTable::isReachable() const
{
    for (const DefaultRoute &route : m_defaultRoutes)
        for (int index : route.interfaces)
            if (m_linkUp.value(index, false))
                return true;
    return false;
}

bool NetlinkRouteTable::applyLink(quint16 type, QByteArrayView payload, QString *error)
{
    ifinfomsg link;
    if (!read(payload, &link)) {
        *error = QStringLiteral("link message of %1 bytes").arg(payload.size());
        return false;
    }
    // The attributes are not needed, but a malformed message is rejected all the same.
    if (!walkAttributes(payload.sliced(sizeof(ifinfomsg)), error, [](int, QByteArrayView) { return true; }))
        return false;
    if (type == RTM_DELLINK || (link.ifi_flags & IFF_LOOPBACK)) {
        m_linkUp.remove(link.ifi_index);
        return true;
    }
    // Up (administratively) and with carrier (IFF_LOWER_UP, what `ip link` shows as LOWER_UP).
    m_linkUp.insert(link.ifi_index, (link.ifi_flags & IFF_UP) && (link.ifi_flags & IFF_LOWER_UP));
    return true;
}

bool NetlinkRouteTable::applyRoute(quint16 type, QByteArrayView payload, QString *error)
{
    rtmsg message;
    if (!read(payload, &message)) {
        *error = QStringLiteral("route message of %1 bytes").arg(payload.size());
        return false;
    }
    DefaultRoute route;
    route.family = message.rtm_family;
    quint32 table = message.rtm_table;
    const auto u32 = [error](QByteArrayView bytes, quint32 *out) {
        if (bytes.size() != 4) {
            *error = QStringLiteral("a 32-bit route attribute of %1 bytes").arg(bytes.size());
            return false;
        }
        read(bytes, out);
        return true;
    };
    const bool ok = walkAttributes(payload.sliced(sizeof(rtmsg)), error, [&](int kind, QByteArrayView value) {
        quint32 number = 0;
        switch (kind) {
        case RTA_TABLE:
            return u32(value, &table);
        case RTA_PRIORITY:
            return u32(value, &route.priority);
        case RTA_GATEWAY:
            route.gateway = value.toByteArray();
            return true;
        case RTA_OIF:
            if (!u32(value, &number))
                return false;
            route.interfaces.append(int(number));
            return true;
        case RTA_MULTIPATH: {
            int hops = 0;
            while (value.size() >= qsizetype(sizeof(rtnexthop))) {
                rtnexthop hop;
                read(value, &hop);
                if (hop.rtnh_len < sizeof(rtnexthop) || hop.rtnh_len > value.size() || ++hops > maxNextHops) {
                    *error
                        = QStringLiteral("a malformed next hop (%1 bytes of %2)").arg(hop.rtnh_len).arg(value.size());
                    return false;
                }
                route.interfaces.append(hop.rtnh_ifindex);
                value = value.sliced(std::min<qsizetype>(RTNH_ALIGN(hop.rtnh_len), value.size()));
            }
            return true;
        }
        default:
            return true;
        }
    });
    if (!ok)
        return false;
    // Only default unicast routes of the main table say "the world is reachable"; local,
    // broadcast, blackhole and policy tables do not.
    if ((route.family != AF_INET && route.family != AF_INET6) || message.rtm_dst_len != 0
        || message.rtm_type != RTN_UNICAST || table != RT_TABLE_MAIN)
        return true;
    m_defaultRoutes.removeAll(route);
    if (type == RTM_NEWROUTE)
        m_defaultRoutes.append(route);
    return true;
}

} // namespace parla::desktop
