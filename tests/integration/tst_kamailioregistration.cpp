// SPDX-License-Identifier: GPL-3.0-or-later
// CallClient against the project's real Kamailio over a real WebSocket: sign-in, wrong
// password, unreachable servers, a server killed and restarted, pause/resume/stop,
// each checked on Kamailio's side as well as by the client's own signals.
#include "client/callclient.h"
#include "client/engine.h"
#include "clientstatewait.h"
#include "kamailioserver.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketServer>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ClientError;
using parla::client::ConnectionTuning;
using parla::client::Engine;
using parla::client::Session;
using parla::test::KamailioServer;
using parla::test::waitForState;
using State = CallClient::State;

// What a Kamailio logged from a byte offset of its log on: the REGISTERs it accepted (the
// xlog line of kamailio.cfg's route[REGISTRAR]) and the WebSocket connections that closed.
struct LoggedEvent
{
    enum class Kind { Register, Closed };
    Kind kind;
    QString user; // Register only
    QString expires; // Register only: the Expires header as sent
    quint16 port; // the client's side of the connection
};

static qint64 logSize(const KamailioServer &server)
{
    return QFileInfo(server.logFilePath()).size();
}

static QList<LoggedEvent> loggedSince(const KamailioServer &server, qint64 offset)
{
    QFile log(server.logFilePath());
    if (!log.open(QIODevice::ReadOnly) || !log.seek(offset))
        return {};
    static const QRegularExpression registerLine(QStringLiteral(R"(REGISTER (\S+) from \S+:(\d+) Expires=(\S*))"));
    static const QRegularExpression closedLine(QStringLiteral(R"(WebSocket connection from \S+:(\d+) has closed)"));
    QList<LoggedEvent> events;
    while (!log.atEnd()) {
        const QString line = QString::fromUtf8(log.readLine());
        if (const auto m = registerLine.match(line); m.hasMatch())
            events.append({ LoggedEvent::Kind::Register, m.captured(1), m.captured(3), m.captured(2).toUShort() });
        else if (const auto c = closedLine.match(line); c.hasMatch())
            events.append({ LoggedEvent::Kind::Closed, {}, {}, c.captured(1).toUShort() });
    }
    return events;
}

