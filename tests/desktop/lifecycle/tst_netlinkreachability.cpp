// SPDX-License-Identifier: GPL-3.0-or-later
// The rtnetlink source against the real kernel, in a network namespace of its own (see
// CMakeLists.txt): a veth link with an address and a default route, removed and restored.
#include "netlinkreachability.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using parla::desktop::NetlinkReachability;

namespace {

bool ip(const QString &arguments)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments.split(QLatin1Char(' ')));
    if (!process.waitForFinished(5000) || process.exitCode() != 0) {
        qWarning().noquote() << "ip" << arguments << "failed:" << process.readAllStandardError();
        return false;
    }
    return true;
}

} // namespace

class TestNetlinkReachability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!ip(QStringLiteral("link add v0 type veth peer name v1")))
            QSKIP("needs a network namespace of its own where veth links can be made (unshare -rn)");
    }
    void init()
    {
        QVERIFY(ip(QStringLiteral("link set v1 up")));
        QVERIFY(ip(QStringLiteral("link set v0 up")));
        // Taking a link down drops its IPv6 addresses: give them back each time.
        QVERIFY(ip(QStringLiteral("addr replace 10.99.0.2/24 dev v0")));
        QVERIFY(ip(QStringLiteral("-6 addr replace fd00:99::2/64 dev v0 nodad")));
    }
    void cleanup() { ip(QStringLiteral("route flush default")); }

    void startsUnreachableWithoutADefaultRoute()
    {
        NetlinkReachability source;
        QVERIFY2(source.isValid(), qPrintable(source.errorString()));
        QCOMPARE(source.backendName(), QStringLiteral("rtnetlink"));
        QVERIFY(!source.isReachable());
    }

    void defaultRouteRemovedAndRestored()
    {
        QVERIFY(ip(QStringLiteral("route add default via 10.99.0.1")));
        NetlinkReachability source;
        QVERIFY(source.isReachable());
        QSignalSpy changes(&source, &NetlinkReachability::reachableChanged);

        QVERIFY(ip(QStringLiteral("route del default via 10.99.0.1")));
        QVERIFY(changes.wait(2000));
        QCOMPARE(changes.last().first().toBool(), false);

        QVERIFY(ip(QStringLiteral("route add default via 10.99.0.1")));
        QVERIFY(changes.wait(2000));
        QCOMPARE(changes.last().first().toBool(), true);
        QCOMPARE(changes.size(), 2);
    }

    void linkDownTakesTheRouteWithIt()
    {
        QVERIFY(ip(QStringLiteral("route add default via 10.99.0.1")));
        NetlinkReachability source;
        QVERIFY(source.isReachable());
        QSignalSpy changes(&source, &NetlinkReachability::reachableChanged);
        // The kernel flushes the IPv4 route without a word: only the link event tells.
        QVERIFY(ip(QStringLiteral("link set v0 down")));
        QVERIFY(changes.wait(2000));
        QCOMPARE(changes.last().first().toBool(), false);
        // Up again, the route is gone for good: still unreachable.
        QVERIFY(ip(QStringLiteral("link set v0 up")));
        QTest::qWait(200); // no signal is the expected outcome: wait a bounded while for a wrong one
        QCOMPARE(changes.size(), 1);
        QVERIFY(!source.isReachable());
    }

    void carrierLostOnThePeerSide()
    {
        QVERIFY(ip(QStringLiteral("-6 route add default via fd00:99::1 dev v0")));
        NetlinkReachability source;
        QVERIFY(source.isReachable());
        QSignalSpy changes(&source, &NetlinkReachability::reachableChanged);
        // v0 stays up but loses its carrier (LOWER_UP) when its peer goes down: the cable pulled.
        QVERIFY(ip(QStringLiteral("link set v1 down")));
        QVERIFY(changes.wait(2000));
        QCOMPARE(changes.last().first().toBool(), false);
        QVERIFY(ip(QStringLiteral("link set v1 up")));
        QVERIFY(changes.wait(2000));
        QCOMPARE(changes.last().first().toBool(), true);
    }

    void unrelatedRoutesChangeNothing()
    {
        QVERIFY(ip(QStringLiteral("route add default via 10.99.0.1")));
        NetlinkReachability source;
        QSignalSpy changes(&source, &NetlinkReachability::reachableChanged);
        QVERIFY(ip(QStringLiteral("route add 192.0.2.0/24 via 10.99.0.1")));
        QVERIFY(ip(QStringLiteral("route del 192.0.2.0/24 via 10.99.0.1")));
        QTest::qWait(200); // as above: a bounded wait for a signal that must not come
        QVERIFY(changes.isEmpty());
        QVERIFY(source.isReachable());
    }
};

QTEST_GUILESS_MAIN(TestNetlinkReachability)
#include "tst_netlinkreachability.moc"
