// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4475's 49 torture messages, byte for byte (tests/data/rfc4475), sent to a signed-in Parla
// over its real WebSocket, one per row, as pjsip's torture tests send them: each is judged
// against what the RFC expects of a user agent (tests/data/rfc4475/MANIFEST), and after each
// Parla must still answer an OPTIONS with 200. A crash ends the run; a hang fails its row.
// The messages go out unmodified: Parla, as a UA behind a proxy, takes a request whatever its
// Request-URI, so nothing needs readdressing.
//
// Here rather than in tests/unit because it drives the whole client (engine thread, WebSocket
// flow, transaction layer, dispatcher, calls) against an in-process FakeSipServer; it needs no
// Kamailio, but it is the same kind of end-to-end run as its neighbours.
#include "clientstatewait.h"
#include "fakesipserver.h"
#include "sdponlymedia.h"

#include "calls/call.h"
#include "client/callclient.h"
#include "client/engine.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTest>
#include <QWebSocket>

using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::test::FakeSipServer;
using parla::test::SdpOnlyMedia;

namespace {

constexpr int TortureMessages = 49;
constexpr int RequiredAsExpected = 45;
constexpr int AnswerTimeoutMs = 5000;

struct Received
{
    int status = 0; // 0 for a request
    QByteArray callId;
    QByteArray wire;
};

// The status and Call-ID of what Parla sent, read by hand: Parla's 400s copy the headers of a
// malformed request, which a strict parser would refuse.
Received readFrame(const QByteArray &wire)
{
    Received received;
    received.wire = wire;
    const int lineEnd = wire.indexOf("\r\n");
    const QByteArray first = wire.left(lineEnd);
    if (first.startsWith("SIP/2.0 "))
        received.status = first.mid(8, 3).toInt();
    for (const QByteArray &line : wire.left(wire.indexOf("\r\n\r\n")).split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const int colon = trimmed.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = trimmed.left(colon).trimmed().toLower();
        if (name == "call-id" || name == "i")
            received.callId = trimmed.mid(colon + 1).trimmed();
    }
    return received;
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

class TestTorture : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeSipServer> m_server;
    std::unique_ptr<Engine> m_engine;
    QPointer<QWebSocket> m_peer;
    QList<Received> m_received; // from Parla since the row began
    int m_asExpected = 0;
    int m_rows = 0;
    QStringList m_deviations;
    int m_optionsSent = 0;

    QString dataDir() const { return QFileInfo(QFINDTESTDATA("../data/rfc4475/MANIFEST")).absolutePath(); }

    void send(const QByteArray &wire)
    {
        if (isUtf8(wire))
            m_peer->sendTextMessage(QString::fromUtf8(wire));
        else
            m_peer->sendBinaryMessage(wire); // RFC 7118 §5.2: binary frames for non-UTF-8 messages
    }

    // The responses to the row's message: what arrived that is neither a request from Parla
    // nor the answer to our OPTIONS.
    QList<Received> answers(const QByteArray &optionsCallId) const
    {
        QList<Received> result;
        for (const Received &r : m_received) {
            if (r.status != 0 && r.callId != optionsCallId)
                result.append(r);
        }
        return result;
    }

    static bool meets(const QByteArray &expected, const QList<Received> &answers, QString *why)
    {
        QList<int> finals;
        for (const Received &r : answers) {
            if (r.status >= 200)
                finals.append(r.status);
        }
        QStringList got;
        for (const Received &r : answers)
            got.append(QString::fromLatin1(r.wire.left(r.wire.indexOf("\r\n"))));
        *why = got.isEmpty() ? QStringLiteral("no answer") : got.join(QStringLiteral(" / "));
        if (expected == "drop")
            return answers.isEmpty();
        if (finals.size() != 1)
            return false; // nothing final, or more than one (a second message was taken from the frame)
        const int code = finals.first();
        if (expected == "either")
            return true;
        if (expected == "accept")
            return code != 400 && code != 505 && code < 500;
        for (const QByteArray &allowed : expected.split(',')) {
            if (allowed.toInt() == code)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FakeSipServer>();
        QVERIFY(m_server->listen());
        m_server->setHandler(FakeSipServer::registrar(600));
        m_engine = std::make_unique<Engine>();
        CallClient *client = m_engine->client();
        client->setMediaFactory([port = quint16(41000)]() mutable { return new SdpOnlyMedia(port += 2); });
        // Every torture INVITE that rings is declined at once, on the engine thread, so that its
        // final answer is part of its row and no call is left to fill the registry.
        connect(
            client, &CallClient::incomingCall, client, [](Call *call) { call->decline(); }, Qt::DirectConnection);
        Session session;
        session.server = m_server->url();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("alice-secret");
        session.domain = QStringLiteral("torture.test");
        client->start(session);
        QVERIFY(parla::test::waitForState(client, CallClient::State::Running));
        m_peer = m_server->lastPeer();
        QVERIFY(m_peer);
        auto record = [this](const QByteArray &wire) { m_received.append(readFrame(wire)); };
        connect(
            m_peer, &QWebSocket::textMessageReceived, this, [record](const QString &text) { record(text.toUtf8()); });
        connect(m_peer, &QWebSocket::binaryMessageReceived, this, record);
    }

    void cleanupTestCase()
    {
        const QString summary = QStringLiteral("RFC 4475: %1 of %2 messages handled as the RFC expects")
                                    .arg(m_asExpected)
                                    .arg(TortureMessages);
        qInfo().noquote() << summary;
        for (const QString &deviation : std::as_const(m_deviations))
            qInfo().noquote() << "  deviates:" << deviation;
        m_engine.reset();
        m_server.reset();
        QCOMPARE(m_rows, TortureMessages);
        QVERIFY2(m_asExpected >= RequiredAsExpected, qPrintable(summary));
    }

    void message_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("sha256");
        QFile manifest(dataDir() + QStringLiteral("/MANIFEST"));
        QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.fileName()));
        int rows = 0;
        while (!manifest.atEnd()) {
            const QByteArray line = manifest.readLine().trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QList<QByteArray> fields = line.split('\t');
            QCOMPARE(fields.size(), 4);
            QTest::newRow((fields[1] + ' ' + fields[0]).constData())
                << QString::fromLatin1(fields[0]) << fields[2] << fields[3];
            ++rows;
        }
        QCOMPARE(rows, TortureMessages);
    }

    void message()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, sha256);
        ++m_rows;
        QFile file(dataDir() + QLatin1Char('/') + name + QStringLiteral(".dat"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray wire = file.readAll();
        QCOMPARE(QCryptographicHash::hash(wire, QCryptographicHash::Sha256).toHex(), sha256);
        QVERIFY(m_peer);

        m_received.clear();
        send(wire);
        // A request is answered before anything that comes after it on the flow; wait for its
        // final answer first (a call that rings is declined at once), bounded.
        if (expected != "drop") {
            // The OPTIONS below still decides whether Parla is alive; here only the order matters.
            (void)QTest::qWaitFor(
                [this] {
                    for (const Received &r : std::as_const(m_received)) {
                        if (r.status >= 200)
                            return true;
                    }
                    return false;
                },
                AnswerTimeoutMs);
        }

        // Parla still answers: an OPTIONS right after, on the same flow. Since Parla handles the
        // flow's messages in order, whatever it would have sent for a dropped message is in by then.
        const QByteArray callId = "torture-options-" + QByteArray::number(++m_optionsSent);
        const QByteArray options = "OPTIONS sip:alice@torture.test SIP/2.0\r\n"
                                   "Via: SIP/2.0/WSS torture.invalid;branch=z9hG4bK-options-"
            + QByteArray::number(m_optionsSent)
            + "\r\n"
              "Max-Forwards: 70\r\n"
              "From: <sip:tester@torture.test>;tag=torture\r\n"
              "To: <sip:alice@torture.test>\r\n"
              "Call-ID: "
            + callId
            + "\r\n"
              "CSeq: 1 OPTIONS\r\n"
              "Content-Length: 0\r\n\r\n";
        send(options);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(m_received.cbegin(), m_received.cend(),
                                     [&](const Received &r) { return r.callId == callId && r.status == 200; }),
            AnswerTimeoutMs);
        QCOMPARE(m_engine->client()->state(), CallClient::State::Running);

        QString why;
        if (meets(expected, answers(callId), &why)) {
            ++m_asExpected;
        } else {
            m_deviations.append(QStringLiteral("%1 (expected %2): %3").arg(name, QString::fromLatin1(expected), why));
            qWarning().noquote() << name << "expected" << expected << "got" << why;
        }
    }
};

QTEST_GUILESS_MAIN(TestTorture)
#include "tst_torture.moc"