class TestRegistration : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;
    // One that keeps a binding when its connection closes (no handle_lost_tcp), so that only an
    // un-REGISTER removes it: where a missing un-REGISTER shows.
    std::unique_ptr<KamailioServer> m_keeping;

    static ConnectionTuning testTuning()
    {
        ConnectionTuning tuning;
        tuning.backoffBase = 200ms;
        tuning.backoffCap = 1000ms;
        tuning.maxStartAttempts = 3;
        tuning.openTimeout = 3000ms;
        return tuning;
    }
    Session session(const QString &user, const QString &password) const
    {
        Session s;
        s.server = m_kamailio->webSocketUrl();
        s.user = user;
        s.password = password;
        return s;
    }
    static std::unique_ptr<Engine> makeEngine(const ConnectionTuning &tuning = testTuning())
    {
        return std::make_unique<Engine>([tuning](CallClient *client) { client->setTuning(tuning); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        // This suite kills and restarts Kamailio, so it runs one of its own.
        m_kamailio = std::make_unique<KamailioServer>();
        QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));
        m_keeping = std::make_unique<KamailioServer>();
        m_keeping->addDefine(QStringLiteral("HANDLE_LOST_TCP=0"));
        QVERIFY2(m_keeping->start(), qPrintable(m_keeping->errorString()));
    }
    void cleanupTestCase()
    {
        m_keeping.reset();
        m_kamailio.reset();
    }

    void signsInAndKamailioHasTheBinding()
    {
        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy didStart(client, &CallClient::didStart);
        client->start(session(QStringLiteral("alice"), QStringLiteral("alice-secret")));
        QTRY_COMPARE_WITH_TIMEOUT(didStart.size(), 1, 10000);
        QCOMPARE(client->state(), State::Running);
        const QStringList contacts = m_kamailio->registeredContacts(QStringLiteral("alice"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY2(contacts.first().contains(QLatin1String(".invalid")), qPrintable(contacts.first()));

        QSignalSpy didStop(client, &CallClient::didStop);
        client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(didStop.size(), 1, 5000);
        // didStop comes after the un-REGISTER was answered: Kamailio forgot alice already.
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("alice")).isEmpty());
    }

    void wrongPasswordFailsOnceAndStaysFailed()
    {
        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        client->start(session(QStringLiteral("bob"), QStringLiteral("not-bobs-password")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto error = failed.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::AuthenticationFailed);
        QCOMPARE(client->state(), State::Failed);
        // No retry storm: nothing more happens by itself within several backoff periods.
        QVERIFY(!reconnecting.wait(1500));
        QCOMPARE(reconnecting.size(), 0);
        QCOMPARE(client->state(), State::Failed);
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("bob")).isEmpty());
    }

    void unreachableServerFailsAfterBoundedTries()
    {
        // A loopback port with nothing behind it: take one, then close it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        Session s = session(QStringLiteral("alice"), QStringLiteral("alice-secret"));
        s.server = QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port));
        client->start(s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(failed.first().first().value<ClientError>().reason, ClientError::Reason::ServerUnreachable);
        QCOMPARE(reconnecting.size(), testTuning().maxStartAttempts);
    }

    void serverWithoutSipSubprotocolIsRefused()
    {
        // A real WebSocket server that speaks no SIP: the handshake succeeds without "sip".
        QWebSocketServer server(QStringLiteral("not-sip"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        Session s = session(QStringLiteral("alice"), QStringLiteral("alice-secret"));
        s.server = QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort()));
        client->start(s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto error = failed.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::ProtocolRefused);
        QVERIFY2(error.message.contains(QLatin1String("sip")), qPrintable(error.message));
    }

    void untrustedCertificateIsRefused()
    {
        // wss:// to a server whose certificate nobody vouches for: a failure the user must see,
        // never a silent retry. The server is a real TLS WebSocket server with a fresh
        // self-signed certificate.
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem")) });
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        QWebSocketServer server(QStringLiteral("self-signed"), QWebSocketServer::SecureMode);
        server.setSslConfiguration(tls);
        server.setSupportedSubprotocols({ QStringLiteral("sip") });
        QVERIFY(server.listen(QHostAddress::LocalHost));

        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        Session s = session(QStringLiteral("alice"), QStringLiteral("alice-secret"));
        s.server = QUrl(QStringLiteral("wss://127.0.0.1:%1").arg(server.serverPort()));
        client->start(s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const auto error = failed.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::CertificateRefused);
        QVERIFY2(!error.message.isEmpty(), "the user is told why");
        QCOMPARE(reconnecting.size(), 0);
    }

    void killedServerIsReconnectedToByItself()
    {
        auto engine = makeEngine();
        CallClient *client = engine->client();
        client->start(session(QStringLiteral("carol"), QStringLiteral("carol-secret")));
        QVERIFY(waitForState(client, State::Running));

        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        m_kamailio->kill(); // a crash: no goodbye, connections reset
        QVERIFY(waitForState(client, State::Reconnecting));
        QTRY_VERIFY_WITH_TIMEOUT(!reconnecting.isEmpty(), 5000); // it keeps trying while the server is down
        QVERIFY2(m_kamailio->restart(), qPrintable(m_kamailio->errorString()));
        // Back to running with no user action, and registered again on the new Kamailio.
        QVERIFY(waitForState(client, State::Running, 15000));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("carol")).size(), 1);
        client->stop();
        QVERIFY(waitForState(client, State::Stopped));
    }

    void hungServerIsDetectedByMissingPongs()
    {
        // The socket stays open but nothing answers: only the keepalive can tell.
        ConnectionTuning tuning = testTuning();
        tuning.pingInterval = 300ms;
        tuning.pongTimeout = 500ms;
        auto engine = makeEngine(tuning);
        CallClient *client = engine->client();
        client->start(session(QStringLiteral("alice"), QStringLiteral("alice-secret")));
        QVERIFY(waitForState(client, State::Running));

        m_kamailio->freeze();
        QElapsedTimer clock;
        clock.start();
        const bool detected = waitForState(client, State::Reconnecting, 5000);
        const qint64 detectedAfter = clock.elapsed();
        m_kamailio->thaw();
        QVERIFY(detected);
        // One ping interval plus the pong timeout, give or take a timer tick.
        QVERIFY2(detectedAfter < 3000, qPrintable(QString::number(detectedAfter)));
        QVERIFY(waitForState(client, State::Running, 15000));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("alice")).size(), 1);
        client->stop();
        QVERIFY(waitForState(client, State::Stopped));
    }

    void pauseUnregistersAndResumeRegistersAgain()
    {
        auto engine = makeEngine();
        CallClient *client = engine->client();
        client->start(session(QStringLiteral("alice"), QStringLiteral("alice-secret")));
        QVERIFY(waitForState(client, State::Running));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("alice")).size(), 1);

        QSignalSpy didPause(client, &CallClient::didPause);
        client->pause();
        QTRY_COMPARE_WITH_TIMEOUT(didPause.size(), 1, 5000);
        // didPause means it: Kamailio already forgot alice, and the WebSocket is closed there.
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("alice")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_kamailio->webSocketConnectionCount(), 0, 2000);

        QSignalSpy didResume(client, &CallClient::didResume);
        QElapsedTimer clock;
        clock.start();
        client->resume();
        QTRY_COMPARE_WITH_TIMEOUT(didResume.size(), 1, 10000);
        qInfo() << "resume() -> running took" << clock.elapsed() << "ms";
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("alice")).size(), 1);
        client->stop();
        QVERIFY(waitForState(client, State::Stopped));
    }

    // pause() and stop() put Expires: 0 on the wire, and the binding is gone before the socket
    // closes. The shared Kamailio drops a binding with its connection, which would hide a
    // missing un-REGISTER; this one keeps it.
    void pauseAndStopUnregisterBeforeClosing_data()
    {
        QTest::addColumn<bool>("pause");
        QTest::addColumn<QString>("user"); // one each: a binding left behind stays out of the other row
        QTest::newRow("pause") << true << QStringLiteral("alice");
        QTest::newRow("stop") << false << QStringLiteral("bob");
    }
    void pauseAndStopUnregisterBeforeClosing()
    {
        QFETCH(bool, pause);
        QFETCH(QString, user);
        Session s = session(user, KamailioServer::demoPassword(user));
        s.server = m_keeping->webSocketUrl();
        auto engine = makeEngine();
        CallClient *client = engine->client();
        client->start(s);
        QVERIFY(waitForState(client, State::Running));
        QCOMPARE(m_keeping->registeredContacts(user).size(), 1);

        const qint64 logStart = logSize(*m_keeping);
        QSignalSpy did(client, pause ? &CallClient::didPause : &CallClient::didStop);
        if (pause)
            client->pause();
        else
            client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(did.size(), 1, 5000);
        // Here only an un-REGISTER removes a binding, and "did" means it was answered.
        QVERIFY(m_keeping->registeredContacts(user).isEmpty());

        // On the wire: one REGISTER since, with Expires 0, over a connection that closed after it.
        QList<LoggedEvent> events;
        QList<qsizetype> registers; // indexes in events
        const auto closedAfter = [&](qsizetype at) {
            for (qsizetype i = at + 1; i < events.size(); ++i) {
                if (events.at(i).kind == LoggedEvent::Kind::Closed && events.at(i).port == events.at(at).port)
                    return true;
            }
            return false;
        };
        const auto settled = [&] { // a connection closed, and so did each one a REGISTER came over
            events = loggedSince(*m_keeping, logStart);
            registers.clear();
            bool closed = false;
            for (qsizetype i = 0; i < events.size(); ++i) {
                closed = closed || events.at(i).kind == LoggedEvent::Kind::Closed;
                if (events.at(i).kind == LoggedEvent::Kind::Register && events.at(i).user == user)
                    registers.append(i);
            }
            return closed && std::all_of(registers.begin(), registers.end(), closedAfter);
        };
        // Kamailio logs a closed connection when it removes it, some 5 s later (the websocket
        // module's rm_delay_interval).
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
        QCOMPARE(registers.size(), 1);
        QCOMPARE(events.at(registers.first()).expires, QStringLiteral("0"));
        QVERIFY2(closedAfter(registers.first()), "its connection closed after it, not before");
    }

    // The check above can fail: on that Kamailio a connection closed without an un-REGISTER
    // (an Engine destroyed while running, as after a crash) leaves its binding behind.
    void bindingOutlivesAConnectionClosedWithoutUnregister()
    {
        const QString carol = QStringLiteral("carol");
        Session s = session(carol, QStringLiteral("carol-secret"));
        s.server = m_keeping->webSocketUrl();
        auto engine = makeEngine();
        engine->client()->start(s);
        QVERIFY(waitForState(engine->client(), State::Running));
        QCOMPARE(m_keeping->registeredContacts(carol).size(), 1);
        const qint64 logStart = logSize(*m_keeping);
        engine.reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_keeping->webSocketConnectionCount(), 0, 5000);
        QCOMPARE(m_keeping->registeredContacts(carol).size(), 1);
        for (const LoggedEvent &e : loggedSince(*m_keeping, logStart))
            QVERIFY(e.kind != LoggedEvent::Kind::Register);
    }

    void incomingInviteIsAnsweredUnavailable()
    {
        // A UDP caller reaches the WebSocket client through Kamailio (record-route, alias,
        // location lookup); until calls land, the client answers 480, not silence.
        auto engine = makeEngine();
        CallClient *client = engine->client();
        client->start(session(QStringLiteral("alice"), QStringLiteral("alice-secret")));
        QVERIFY(waitForState(client, State::Running));
        QProcess sipp;
        sipp.setProcessChannelMode(QProcess::MergedChannels);
        sipp.start(QStringLiteral("sipp"),
            { QStringLiteral("-sf"), QFINDTESTDATA("sipp/invite_unavailable.xml"), QStringLiteral("-s"),
                QStringLiteral("alice"), QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-m"),
                QStringLiteral("1"), QStringLiteral("-timeout"), QStringLiteral("10s"),
                QStringLiteral("-timeout_error"), QStringLiteral("-nostdin"),
                QStringLiteral("127.0.0.1:%1").arg(m_kamailio->udpPort()) });
        QVERIFY(sipp.waitForFinished(30000));
        QVERIFY2(sipp.exitCode() == 0, sipp.readAll().right(2000).constData());
        QCOMPARE(client->state(), State::Running); // an unanswerable call changes nothing
        client->stop();
        QVERIFY(waitForState(client, State::Stopped));
    }

    void sameInstanceReplacesTheBinding()
    {
        // After a network change the old flow may still look alive to the server while the
        // client registers over a new one. With the same instance id and Contact, the registrar
        // must replace the binding, not add a second one. Two engines with one identity play it.
        Session s = session(QStringLiteral("bob"), QStringLiteral("bob-secret"));
        s.instanceId = QUuid::createUuid();
        auto before = makeEngine();
        before->client()->start(s);
        QVERIFY(waitForState(before->client(), State::Running));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("bob")).size(), 1);
        auto after = makeEngine();
        after->client()->start(s);
        QVERIFY(waitForState(after->client(), State::Running));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("bob")).size(), 1);
        QCOMPARE(m_kamailio->webSocketConnectionCount(), 2);

        // A different instance is a different device: a binding of its own.
        Session other = s;
        other.instanceId = QUuid::createUuid();
        auto device = makeEngine();
        device->client()->start(other);
        QVERIFY(waitForState(device->client(), State::Running));
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("bob")).size(), 2);
        for (auto *engine : { before.get(), after.get(), device.get() }) {
            engine->client()->stop();
            QVERIFY(waitForState(engine->client(), State::Stopped));
        }
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("bob")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_kamailioregistration.moc"
