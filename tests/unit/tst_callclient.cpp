// SPDX-License-Identifier: GPL-3.0-or-later
// CallClient life cycle against an in-process registrar: every transition, the reconnect
// rules, and the observer semantics of DESIGN.md. The real Kamailio suite is in tests/integration.
#include "clientstatewait.h"
#include "fakesipserver.h"
#include "sdponlymedia.h"

#include "calls/callregistry.h"
#include "client/callclient.h"
#include "client/engine.h"
#include "sip/digestauth.h"
#include "sip/sipmessage.h"
#include "transport/flow.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <optional>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ClientError;
using parla::client::ConnectionTuning;
using parla::client::Engine;
using parla::client::Session;
using parla::sip::SipMessage;
using parla::transport::Flow;
using parla::transport::FlowError;
using State = CallClient::State;

Q_DECLARE_METATYPE(parla::transport::FlowError::Kind)

namespace {
// A registrar on a real WebSocket that answers every REGISTER with `status` ("403 Forbidden");
// a 401 or 407 carries `challenge` as its WWW-/Proxy-Authenticate.
parla::test::FakeSipServer::Handler answering(const QByteArray &status, const QByteArray &challenge = {})
{
    return [status, challenge](parla::test::FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
        const int code = status.left(3).toInt();
        SipMessage response = SipMessage::response(request, code, status.mid(4), "fake");
        if (!challenge.isEmpty())
            response.addHeader(code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate", challenge);
        server.send(peer, response);
    };
}
} // namespace

// A registrar in the same process: answers REGISTERs with a digest challenge, checks the
// answer against its password, and can be told to refuse connections or to fail.
struct FakeRegistrar
{
    enum class Mode { Normal, RefuseConnections, ServiceUnavailable, Silent };
    QMutex mutex;
    Mode mode = Mode::Normal;
    QByteArray password = "secret";
    int grantedExpires = 600;
    int minExpires = 0; // answer 423 Interval Too Brief below this
    int retryAfter = 0;
    int flowsOpened = 0;
    std::optional<FlowError::Kind> openError; // every open fails this way
    // A WebSocket's closing handshake takes a round trip: closed() comes this long after close().
    // Never zero, so that anything announced "before the socket had closed" shows.
    std::chrono::milliseconds closeDelay { 50 };
    QList<SipMessage> registers;
    QPointer<Flow> current;

    int registerCount()
    {
        QMutexLocker lock(&mutex);
        return registers.size();
    }
};

class FakeFlow : public Flow
{
    Q_OBJECT
public:
    explicit FakeFlow(FakeRegistrar *registrar)
        : m_registrar(registrar)
    {
    }
    void open() override
    {
        QMetaObject::invokeMethod(
            this,
            [this] {
                QMutexLocker lock(&m_registrar->mutex);
                ++m_registrar->flowsOpened;
                if (m_registrar->mode == FakeRegistrar::Mode::RefuseConnections || m_registrar->openError) {
                    const auto kind = m_registrar->openError.value_or(FlowError::Kind::ConnectionRefused);
                    lock.unlock();
                    Q_EMIT lost({ kind, QStringLiteral("refused by the fake") });
                    return;
                }
                m_registrar->current = this;
                m_open = true;
                lock.unlock();
                Q_EMIT opened();
            },
            Qt::QueuedConnection);
    }
    void close() override
    {
        if (!m_open)
            return;
        m_open = false;
        QMutexLocker lock(&m_registrar->mutex);
        const auto delay = m_registrar->closeDelay;
        lock.unlock();
        QTimer::singleShot(delay, this, [this] { Q_EMIT closed(); });
    }
    bool isOpen() const override { return m_open; }
    QByteArray viaTransport() const override { return "WS"; }
    void send(const QByteArray &wire) override
    {
        auto parsed = SipMessage::parse(wire);
        QVERIFY(std::holds_alternative<SipMessage>(parsed));
        const SipMessage request = std::get<SipMessage>(parsed);
        QMutexLocker lock(&m_registrar->mutex);
        m_registrar->registers.append(request);
        const auto mode = m_registrar->mode;
        const QByteArray password = m_registrar->password;
        const int expires = m_registrar->grantedExpires;
        const int retryAfter = m_registrar->retryAfter;
        const int minExpires = m_registrar->minExpires;
        lock.unlock();
        if (mode == FakeRegistrar::Mode::Silent)
            return;
        SipMessage response = SipMessage::response(request, 200, "OK", "fake");
        if (mode == FakeRegistrar::Mode::ServiceUnavailable) {
            response = SipMessage::response(request, 503, "Service Unavailable", "fake");
            if (retryAfter)
                response.addHeader("Retry-After", QByteArray::number(retryAfter));
        } else if (request.expires().value_or(600) > 0 && request.expires().value_or(600) < minExpires) {
            response = SipMessage::response(request, 423, "Interval Too Brief", "fake");
            response.addHeader("Min-Expires", QByteArray::number(minExpires));
        } else if (!authorized(request, password)) {
            response = SipMessage::response(request, 401, "Unauthorized", "fake");
            response.addHeader("WWW-Authenticate", R"(Digest realm="fake", nonce="n0nce", qop="auth")");
        } else if (request.expires().value_or(600) > 0) {
            const QByteArray contact = request.header("Contact");
            response.addHeader(
                "Contact", contact.left(contact.indexOf('>') + 1) + ";expires=" + QByteArray::number(expires));
        }
        const QByteArray bytes = response.toBytes();
        QMetaObject::invokeMethod(
            this, [this, bytes] { Q_EMIT messageReceived(bytes); }, Qt::QueuedConnection);
    }
    void drop()
    {
        m_open = false;
        Q_EMIT lost({ FlowError::Kind::Closed, QStringLiteral("dropped by the fake") });
    }

private:
    static bool authorized(const SipMessage &request, const QByteArray &password)
    {
        const QByteArray header = request.header("Authorization");
        if (header.isEmpty())
            return false;
        // Recompute the response the client should have sent, from the fields it sent.
        auto field = [&](const QByteArray &name) {
            const int at = header.indexOf(name + '=');
            if (at < 0)
                return QByteArray();
            QByteArray value = header.mid(at + name.size() + 1);
            if (value.startsWith('"'))
                return value.mid(1, value.indexOf('"', 1) - 1);
            const int comma = value.indexOf(',');
            return (comma < 0 ? value : value.left(comma)).trimmed();
        };
        QString error;
        const auto challenge
            = parla::sip::DigestChallenge::parse(R"(Digest realm="fake", nonce="n0nce", qop="auth")", false, &error);
        const QByteArray expected = parla::sip::digestResponse(*challenge, { field("username"), password },
            { "REGISTER", field("uri"), field("nc").toUInt(nullptr, 16), field("cnonce") });
        return field("response") == expected;
    }

