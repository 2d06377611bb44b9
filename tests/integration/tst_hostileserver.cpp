// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile servers over a real WebSocket: whatever a server answers, Parla (with its default
// tuning, as parla-cli runs it) sends a bounded number of requests and connections in a fixed
// window. parla-bench-hostileserver prints the same counts per minute.
#include "clientstatewait.h"
#include "hostileservers.h"

#include "client/callclient.h"
#include "client/engine.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::test::FakeSipServer;
using State = CallClient::State;

class TestHostileServer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeSipServer> m_server;
    std::unique_ptr<Engine> m_engine;

    CallClient *startAgainst(const char *hostile)
    {
        m_server = std::make_unique<FakeSipServer>();
        if (!m_server->listen())
            return nullptr;
        m_server->setHandler(parla::test::hostileServer(hostile).handler);
        m_engine = std::make_unique<Engine>();
        Session session;
        session.server = m_server->url();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("secret");
        session.domain = QStringLiteral("hostile.test");
        m_engine->client()->start(session);
        return m_engine->client();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_engine.reset();
        m_server.reset();
    }

    void grantOfYearsIsRefreshedWithinADayNotAtOnce()
    {
        CallClient *client = startAgainst("grant-years");
        QVERIFY(client);
        QVERIFY(parla::test::waitForState(client, State::Running));
        QTest::qWait(2000); // the window: a wrapped timer would refresh thousands of times in it
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void retryAfterOfYearsWaitsButRetryNowActs()
    {
        CallClient *client = startAgainst("retry-after-years");
        QVERIFY(client);
        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        QVERIFY(reconnecting.wait());
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(reconnecting.first().at(1).toDateTime());
        QVERIFY2(wait > 29 * 60 * 1000 && wait <= 30 * 60 * 1000 + 1000, qPrintable(QString::number(wait)));
        QTest::qWait(2000);
        QCOMPARE(m_server->requestCount(), 1);
        client->networkAvailable(); // the user's "retry now"
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 2, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, 3000);
    }

    void minExpiresLadderEndsAfterOneRetry()
    {
        CallClient *client = startAgainst("min-expires-ladder");
        QVERIFY(client);
        QVERIFY(parla::test::waitForState(client, State::Failed));
        QTest::qWait(1000);
        QCOMPARE(m_server->requestCount(), 2);
    }

    void staleNonceLoopEnds()
    {
        CallClient *client = startAgainst("stale-nonce");
        QVERIFY(client);
        QVERIFY(parla::test::waitForState(client, State::Failed));
        QTest::qWait(1000);
        QVERIFY2(m_server->requestCount() <= 4, qPrintable(QString::number(m_server->requestCount())));
    }

    // Registered, then dropped at once, again and again: each flow counts as a failure, so the
    // waits grow (1-2 s, 2-4 s, 4-8 s, ...) instead of a reconnect every second or two.
    void acceptThenDropGetsGrowingWaits()
    {
        CallClient *client = startAgainst("accept-then-drop");
        QVERIFY(client);
        QList<qint64> waits;
        connect(client, &CallClient::didStartReconnecting, this,
            [&](int, const QDateTime &nextTry) { waits.append(QDateTime::currentDateTimeUtc().msecsTo(nextTry)); });
        QTRY_VERIFY_WITH_TIMEOUT(waits.size() >= 3, 20000);
        QVERIFY2(waits.at(2) >= 3900, qPrintable(QString::number(waits.at(2)))); // at least 4 s, never 1-2 s
        QVERIFY2(m_server->connectionCount() <= 4, qPrintable(QString::number(m_server->connectionCount())));
    }
};

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
