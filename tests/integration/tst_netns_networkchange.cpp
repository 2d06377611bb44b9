// SPDX-License-Identifier: GPL-3.0-or-later
// The network goes away and comes back, for real: this test runs in a network namespace of
// its own (see CMakeLists.txt) with its own Kamailio, and takes the loopback link down and up.
#include "client/callclient.h"
#include "client/engine.h"
#include "clientstatewait.h"
#include "kamailioserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ConnectionTuning;
using parla::client::Engine;
using parla::client::Session;
using parla::test::KamailioServer;
using parla::test::waitForState;
using State = CallClient::State;

class TestNetworkChange : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;

    static bool setLoopback(bool up)
    {
        QProcess ip;
        ip.start(QStringLiteral("ip"),
            { QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                up ? QStringLiteral("up") : QStringLiteral("down") });
        return ip.waitForFinished(5000) && ip.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_kamailio = std::make_unique<KamailioServer>();
        QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));
    }
    void cleanup() { QVERIFY(setLoopback(true)); }
    void cleanupTestCase() { m_kamailio.reset(); }

    void networkBackReconnectsAtOnceNotAfterTheBackoff()
    {
        ConnectionTuning tuning;
        tuning.pingInterval = 300ms;
        tuning.pongTimeout = 500ms;
        tuning.openTimeout = 1000ms;
        tuning.backoffBase = 30s; // so that only networkAvailable() can explain a quick return
        tuning.backoffCap = 60s;
        Engine engine([tuning](CallClient *client) { client->setTuning(tuning); });
        CallClient *client = engine.client();
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("alice-secret");
        client->start(session);
        QVERIFY(waitForState(client, State::Running, 10000));

        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        QVERIFY(setLoopback(false));
        // The socket does not close: only the missing pongs tell.
        QVERIFY(waitForState(client, State::Reconnecting, 5000));
        QVERIFY(!reconnecting.isEmpty() || reconnecting.wait(5000));
        const QDateTime nextTry = reconnecting.last().at(1).toDateTime();
        QVERIFY(nextTry > QDateTime::currentDateTimeUtc().addSecs(10));

        QVERIFY(setLoopback(true));
        QElapsedTimer clock;
        clock.start();
        client->networkAvailable(); // what the desktop's reachability source will call
        QVERIFY(waitForState(client, State::Running, 5000));
        qInfo() << "running again" << clock.elapsed() << "ms after the network came back";
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("alice")).size(), 1);

        client->stop();
        QVERIFY(waitForState(client, State::Stopped, 10000));
    }
};

QTEST_GUILESS_MAIN(TestNetworkChange)
#include "tst_netns_networkchange.moc"