    FakeRegistrar *m_registrar;
    bool m_open = false;
};

// Records every will/did announcement with the thread it ran on and the state seen then.
struct Announcement
{
    QString kind;
    State from;
    State to;
    State seen;
    QThread *thread;
};

class TestCallClient : public QObject
{
    Q_OBJECT
private:
    FakeRegistrar m_registrar;
    std::unique_ptr<CallClient> m_client;

    static Session session()
    {
        Session s;
        s.server = QUrl(QStringLiteral("ws://registrar.test:8080"));
        s.user = QStringLiteral("alice");
        s.password = QStringLiteral("secret");
        return s;
    }
    static ConnectionTuning fastTuning()
    {
        ConnectionTuning tuning;
        tuning.backoffBase = 20ms;
        tuning.backoffCap = 100ms;
        tuning.maxStartAttempts = 3;
        tuning.unregisterTimeout = 500ms;
        tuning.registerTimeout = 500ms;
        // The budget has tests of its own; here it must never be what a test sees.
        tuning.sendBudget = { 1000, 1ms, 1000, 1ms };
        return tuning;
    }
    void configure(CallClient *client)
    {
        client->setTuning(fastTuning());
        client->setFlowFactory(
            [this](const Session &, const ConnectionTuning &) { return std::make_unique<FakeFlow>(&m_registrar); });
    }
    bool waitForState(State state, int timeoutMs = 5000)
    {
        return parla::test::waitForState(m_client.get(), state, timeoutMs);
    }
    void startRunning()
    {
        m_client->start(session());
        QVERIFY(waitForState(State::Running));
    }
    FakeFlow *currentFlow()
    {
        QMutexLocker lock(&m_registrar.mutex);
        return qobject_cast<FakeFlow *>(m_registrar.current.data());
    }

    // Brings the client to `state` the way a user or a server would.
    void reach(State from)
    {
        if (from == State::Stopped)
            return;
        switch (from) {
        case State::Starting:
            m_registrar.mode = FakeRegistrar::Mode::Silent;
            m_client->start(session());
            break;
        case State::Running:
            m_client->start(session());
            break;
        case State::Paused:
            startRunning();
            m_client->pause();
            break;
        case State::Resuming:
            startRunning();
            m_client->pause();
            QVERIFY(waitForState(State::Paused));
            m_registrar.mode = FakeRegistrar::Mode::Silent;
            m_client->resume();
            break;
        case State::Reconnecting:
            startRunning();
            m_registrar.mode = FakeRegistrar::Mode::RefuseConnections;
            m_client->setTuning([] {
                auto t = fastTuning();
                t.backoffBase = t.backoffCap = 60s;
                return t;
            }());
            currentFlow()->drop();
            break;
        case State::Failed:
            m_registrar.password = "wrong";
            m_client->start(session());
            break;
        default:
            QFAIL("not a state to stop from");
        }
        QVERIFY(waitForState(from));
    }

    // How a client signing in to a fake registrar that answers with `handler` fails, if it does.
    static std::optional<ClientError> failureAgainst(parla::test::FakeSipServer::Handler handler)
    {
        parla::test::FakeSipServer server;
        if (!server.listen())
            return std::nullopt;
        server.setHandler(std::move(handler));
        CallClient client;
        client.setTuning(fastTuning());
        QSignalSpy failed(&client, &CallClient::didFail);
        Session s = session();
        s.server = server.url();
        client.start(s);
        if (!failed.wait(10000))
            return std::nullopt;
        return failed.first().first().value<ClientError>();
    }

private Q_SLOTS:
    void init()
    {
        QMutexLocker lock(&m_registrar.mutex);
        m_registrar.mode = FakeRegistrar::Mode::Normal;
        m_registrar.password = "secret";
        m_registrar.grantedExpires = 600;
        m_registrar.minExpires = 0;
        m_registrar.retryAfter = 0;
        m_registrar.flowsOpened = 0;
        m_registrar.openError.reset();
        m_registrar.closeDelay = 50ms;
        m_registrar.registers.clear();
        lock.unlock();
        m_client = std::make_unique<CallClient>();
        configure(m_client.get());
    }
    void cleanup() { m_client.reset(); }

    void startReachesRunningWithWillDidPairs()
    {
        QSignalSpy will(m_client.get(), &CallClient::stateWillChange);
        QSignalSpy did(m_client.get(), &CallClient::stateDidChange);
        QSignalSpy willStart(m_client.get(), &CallClient::willStart);
        QSignalSpy didStart(m_client.get(), &CallClient::didStart);
        QCOMPARE(m_client->state(), State::Stopped);
        startRunning();
        QCOMPARE(will.size(), 2);
        QCOMPARE(did.size(), 2);
        QCOMPARE(will.at(0).at(0).value<State>(), State::Stopped);
        QCOMPARE(will.at(0).at(1).value<State>(), State::Starting);
        QCOMPARE(did.at(1).at(0).value<State>(), State::Starting);
        QCOMPARE(did.at(1).at(1).value<State>(), State::Running);
        QCOMPARE(willStart.size(), 1);
        QCOMPARE(didStart.size(), 1);
        // One challenge, one answer: two REGISTERs, both with the same Call-ID and rising CSeq.
        QCOMPARE(m_registrar.registerCount(), 2);
        QCOMPARE(m_registrar.registers.at(0).callId(), m_registrar.registers.at(1).callId());
        QVERIFY(m_registrar.registers.at(1).cseqNumber() > m_registrar.registers.at(0).cseqNumber());
    }

    void registerCarriesOutboundContact()
    {
        startRunning();
        QVERIFY(!m_registrar.registers.isEmpty());
        const SipMessage &request = m_registrar.registers.last();
        QCOMPARE(request.requestUri(), QByteArray("sip:registrar.test"));
        const QByteArray contact = request.header("Contact");
        QVERIFY2(contact.contains(";transport=ws"), contact.constData());
        QVERIFY2(contact.contains("+sip.instance=\"<urn:uuid:"), contact.constData());
        QVERIFY2(contact.contains("reg-id=1"), contact.constData());
        QVERIFY(request.header("Via").startsWith("SIP/2.0/WS "));
        QVERIFY(request.header("Via").contains(".invalid;branch=z9hG4bK"));
        // The password itself never travels.
        for (const SipMessage &sent : std::as_const(m_registrar.registers))
            QVERIFY(!sent.toBytes().contains("secret"));
    }

