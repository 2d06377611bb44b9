// SPDX-License-Identifier: GPL-3.0-or-later
// The rtnetlink parser on messages built here byte by byte, well-formed and not.
#include "netlinkroutetable.h"

#include <QTest>

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

using parla::desktop::NetlinkRouteTable;

namespace {

template<typename T> QByteArray bytesOf(const T &value)
{
    return QByteArray(reinterpret_cast<const char *>(&value), sizeof(T));
}

QByteArray pad(QByteArray bytes)
{
    bytes.resize(NLMSG_ALIGN(bytes.size()), '\0');
    return bytes;
}

QByteArray attribute(quint16 type, const QByteArray &value)
{
    rtattr header { quint16(RTA_LENGTH(value.size())), type };
    return pad(bytesOf(header) + value);
}

QByteArray u32(quint32 value)
{
    return bytesOf(value);
}

QByteArray message(quint16 type, const QByteArray &body, quint16 flags = 0)
{
    nlmsghdr header {};
    header.nlmsg_len = NLMSG_LENGTH(body.size());
    header.nlmsg_type = type;
    header.nlmsg_flags = flags;
    return pad(bytesOf(header) + body);
}

QByteArray link(int index, unsigned flags, quint16 type = RTM_NEWLINK)
{
    ifinfomsg info {};
    info.ifi_family = AF_UNSPEC;
    info.ifi_index = index;
    info.ifi_flags = flags;
    return message(type, bytesOf(info) + attribute(IFLA_IFNAME, QByteArray("v0\0", 3)));
}

QByteArray route(int family, int oif, quint16 type = RTM_NEWROUTE, unsigned char dstLen = 0,
    unsigned char kind = RTN_UNICAST, quint32 table = RT_TABLE_MAIN)
{
    rtmsg info {};
    info.rtm_family = family;
    info.rtm_dst_len = dstLen;
    info.rtm_table = table < 256 ? table : RT_TABLE_COMPAT;
    info.rtm_type = kind;
    QByteArray attributes = attribute(RTA_TABLE, u32(table)) + attribute(RTA_OIF, u32(oif))
        + attribute(RTA_GATEWAY, family == AF_INET ? QByteArray("\x0a\x00\x00\x01", 4) : QByteArray(16, '\1'));
    return message(type, bytesOf(info) + attributes);
}

const unsigned upFlags = IFF_UP | IFF_LOWER_UP | IFF_RUNNING;

} // namespace

class TestNetlinkRouteTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reachability_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::addColumn<bool>("reachable");
        QTest::newRow("default route over an up link") << link(2, upFlags) + route(AF_INET, 2) << true;
        QTest::newRow("IPv6 default route") << link(2, upFlags) + route(AF_INET6, 2) << true;
        QTest::newRow("route first, link after") << route(AF_INET, 2) + link(2, upFlags) << true;
        QTest::newRow("link down") << link(2, IFF_UP) + route(AF_INET, 2) << false;
        QTest::newRow("link administratively down") << link(2, IFF_LOWER_UP) + route(AF_INET, 2) << false;
        QTest::newRow("route over another link") << link(2, upFlags) + route(AF_INET, 3) << false;
        QTest::newRow("no default route") << link(2, upFlags) + route(AF_INET, 2, RTM_NEWROUTE, 24) << false;
        QTest::newRow("route removed") << link(2, upFlags) + route(AF_INET, 2) + route(AF_INET, 2, RTM_DELROUTE)
                                       << false;
        QTest::newRow("link removed") << link(2, upFlags) + route(AF_INET, 2) + link(2, 0, RTM_DELLINK) << false;
        QTest::newRow("over loopback") << link(1, upFlags | IFF_LOOPBACK) + route(AF_INET, 1) << false;
        QTest::newRow("blackhole") << link(2, upFlags) + route(AF_INET, 2, RTM_NEWROUTE, 0, RTN_BLACKHOLE) << false;
        QTest::newRow("another table") << link(2, upFlags) + route(AF_INET, 2, RTM_NEWROUTE, 0, RTN_UNICAST, 1000)
                                       << false;
        QTest::newRow("unknown messages are skipped")
            << message(RTM_NEWADDR, QByteArray(8, '\0')) + link(2, upFlags) + route(AF_INET, 2) << true;
    }
    void reachability()
    {
        QFETCH(QByteArray, datagram);
        QFETCH(bool, reachable);
        NetlinkRouteTable table;
        const auto result = table.feed(datagram);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(table.isReachable(), reachable);
    }

    void multipathRouteCountsEachHop()
    {
        rtmsg info {};
        info.rtm_family = AF_INET;
        info.rtm_table = RT_TABLE_MAIN;
        info.rtm_type = RTN_UNICAST;
        rtnexthop first {};
        first.rtnh_len = sizeof(rtnexthop);
        first.rtnh_ifindex = 3;
        rtnexthop second = first;
        second.rtnh_ifindex = 4;
        const QByteArray multipath = attribute(RTA_MULTIPATH, bytesOf(first) + bytesOf(second));
        NetlinkRouteTable table;
        QVERIFY(table.feed(link(4, upFlags) + message(RTM_NEWROUTE, bytesOf(info) + multipath)).ok);
        QVERIFY(table.isReachable());
    }

    void dumpEndsWithDone()
    {
        NetlinkRouteTable table;
        const auto result = table.feed(link(2, upFlags) + message(NLMSG_DONE, u32(0)) + route(AF_INET, 2));
        QVERIFY(result.ok);
        QVERIFY(result.done);
        QCOMPARE(result.changes, 1);
        QVERIFY(!table.isReachable()); // nothing after DONE is read
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::addColumn<QString>("reason");
        QByteArray longer = link(2, upFlags);
        reinterpret_cast<nlmsghdr *>(longer.data())->nlmsg_len = 4096;
        QTest::newRow("message longer than the datagram") << longer << QStringLiteral("message of 4096 bytes");
        QByteArray shorter = link(2, upFlags);
        reinterpret_cast<nlmsghdr *>(shorter.data())->nlmsg_len = 8;
        QTest::newRow("message shorter than its header") << shorter << QStringLiteral("message of 8 bytes");
        QTest::newRow("stray bytes") << link(2, upFlags) + QByteArray(6, '\0') << QStringLiteral("stray bytes");
        QTest::newRow("truncated link") << message(RTM_NEWLINK, QByteArray(4, '\0'))
                                        << QStringLiteral("link message of 4 bytes");
        QTest::newRow("truncated route") << message(RTM_NEWROUTE, QByteArray(4, '\0'))
                                         << QStringLiteral("route message of 4 bytes");
        rtmsg info {};
        rtattr bad { 200, RTA_OIF };
        QTest::newRow("attribute past its message")
            << message(RTM_NEWROUTE, bytesOf(info) + bytesOf(bad)) << QStringLiteral("claims 200 bytes");
        QTest::newRow("oif of 2 bytes") << message(
            RTM_NEWROUTE, bytesOf(info) + attribute(RTA_OIF, QByteArray(2, '\1')))
                                        << QStringLiteral("32-bit route attribute of 2 bytes");
        rtnexthop hop {};
        hop.rtnh_len = 100;
        QTest::newRow("next hop past its attribute")
            << message(RTM_NEWROUTE, bytesOf(info) + attribute(RTA_MULTIPATH, bytesOf(hop)))
            << QStringLiteral("malformed next hop");
        QByteArray many;
        for (int i = 0; i <= NetlinkRouteTable::maxAttributesPerMessage; ++i)
            many += attribute(IFLA_MTU, u32(1500));
        ifinfomsg linkInfo {};
        QTest::newRow("too many attributes")
            << message(RTM_NEWLINK, bytesOf(linkInfo) + many) << QStringLiteral("more than 256 attributes");
        nlmsgerr error {};
        error.error = -EPERM;
        QTest::newRow("kernel error") << message(NLMSG_ERROR, bytesOf(error)) << QStringLiteral("the kernel answered");
        QTest::newRow("interrupted dump")
            << message(RTM_NEWLINK, bytesOf(linkInfo), NLM_F_MULTI | NLM_F_DUMP_INTR) << QStringLiteral("interrupted");
    }
    void rejected()
    {
        QFETCH(QByteArray, datagram);
        QFETCH(QString, reason);
        NetlinkRouteTable table;
        const auto result = table.feed(datagram);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(reason), qPrintable(result.error));
    }

    void tooManyMessagesIsAnError()
    {
        QByteArray datagram;
        for (int i = 0; i <= NetlinkRouteTable::maxMessagesPerDatagram; ++i)
            datagram += message(NLMSG_NOOP, {});
        NetlinkRouteTable table;
        QVERIFY(!table.feed(datagram).ok);
    }
};

QTEST_GUILESS_MAIN(TestNetlinkRouteTable)
#include "tst_netlinkroutetable.moc"
