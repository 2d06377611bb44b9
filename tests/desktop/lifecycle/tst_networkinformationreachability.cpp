// SPDX-License-Identifier: GPL-3.0-or-later
// QNetworkInformation's networkmanager backend, fed by python3-dbusmock's networkmanager
// template on a private system bus: NetworkManager's state changes become reachability.
#include "networkinformationreachability.h"
#include "privatesystembus.h"

#include <QTest>

using parla::desktop::NetworkInformationReachability;
using parla::test::PrivateSystemBus;
using Reachability = QNetworkInformation::Reachability;

namespace {
const QString service = QStringLiteral("org.freedesktop.NetworkManager");
const QString path = QStringLiteral("/org/freedesktop/NetworkManager");
// NMState, as NetworkManager's D-Bus API numbers it.
enum NmState : uint { Disconnected = 20, ConnectedLocal = 50, ConnectedSite = 60, ConnectedGlobal = 70 };

bool setState(uint state)
{
    return PrivateSystemBus::mockCall(
               service, path, QStringLiteral("SetGlobalConnectionState"), { QVariant::fromValue(state) })
               .type()
        == QDBusMessage::ReplyMessage;
}
} // namespace

class TestNetworkInformationReachability : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PrivateSystemBus> m_bus;

private Q_SLOTS:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateSystemBus>();
        QString error;
        QVERIFY2(m_bus->start(&error), qPrintable(error));
        QVERIFY2(m_bus->startTemplate(QStringLiteral("networkmanager"), service, &error), qPrintable(error));
    }
    void cleanupTestCase() { m_bus.reset(); }

    void mapping_data()
    {
        QTest::addColumn<Reachability>("reachability");
        QTest::addColumn<bool>("reachable");
        QTest::newRow("online") << Reachability::Online << true;
        QTest::newRow("site") << Reachability::Site << true;
        QTest::newRow("local") << Reachability::Local << false;
        QTest::newRow("disconnected") << Reachability::Disconnected << false;
    }
    void mapping()
    {
        QFETCH(Reachability, reachability);
        QFETCH(bool, reachable);
        QCOMPARE(NetworkInformationReachability::isReachable(reachability), reachable);
    }

    void networkManagerStateChangesAreReported()
    {
        std::unique_ptr<NetworkInformationReachability> source(NetworkInformationReachability::create());
        QVERIFY2(source, "Qt did not load its networkmanager backend on the private system bus");
        QCOMPARE(QNetworkInformation::instance()->backendName(), QStringLiteral("networkmanager"));
        QVERIFY(source->isReachable());
        QSignalSpy changes(source.get(), &NetworkInformationReachability::reachableChanged);

        QVERIFY(setState(Disconnected));
        QVERIFY(changes.wait(3000));
        QCOMPARE(changes.last().first().toBool(), false);

        QVERIFY(setState(ConnectedSite));
        QVERIFY(changes.wait(3000));
        QCOMPARE(changes.last().first().toBool(), true);

        QVERIFY(setState(ConnectedLocal));
        QVERIFY(changes.wait(3000));
        QCOMPARE(changes.last().first().toBool(), false);

        QVERIFY(setState(ConnectedGlobal));
        QVERIFY(changes.wait(3000));
        QCOMPARE(changes.last().first().toBool(), true);
        QCOMPARE(changes.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestNetworkInformationReachability)
#include "tst_networkinformationreachability.moc"