    void wrongPasswordFailsWithoutRetryStorm()
    {
        m_registrar.password = "something-else";
        QSignalSpy failed(m_client.get(), &CallClient::didFail);
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        m_client->start(session());
        QVERIFY(failed.wait());
        QCOMPARE(m_client->state(), State::Failed);
        const auto error = failed.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::AuthenticationFailed);
        QCOMPARE(error.kind, ClientError::Kind::AuthenticationRefused);
        QCOMPARE(error.detail, QStringLiteral("401 Unauthorized"));
        QVERIFY2(error.message.contains(QLatin1String("password")), qPrintable(error.message));
        QCOMPARE(m_registrar.registerCount(), 2); // asked once, answered once, refused: done
        QCOMPARE(reconnecting.size(), 0);
        QVERIFY(!failed.wait(300)); // and nothing more happens by itself
        QCOMPARE(m_registrar.registerCount(), 2);
    }

    void invalidSessionFails_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http url") << QStringLiteral("http://example.org") << QStringLiteral("alice")
                                  << QStringLiteral("ws://");
        QTest::newRow("no host") << QStringLiteral("ws://") << QStringLiteral("alice") << QStringLiteral("host");
        QTest::newRow("no user") << QStringLiteral("ws://example.org") << QString() << QStringLiteral("user");
        QTest::newRow("bad user") << QStringLiteral("ws://example.org") << QStringLiteral("al ice")
                                  << QStringLiteral("contains");
    }
    void invalidSessionFails()
    {
        QFETCH(QString, url);
        QFETCH(QString, user);
        QFETCH(QString, expected);
        Session s = session();
        s.server = QUrl(url);
        s.user = user;
        QSignalSpy failed(m_client.get(), &CallClient::didFail);
        m_client->start(s);
        QVERIFY(failed.wait());
        const auto error = failed.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::InvalidSession);
        QCOMPARE(error.kind, ClientError::Kind::Settings);
        QVERIFY2(error.detail.contains(expected), qPrintable(error.detail));
        QVERIFY2(error.message.contains(expected), qPrintable(error.message));
        QCOMPARE(m_registrar.flowsOpened, 0);
    }

    void unreachableServerGivesUpAfterBoundedTries()
    {
        m_registrar.mode = FakeRegistrar::Mode::RefuseConnections;
        QSignalSpy failed(m_client.get(), &CallClient::didFail);
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        m_client->start(session());
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().first().value<ClientError>().reason, ClientError::Reason::ServerUnreachable);
        QCOMPARE(failed.first().first().value<ClientError>().kind, ClientError::Kind::ServerUnreachable);
        QCOMPARE(reconnecting.size(), fastTuning().maxStartAttempts);
        for (int i = 0; i < reconnecting.size(); ++i)
            QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QCOMPARE(m_registrar.flowsOpened, fastTuning().maxStartAttempts + 1);
    }

    void flowErrorsRetryCannotFixFail_data()
    {
        QTest::addColumn<FlowError::Kind>("kind");
        QTest::addColumn<ClientError::Reason>("reason");
        QTest::addColumn<ClientError::Kind>("errorKind");
        QTest::newRow("host not found") << FlowError::Kind::HostNotFound << ClientError::Reason::HostNotFound
                                        << ClientError::Kind::HostNotFound;
        QTest::newRow("subprotocol refused") << FlowError::Kind::ProtocolRefused << ClientError::Reason::ProtocolRefused
                                             << ClientError::Kind::ProtocolError;
        QTest::newRow("certificate refused")
            << FlowError::Kind::TlsRefused << ClientError::Reason::CertificateRefused << ClientError::Kind::Certificate;
    }
    void flowErrorsRetryCannotFixFail()
    {
        QFETCH(FlowError::Kind, kind);
        QFETCH(ClientError::Reason, reason);
        QFETCH(ClientError::Kind, errorKind);
        m_registrar.openError = kind;
        QSignalSpy failed(m_client.get(), &CallClient::didFail);
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        m_client->start(session());
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().first().value<ClientError>().reason, reason);
        QCOMPARE(failed.first().first().value<ClientError>().kind, errorKind);
        QCOMPARE(failed.first().first().value<ClientError>().detail, QStringLiteral("refused by the fake"));
        QCOMPARE(reconnecting.size(), 0);
        QCOMPARE(m_registrar.flowsOpened, 1);
    }

    // What the registrar answers, over a real WebSocket, becomes a kind a view can say in the
    // user's words, with the server's status line as the detail; the CLI's reason is unchanged.
    void registrarAnswersHaveAKind_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("challenge");
        QTest::addColumn<ClientError::Reason>("reason");
        QTest::addColumn<ClientError::Kind>("errorKind");
        const QByteArray digest = R"(Digest realm="fake", nonce="n0nce", qop="auth")";
        QTest::newRow("403") << QByteArray("403 Forbidden") << QByteArray() << ClientError::Reason::AuthenticationFailed
                             << ClientError::Kind::Forbidden;
        QTest::newRow("401 again and again")
            << QByteArray("401 Unauthorized") << digest << ClientError::Reason::AuthenticationFailed
            << ClientError::Kind::AuthenticationRefused;
        QTest::newRow("407 again and again")
            << QByteArray("407 Proxy Authentication Required") << digest << ClientError::Reason::AuthenticationFailed
            << ClientError::Kind::AuthenticationRefused;
        QTest::newRow("401 Parla cannot answer")
            << QByteArray("401 Unauthorized") << QByteArray(R"(Basic realm="x")")
            << ClientError::Reason::RegistrationRejected << ClientError::Kind::ProtocolError;
        QTest::newRow("404") << QByteArray("404 Not Found") << QByteArray() << ClientError::Reason::RegistrationRejected
                             << ClientError::Kind::Refused;
        // Transient: retried, then given up on with the last answer's kind.
        QTest::newRow("500") << QByteArray("500 Server Internal Error") << QByteArray()
                             << ClientError::Reason::ServerUnreachable << ClientError::Kind::ServerError;
        QTest::newRow("408") << QByteArray("408 Request Timeout") << QByteArray()
                             << ClientError::Reason::ServerUnreachable << ClientError::Kind::Timeout;
    }
    void registrarAnswersHaveAKind()
    {
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, challenge);
        QFETCH(ClientError::Reason, reason);
        QFETCH(ClientError::Kind, errorKind);
        const std::optional<ClientError> error = failureAgainst(answering(status, challenge));
        QVERIFY(error);
        QCOMPARE(error->reason, reason);
        QCOMPARE(error->kind, errorKind);
        QCOMPARE(error->detail, QString::fromUtf8(status));
    }

    // The server writes the reason phrase: a view gets one line of at most MaxDetailLength.
    void serversWordsAreBounded()
    {
        const std::optional<ClientError> error = failureAgainst(answering("403 " + QByteArray(500, 'x')));
        QVERIFY(error);
        QCOMPARE(error->kind, ClientError::Kind::Forbidden);
        QCOMPARE(error->detail.size(), ClientError::MaxDetailLength);
        QVERIFY(error->detail.startsWith(QLatin1String("403 xxx")));
        QVERIFY(error->detail.endsWith(QChar(0x2026)));
        QCOMPARE(ClientError::boundedDetail(QStringLiteral("503 Busy\r\n\tnow")), QStringLiteral("503 Busy now"));
        ClientError named;
        named.kind = ClientError::Kind::AuthenticationRefused;
        QCOMPARE(named.kindName(), QStringLiteral("authentication-refused"));
    }

    void lostFlowReconnectsByItself()
    {
        startRunning();
        const QByteArray contactBefore = m_registrar.registers.last().header("Contact");
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        currentFlow()->drop();
        QCOMPARE(m_client->state(), State::Running); // the machine moves on the next event loop turn
        QVERIFY(waitForState(State::Reconnecting));
        QCOMPARE(reconnecting.size(), 1);
        QCOMPARE(reconnecting.first().at(0).toInt(), 1);
        QVERIFY(reconnecting.first().at(1).toDateTime() > QDateTime::currentDateTimeUtc().addSecs(-1));
        QVERIFY(waitForState(State::Running));
        QCOMPARE(m_registrar.flowsOpened, 2);
        // Same instance, same Contact: the registrar replaces the binding.
        QCOMPARE(m_registrar.registers.last().header("Contact"), contactBefore);
    }

    void lostFlowKeepsRetryingAfterItWasRunning()
    {
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::RefuseConnections;
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        currentFlow()->drop();
        // More tries than a never-reached server gets, and still reconnecting, not failed.
        while (reconnecting.size() <= fastTuning().maxStartAttempts + 1)
            QVERIFY(reconnecting.wait());
        QCOMPARE(m_client->state(), State::Reconnecting);
        m_registrar.mode = FakeRegistrar::Mode::Normal;
        QVERIFY(waitForState(State::Running));
    }

    void serviceUnavailableHonoursRetryAfter()
    {
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::ServiceUnavailable;
        m_registrar.retryAfter = 5;
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        m_client->refreshRegistration();
        QVERIFY(reconnecting.wait());
        const QDateTime nextTry = reconnecting.first().at(1).toDateTime();
        // The backoff alone would wait 20 ms; the server asked for 5 s.
        QVERIFY(nextTry >= QDateTime::currentDateTimeUtc().addMSecs(4000));
    }

    void networkBackRetriesAtOnce()
    {
        ConnectionTuning slow = fastTuning();
        slow.backoffBase = 60s;
        slow.backoffCap = 60s;
        m_client->setTuning(slow);
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::RefuseConnections;
        currentFlow()->drop();
        QVERIFY(waitForState(State::Reconnecting));
        m_registrar.mode = FakeRegistrar::Mode::Normal;
        QElapsedTimer clock;
        clock.start();
        m_client->networkAvailable();
        QVERIFY(waitForState(State::Running, 2000));
        QVERIFY(clock.elapsed() < 2000); // not the 30-60 s the backoff asked for
    }

    void networkLostReconnectsNowAndBackRetriesAtOnce()
    {
        ConnectionTuning slow = fastTuning();
        slow.backoffBase = 60s; // only networkAvailable() can explain a quick return
        slow.backoffCap = 60s;
        m_client->setTuning(slow);
        startRunning();
        QPointer<FakeFlow> lostFlow = currentFlow();
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        // The flow is still open: without networkLost() only a ping timeout would tell.
        m_client->networkLost();
        QVERIFY(waitForState(State::Reconnecting, 2000));
        QCOMPARE(reconnecting.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!lostFlow || !lostFlow->isOpen(), 2000);
        const int registersBefore = m_registrar.registerCount();
        m_client->networkAvailable();
        QVERIFY(waitForState(State::Running, 2000));
        QVERIFY(m_registrar.registerCount() > registersBefore);
    }

    void networkLostChangesNothingWhilePaused()
    {
        startRunning();
        m_client->pause();
        QVERIFY(waitForState(State::Paused));
        QSignalSpy changes(m_client.get(), &CallClient::stateChanged);
        QSignalSpy refused(m_client.get(), &CallClient::operationFailed);
        m_client->networkLost();
        m_client->resume(); // a marker: the next change must be resuming, not reconnecting
        QVERIFY(changes.wait());
        QCOMPARE(changes.first().first().value<State>(), State::Resuming);
        QVERIFY(refused.isEmpty());
    }

    void refreshBeforeExpiry()
    {
        m_registrar.grantedExpires = 2; // the registrar may grant less than asked
        QSignalSpy registered(m_client.get(), &CallClient::registered);
        startRunning();
        QCOMPARE(registered.size(), 1);
        QCOMPARE(registered.first().first().toInt(), 2);
        QElapsedTimer sinceGrant;
        sinceGrant.start();
        QVERIFY(registered.wait(3000));
        // Refreshed before the 2 s lapsed, with room for a round trip: not at the expiry itself.
        QVERIFY2(sinceGrant.elapsed() < 1500, qPrintable(QString::number(sinceGrant.elapsed())));
        QCOMPARE(m_client->state(), State::Running);
    }

    void intervalTooBriefIsRetriedWithMinExpires()
    {
        m_registrar.minExpires = 1200;
        m_registrar.grantedExpires = 1200;
        QSignalSpy registered(m_client.get(), &CallClient::registered);
        startRunning();
        QCOMPARE(registered.first().first().toInt(), 1200);
        QCOMPARE(m_registrar.registers.last().expires(), std::optional<int>(1200));
    }

    void pauseUnregistersAndResumeRegisters()
    {
        startRunning();
        QPointer<FakeFlow> flow = currentFlow();
        QSignalSpy didPause(m_client.get(), &CallClient::didPause);
        QSignalSpy closed(flow.data(), &Flow::closed);
        m_client->pause();
        QVERIFY(didPause.wait());
        QCOMPARE(m_client->state(), State::Paused);
        // didPause means it: the un-REGISTER was answered and the flow closed before it.
        QCOMPARE(closed.size(), 1);
        QCOMPARE(m_registrar.registers.last().expires(), std::optional<int>(0));
        QVERIFY(m_registrar.registers.last().header("Contact").contains("+sip.instance"));

        QSignalSpy willResume(m_client.get(), &CallClient::willResume);
        QSignalSpy didResume(m_client.get(), &CallClient::didResume);
        m_client->resume();
        QVERIFY(didResume.wait());
        QCOMPARE(willResume.size(), 1);
        QCOMPARE(m_client->state(), State::Running);
        QVERIFY(m_registrar.registers.last().expires().value_or(0) > 0);
    }

    void stopWhilePausingIsDoneAfterThePause()
    {
        startRunning();
        QSignalSpy did(m_client.get(), &CallClient::stateDidChange);
        m_client->pause();
        m_client->stop(); // arrives while the un-REGISTER is on its way
        QVERIFY(waitForState(State::Stopped));
        QCOMPARE(did.size(), 2);
        QCOMPARE(did.at(0).at(1).value<State>(), State::Paused);
        QCOMPARE(did.at(1).at(0).value<State>(), State::Paused);
        QCOMPARE(did.at(1).at(1).value<State>(), State::Stopped);
    }

    void startRightAfterStopWaitsForTheUnregister()
    {
        startRunning();
        QSignalSpy did(m_client.get(), &CallClient::stateDidChange);
        m_client->stop();
        m_client->start(session());
        QTRY_COMPARE_WITH_TIMEOUT(did.size(), 3, 5000); // running -> stopped -> starting -> running
        QCOMPARE(m_client->state(), State::Running);
        QCOMPARE(did.at(0).at(1).value<State>(), State::Stopped);
        QCOMPARE(did.at(1).at(1).value<State>(), State::Starting);
        // The un-REGISTER went out before the new REGISTERs.
        int unregisterAt = -1;
        for (int i = 0; i < m_registrar.registers.size(); ++i) {
            if (m_registrar.registers.at(i).expires() == std::optional<int>(0))
                unregisterAt = i;
        }
        QVERIFY(unregisterAt > 0);
        QVERIFY(m_registrar.registers.size() > unregisterAt + 1);
    }

    void secretsNeverReachTheLogs()
    {
        static QMutex logMutex;
        static QStringList logged;
        logged.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("parla.*.debug=true"));
        const auto previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &text) {
            QMutexLocker lock(&logMutex);
            logged.append(text);
        });
        const QString password = QStringLiteral("pw-7c1e-never-logged");
        m_registrar.password = password.toUtf8();
        Session s = session();
        s.password = password;
        m_client->start(s);
        const bool running = waitForState(State::Running);
        m_client->stop();
        const bool stopped = waitForState(State::Stopped);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(running && stopped);

        QMutexLocker lock(&logMutex);
        QVERIFY(logged.size() > 5); // the debug categories were on: there was plenty to leak
        QStringList responses;
        for (const SipMessage &sent : std::as_const(m_registrar.registers)) {
            const QByteArray authorization = sent.header("Authorization");
            const int at = authorization.indexOf("response=\"");
            if (at >= 0)
                responses << QString::fromLatin1(authorization.mid(at + 10, 32));
        }
        QVERIFY(!responses.isEmpty());
        for (const QString &line : std::as_const(logged)) {
            QVERIFY2(!line.contains(password), qPrintable(line));
            QVERIFY2(!line.contains(QLatin1String("Authorization")), qPrintable(line));
            for (const QString &response : std::as_const(responses))
                QVERIFY2(!line.contains(response), qPrintable(line));
        }
    }

    void operationsWhilePausingNameThePause()
    {
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::Silent; // the un-REGISTER stays unanswered...
        QSignalSpy refused(m_client.get(), &CallClient::operationFailed);
        QSignalSpy didPause(m_client.get(), &CallClient::didPause);
        m_client->pause();
        QTRY_VERIFY_WITH_TIMEOUT(m_registrar.registers.last().expires() == std::optional<int>(0), 5000);
        QCOMPARE(didPause.size(), 0); // ...so the client waits in pausing for its time bound
        const int sent = m_registrar.registerCount();
        m_client->refreshRegistration(); // no REGISTER may follow the un-REGISTER
        QCOMPARE(refused.size(), 1);
        const auto error = refused.first().first().value<ClientError>();
        QVERIFY2(error.message.contains(QLatin1String("pausing")), qPrintable(error.message));
        QVERIFY(didPause.wait()); // after unregisterTimeout, paused all the same
        QCOMPARE(m_registrar.registerCount(), sent);
    }

    void operationsThatNeedRunningNameTheState()
    {
        QSignalSpy refused(m_client.get(), &CallClient::operationFailed);
        m_client->refreshRegistration();
        QCOMPARE(refused.size(), 1);
        const auto error = refused.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::NotRunning);
        QVERIFY2(error.message.contains(QLatin1String("stopped")), qPrintable(error.message));
        QCOMPARE(m_client->state(), State::Stopped);
    }

    void operationInAStateThatCannotTakeItIsRefused_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<QString>("operation");
        QTest::newRow("start while starting") << State::Starting << QStringLiteral("start");
        QTest::newRow("start while running") << State::Running << QStringLiteral("start");
        QTest::newRow("start while paused") << State::Paused << QStringLiteral("start");
        QTest::newRow("start while reconnecting") << State::Reconnecting << QStringLiteral("start");
        QTest::newRow("pause while stopped") << State::Stopped << QStringLiteral("pause");
        QTest::newRow("pause while paused") << State::Paused << QStringLiteral("pause");
        QTest::newRow("pause while failed") << State::Failed << QStringLiteral("pause");
        QTest::newRow("resume while stopped") << State::Stopped << QStringLiteral("resume");
        QTest::newRow("resume while running") << State::Running << QStringLiteral("resume");
        QTest::newRow("resume while reconnecting") << State::Reconnecting << QStringLiteral("resume");
        QTest::newRow("resume while failed") << State::Failed << QStringLiteral("resume");
        QTest::newRow("stop while stopped") << State::Stopped << QStringLiteral("stop");
    }
    void operationInAStateThatCannotTakeItIsRefused()
    {
        QFETCH(State, from);
        QFETCH(QString, operation);
        reach(from);
        QSignalSpy refused(m_client.get(), &CallClient::operationFailed);
        QSignalSpy will(m_client.get(), &CallClient::stateWillChange);
        if (operation == QLatin1String("start"))
            m_client->start(session());
        else if (operation == QLatin1String("pause"))
            m_client->pause();
        else if (operation == QLatin1String("resume"))
            m_client->resume();
        else
            m_client->stop();
        QVERIFY(refused.wait(2000));
        const auto error = refused.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::WrongState);
        const QString expected
            = QStringLiteral("cannot %1 while the client is %2").arg(operation, CallClient::stateName(from));
        QVERIFY2(error.message.startsWith(expected), qPrintable(error.message));
        QCOMPARE(will.size(), 0);
        QCOMPARE(m_client->state(), from);
    }

    // A call beyond CallRegistry::MaxCalls is refused for what it is, not as a wrong state.
    void aCallBeyondTheMostAtOnceIsTooManyCalls()
    {
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::Silent; // the INVITEs go unanswered: every call dials on
        m_client->setMediaFactory(
            [port = quint16(41000)]() mutable { return new parla::test::SdpOnlyMedia(port += 2); });
        QSignalSpy refused(m_client.get(), &CallClient::operationFailed);
        constexpr int most = parla::calls::CallRegistry::MaxCalls;
        for (int i = 0; i < most; ++i)
            QVERIFY(m_client->call(QStringLiteral("bob")));
        QCOMPARE(refused.size(), 0);
        QCOMPARE(m_client->call(QStringLiteral("bob")), nullptr);
        QCOMPARE(refused.size(), 1);
        const auto error = refused.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::TooManyCalls);
        QCOMPARE(error.reasonName(), QStringLiteral("too-many-calls")); // what parla-cli prints
        QVERIFY2(error.message.contains(QString::number(most)), qPrintable(error.message));
        QCOMPARE(m_client->calls()->calls().size(), most);
        QCOMPARE(m_client->state(), State::Running);
    }

    // wss://[::1]:8443/: QUrl's host is "::1", but every SIP URI built from it needs the
    // brackets of an RFC 3261 §25.1 IPv6reference: Request-URI, From and To of the REGISTER,
    // and a call to a bare user name.
    void anIpv6ServerGivesBracketedSipUris()
    {
        Session ipv6 = session();
        ipv6.server = QUrl(QStringLiteral("wss://[::1]:8443/"));
        QCOMPARE(ipv6.effectiveDomain(), QStringLiteral("[::1]"));
        m_client->start(ipv6);
        QVERIFY(waitForState(State::Running));
        const SipMessage registerRequest = m_registrar.registers.last();
        QCOMPARE(registerRequest.requestUri(), QByteArray("sip:[::1]"));
        QVERIFY2(registerRequest.header("From").startsWith("<sip:alice@[::1]>;tag="),
            registerRequest.header("From").constData());
        QCOMPARE(registerRequest.header("To"), QByteArray("<sip:alice@[::1]>"));

        m_registrar.mode = FakeRegistrar::Mode::Silent;
        m_client->setMediaFactory([] { return new parla::test::SdpOnlyMedia(); });
        QVERIFY(m_client->call(QStringLiteral("bob")));
        QTRY_COMPARE(m_registrar.registers.last().method(), QByteArray("INVITE"));
        const SipMessage invite = m_registrar.registers.last();
        QCOMPARE(invite.requestUri(), QByteArray("sip:bob@[::1]"));
        QVERIFY2(invite.header("From").startsWith("<sip:alice@[::1]>;tag="), invite.header("From").constData());
        QCOMPARE(invite.header("To"), QByteArray("<sip:bob@[::1]>"));
    }

    // RFC 5626 §4.5: a flow that dies soon after registering counts as a failure, so a server
    // that accepts and drops at once gets growing waits.
    void backoffGrowsWhileFlowsDieSoonAfterRegistering()
    {
        ConnectionTuning tuning = fastTuning();
        tuning.backoffBase = 40ms;
        tuning.backoffCap = 10s;
        tuning.stableFlowTime = 10s;
        m_client->setTuning(tuning);
        QList<qint64> delays;
        connect(m_client.get(), &CallClient::didStartReconnecting, this,
            [&](int, const QDateTime &nextTry) { delays.append(QDateTime::currentDateTimeUtc().msecsTo(nextTry)); });
        startRunning();
        for (int i = 0; i < 3; ++i) {
            currentFlow()->drop();
            QVERIFY(waitForState(State::Reconnecting));
            QVERIFY(waitForState(State::Running));
        }
        QCOMPARE(delays.size(), 3);
        // Waits are drawn from [base * 2^n / 2, base * 2^n]: the third is at least 80 ms, which
        // a backoff reset by every registration (at most 40 ms) can never give.
        QVERIFY2(delays.at(2) >= 75, qPrintable(QString::number(delays.at(2))));
    }

    void backoffStartsOverOnceTheFlowHasProvenItself()
    {
        ConnectionTuning tuning = fastTuning();
        tuning.backoffBase = 40ms;
        tuning.backoffCap = 10s;
        tuning.stableFlowTime = 200ms;
        m_client->setTuning(tuning);
        QList<qint64> delays;
        connect(m_client.get(), &CallClient::didStartReconnecting, this,
            [&](int, const QDateTime &nextTry) { delays.append(QDateTime::currentDateTimeUtc().msecsTo(nextTry)); });
        startRunning();
        for (int i = 0; i < 3; ++i) { // quick drops: no time to prove the flow
            currentFlow()->drop();
            QVERIFY(waitForState(State::Reconnecting));
            QVERIFY(waitForState(State::Running));
        }
        QTest::qWait(int(tuning.stableFlowTime.count()) * 2); // the flow now stays up
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        currentFlow()->drop();
        QVERIFY(reconnecting.wait());
        QCOMPARE(reconnecting.first().first().toInt(), 1); // counted from one again
        QVERIFY2(delays.last() <= 45, qPrintable(QString::number(delays.last())));
    }

    void retryAfterOfYearsWaitsAtMostHalfAnHour()
    {
        startRunning();
        m_registrar.mode = FakeRegistrar::Mode::ServiceUnavailable;
        m_registrar.retryAfter = std::numeric_limits<int>::max();
        QSignalSpy reconnecting(m_client.get(), &CallClient::didStartReconnecting);
        m_client->refreshRegistration();
        QVERIFY(reconnecting.wait());
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(reconnecting.first().at(1).toDateTime());
        QVERIFY2(wait > 29 * 60 * 1000 && wait <= 30 * 60 * 1000 + 1000, qPrintable(QString::number(wait)));
        QCOMPARE(m_client->state(), State::Reconnecting);
        // "Retry now" still acts at once.
        m_registrar.mode = FakeRegistrar::Mode::Normal;
        m_client->networkAvailable();
        QVERIFY(waitForState(State::Running, 2000));
    }

    void connectionAttemptsStayWithinTheBudget()
    {
        ConnectionTuning tuning = fastTuning();
        tuning.backoffBase = tuning.backoffCap = 1ms; // a backoff that protects nothing...
        tuning.maxStartAttempts = 1000;
        tuning.sendBudget.connectBurst = 3; // ...so the budget must
        tuning.sendBudget.connectRefill = 200ms;
        m_client->setTuning(tuning);
        m_registrar.mode = FakeRegistrar::Mode::RefuseConnections;
        QElapsedTimer clock;
        clock.start();
        m_client->start(session());
        QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 1000, 2000);
        // 3 at once, then one per 200 ms: at most 3 + 1000 / 200 = 8 in the first second.
        const int opened = m_registrar.flowsOpened;
        QVERIFY2(opened >= 5 && opened <= 9, qPrintable(QString::number(opened)));
        QCOMPARE(m_client->state(), State::Reconnecting);
    }

    void stopFromEachState_data()
    {
        QTest::addColumn<State>("from");
        for (State s :
            { State::Starting, State::Running, State::Paused, State::Resuming, State::Reconnecting, State::Failed })
            QTest::newRow(qPrintable(CallClient::stateName(s))) << s;
    }
    void stopFromEachState()
    {
        QFETCH(State, from);
        reach(from);
        QSignalSpy willStop(m_client.get(), &CallClient::willStop);
        QSignalSpy didStop(m_client.get(), &CallClient::didStop);
        m_client->stop();
        QVERIFY(didStop.wait());
        QCOMPARE(willStop.size(), 1);
        QCOMPARE(m_client->state(), State::Stopped);
    }

    void everyTransitionIsAWillDidPairInOrder()
    {
        QList<Announcement> log;
        connect(m_client.get(), &CallClient::stateWillChange, this, [&](State from, State to) {
            log.append({ QStringLiteral("will"), from, to, m_client->state(), QThread::currentThread() });
        });
        connect(m_client.get(), &CallClient::stateDidChange, this, [&](State from, State to) {
            log.append({ QStringLiteral("did"), from, to, m_client->state(), QThread::currentThread() });
        });
        startRunning();
        m_client->pause();
        QVERIFY(waitForState(State::Paused));
        m_client->resume();
        QVERIFY(waitForState(State::Running));
        currentFlow()->drop();
        QVERIFY(waitForState(State::Reconnecting));
        QVERIFY(waitForState(State::Running));
        m_client->stop();
        QVERIFY(waitForState(State::Stopped));

        const QList<std::pair<State, State>> expected = {
            { State::Stopped, State::Starting },
            { State::Starting, State::Running },
            { State::Running, State::Paused },
            { State::Paused, State::Resuming },
            { State::Resuming, State::Running },
            { State::Running, State::Reconnecting },
            { State::Reconnecting, State::Running },
            { State::Running, State::Stopped },
        };
        QCOMPARE(log.size(), expected.size() * 2);
        for (int i = 0; i < expected.size(); ++i) {
            const Announcement &will = log.at(2 * i);
            const Announcement &did = log.at(2 * i + 1);
            QCOMPARE(will.kind, QStringLiteral("will"));
            QCOMPARE(did.kind, QStringLiteral("did"));
            QCOMPARE(std::pair(will.from, will.to), expected.at(i));
            QCOMPARE(std::pair(did.from, did.to), expected.at(i));
            QCOMPARE(will.seen, will.from); // announced before it takes effect
            QCOMPARE(did.seen, did.to); // and after
        }
    }

    // Failing is a transition like any other: announced before and after, whatever failed.
    void everyMoveToFailedIsAWillDidPair_data()
    {
        QTest::addColumn<State>("from");
        for (State s : { State::Starting, State::Running, State::Resuming, State::Reconnecting })
            QTest::newRow(qPrintable(CallClient::stateName(s))) << s;
    }
    void everyMoveToFailedIsAWillDidPair()
    {
        QFETCH(State, from);
        QList<Announcement> log;
        connect(m_client.get(), &CallClient::stateWillChange, this, [&](State f, State t) {
            log.append({ QStringLiteral("will"), f, t, m_client->state(), QThread::currentThread() });
        });
        connect(m_client.get(), &CallClient::stateDidChange, this, [&](State f, State t) {
            log.append({ QStringLiteral("did"), f, t, m_client->state(), QThread::currentThread() });
        });
        QSignalSpy failed(m_client.get(), &CallClient::didFail);
        switch (from) {
        case State::Starting: // the password is refused
            m_registrar.password = "wrong";
            m_client->start(session());
            break;
        case State::Running: // the refresh is refused
            startRunning();
            m_registrar.password = "wrong";
            m_client->refreshRegistration();
            break;
        case State::Resuming: // the server's name is gone
            reach(State::Paused);
            m_registrar.openError = FlowError::Kind::HostNotFound;
            m_client->resume();
            break;
        case State::Reconnecting:
            reach(State::Reconnecting);
            m_registrar.openError = FlowError::Kind::HostNotFound;
            m_client->networkAvailable();
            break;
        default:
            QFAIL("no such row");
        }
        QVERIFY(failed.wait());
        QCOMPARE(m_client->state(), State::Failed);
        QVERIFY(log.size() >= 2);
        QCOMPARE(log.size() % 2, 0);
        for (int i = 0; i < log.size(); i += 2) {
            QCOMPARE(log.at(i).kind, QStringLiteral("will"));
            QCOMPARE(log.at(i + 1).kind, QStringLiteral("did"));
            QCOMPARE(std::pair(log.at(i).from, log.at(i).to), std::pair(log.at(i + 1).from, log.at(i + 1).to));
        }
        const Announcement &will = log.at(log.size() - 2);
        const Announcement &did = log.last();
        QCOMPARE(std::pair(will.from, will.to), std::pair(from, State::Failed));
        QCOMPARE(will.seen, from);
        QCOMPARE(did.seen, State::Failed);
    }

    // "Did pause" and "did stop" mean the socket is closed: a close that takes its time (here
    // 300 ms, under the client's 1 s bound) comes before them, never after.
    void didPauseAndDidStopWaitForTheSocketToClose_data()
    {
        QTest::addColumn<bool>("pause");
        QTest::newRow("pause") << true;
        QTest::newRow("stop") << false;
    }
    void didPauseAndDidStopWaitForTheSocketToClose()
    {
        QFETCH(bool, pause);
        m_registrar.closeDelay = 300ms;
        startRunning();
        QStringList order;
        connect(currentFlow(), &Flow::closed, this, [&] { order << QStringLiteral("closed"); });
        connect(m_client.get(), &CallClient::didPause, this, [&] { order << QStringLiteral("didPause"); });
        connect(m_client.get(), &CallClient::didStop, this, [&] { order << QStringLiteral("didStop"); });
        QElapsedTimer clock;
        clock.start();
        if (pause)
            m_client->pause();
        else
            m_client->stop();
        QVERIFY(waitForState(pause ? State::Paused : State::Stopped));
        QCOMPARE(order,
            QStringList({ QStringLiteral("closed"), pause ? QStringLiteral("didPause") : QStringLiteral("didStop") }));
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(m_registrar.registers.last().expires(), std::optional<int>(0));
    }

    // --- observer semantics, with the client on its engine thread ---

    void observerWithoutContextRunsOnEngineThreadBeforeTransition()
    {
        Engine engine([this](CallClient *client) { configure(client); });
        CallClient *client = engine.client();
        QMutex mutex;
        QList<Announcement> log;
        // No context object: a direct connection, called on the emitting (engine) thread.
        connect(client, &CallClient::stateWillChange, [&](State from, State to) {
            QMutexLocker lock(&mutex);
            log.append({ QStringLiteral("will"), from, to, client->state(), QThread::currentThread() });
        });
        connect(client, &CallClient::stateDidChange, [&](State from, State to) {
            QMutexLocker lock(&mutex);
            log.append({ QStringLiteral("did"), from, to, client->state(), QThread::currentThread() });
        });
        client->start(session());
        // Not a spy's wait(): the engine thread may be done before a wait() would begin.
        const auto logged = [&] {
            QMutexLocker lock(&mutex);
            return log.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(logged(), 4, 5000);
        QMutexLocker lock(&mutex);
        for (const Announcement &a : std::as_const(log)) {
            QCOMPARE(a.thread, engine.thread());
            QVERIFY(a.thread != QThread::currentThread());
            // A will observer sees the old state: the machine waited for it before moving on.
            QCOMPARE(a.seen, a.kind == QLatin1String("will") ? a.from : a.to);
        }
        QCOMPARE(log.at(0).kind, QStringLiteral("will"));
        QCOMPARE(log.at(1).kind, QStringLiteral("did"));
        lock.unlock();
        client->disconnect();
    }

    void observerWithContextIsQueuedToItsThread()
    {
        Engine engine([this](CallClient *client) { configure(client); });
        CallClient *client = engine.client();
        QObject receiver; // lives on this (the test's main) thread
        QList<QThread *> threads;
        connect(client, &CallClient::stateDidChange, &receiver,
            [&](State, State) { threads.append(QThread::currentThread()); });
        client->start(session());
        QTRY_COMPARE_WITH_TIMEOUT(threads.size(), 2, 5000);
        for (QThread *thread : std::as_const(threads))
            QCOMPARE(thread, QThread::currentThread());
    }

    // An observer destroyed while the client is between two states (after "will", before
    // "did") hears nothing more, not even the "will" already queued to its thread.
    void destroyedObserverIsNeverCalled()
    {
        // Hold the engine thread inside the first "will" until the observer is gone; declared
        // before the engine, which joins its thread, and let go on every way out of the test.
        QSemaphore betweenStates;
        QSemaphore observerGone;
        Engine engine([this](CallClient *client) { configure(client); });
        const auto letGo = qScopeGuard([&] { observerGone.release(); });
        CallClient *client = engine.client();
        std::atomic<int> calls = 0;
        auto *observer = new QObject; // lives on this thread: its calls are queued here
        connect(client, &CallClient::stateWillChange, observer, [&calls](State, State) { ++calls; });
        connect(client, &CallClient::stateDidChange, observer, [&calls](State, State) { ++calls; });
        // A twin that lives on: it hears what the dead one would have heard.
        int survivorCalls = 0;
        QObject survivor;
        connect(client, &CallClient::stateWillChange, &survivor, [&survivorCalls](State, State) { ++survivorCalls; });
        connect(client, &CallClient::stateDidChange, &survivor, [&survivorCalls](State, State) { ++survivorCalls; });
        connect(client, &CallClient::stateWillChange, [&](State from, State) {
            if (from != State::Stopped)
                return;
            betweenStates.release();
            observerGone.acquire();
        });
        // Counted on this thread (queued), so the count is read where it is written.
        int started = 0;
        connect(client, &CallClient::didStart, this, [&started] { ++started; });
        client->start(session());
        QVERIFY(betweenStates.tryAcquire(1, 5000)); // no event loop here: the "will" stays queued
        QCOMPARE(client->state(), State::Stopped);
        delete observer; // weak: nothing keeps it, nothing calls it
        observerGone.release();
        QTRY_COMPARE_WITH_TIMEOUT(started, 1, 5000); // the transitions happened...
        QTRY_COMPARE_WITH_TIMEOUT(survivorCalls, 4, 2000); // ...the living observer heard all of them...
        QCOMPARE(calls.load(), 0); // ...and the dead observer none, not even the "will" queued before it died
        client->disconnect();
    }

    // One observer destroying another in the middle of an announcement: the dead one is skipped.
    void observerDestroyedDuringAnnouncementIsNotCalled()
    {
        int calls = 0;
        int killerCalls = 0;
        QObject killer;
        QPointer<QObject> victim = new QObject;
        connect(m_client.get(), &CallClient::stateWillChange, &killer, [&](State, State) {
            ++killerCalls;
            delete victim.data();
        });
        // Connected after the killer: due in the same emission, after the victim died.
        connect(m_client.get(), &CallClient::stateWillChange, victim.data(), [&calls](State, State) { ++calls; });
        connect(m_client.get(), &CallClient::stateDidChange, victim.data(), [&calls](State, State) { ++calls; });
        startRunning();
        QVERIFY(victim.isNull());
        QCOMPARE(killerCalls, 2);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestCallClient)
#include "tst_callclient.moc"
