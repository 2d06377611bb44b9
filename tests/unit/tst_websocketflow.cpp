// SPDX-License-Identifier: GPL-3.0-or-later
// WebSocketFlow against local servers: the 64 KiB message limit (at it and one byte past it),
// frames split across reads, and the extra CA file's checks. TLS against a real server is in
// tests/integration/tst_tls.cpp.
#include "rawwebsocketserver.h"

#include "client/callclient.h"
#include "transport/websocketflow.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ConnectionTuning;
using parla::client::Session;
using parla::test::RawWebSocketServer;
using parla::transport::FlowError;
using parla::transport::WebSocketFlow;

namespace {

constexpr qsizetype Limit = WebSocketFlow::MaxMessageSize;

WebSocketFlow::Timing quickTiming()
{
    return { 3000ms, 25000ms, 10000ms };
}

QByteArray sipLike(qsizetype size)
{
    QByteArray message = "OPTIONS sip:alice@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    message.append(QByteArray(std::max<qsizetype>(0, size - message.size()), 'x'));
    return message.left(size);
}

// Writes `chunks` one per event-loop turn, so the client reads them separately.
void writeInChunks(QTcpSocket *socket, const QList<QByteArray> &chunks)
{
    int delay = 0;
    for (const QByteArray &chunk : chunks) {
        QTimer::singleShot(delay, socket, [socket, chunk] {
            socket->write(chunk);
            socket->flush();
        });
        delay += 20;
    }
}

QList<QByteArray> split(const QByteArray &bytes, const QList<qsizetype> &cuts)
{
    QList<QByteArray> chunks;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        chunks << bytes.mid(from, cut - from);
        from = cut;
    }
    chunks << bytes.mid(from);
    return chunks;
}

} // namespace

class TestWebSocketFlow : public QObject
{
    Q_OBJECT
private:
    // Opens a flow to `server` and waits until it is open; the server's socket is then ready.
    static std::unique_ptr<WebSocketFlow> openFlow(RawWebSocketServer &server)
    {
        auto flow = std::make_unique<WebSocketFlow>(server.url(), quickTiming());
        QSignalSpy opened(flow.get(), &WebSocketFlow::opened);
        flow->open();
        if (!opened.wait(5000) || !server.socket())
            return nullptr;
        return flow;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<parla::transport::FlowError>(); }

    void unmaskedFramesArriveHoweverTheyAreSplit_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        QTest::addColumn<QList<QByteArray>>("expected");
        const QByteArray small = sipLike(100);
        const QByteArray medium = sipLike(300); // 16-bit length
        const QByteArray large = sipLike(Limit); // 64-bit length
        const QByteArray smallFrame = RawWebSocketServer::frame(RawWebSocketServer::Text, small);
        const QByteArray mediumFrame = RawWebSocketServer::frame(RawWebSocketServer::Text, medium);
        const QByteArray largeFrame = RawWebSocketServer::frame(RawWebSocketServer::Text, large);
        QTest::newRow("one frame, one read") << QList<QByteArray> { smallFrame } << QList<QByteArray> { small };
        QTest::newRow("header split in the first two bytes")
            << split(smallFrame, { 1, 2, 50 }) << QList<QByteArray> { small };
        QTest::newRow("16-bit length split") << split(mediumFrame, { 1, 3, 4, 200 }) << QList<QByteArray> { medium };
        QTest::newRow("64-bit length split") << split(largeFrame, { 2, 6, 10, 30000 }) << QList<QByteArray> { large };
        QTest::newRow("two frames in one read, then a third split") << QList<QByteArray> { smallFrame + mediumFrame,
            smallFrame.left(3), smallFrame.mid(3) } << QList<QByteArray> { small, medium, small };
        const QByteArray ping = RawWebSocketServer::frame(0x9, "hi");
        QTest::newRow("fragments with a ping between them")
            << QList<QByteArray> { RawWebSocketServer::frame(RawWebSocketServer::Text, small.left(40), false), ping,
                   RawWebSocketServer::frame(RawWebSocketServer::Continuation, small.mid(40)) }
            << QList<QByteArray> { small };
    }
    void unmaskedFramesArriveHoweverTheyAreSplit()
    {
        // What a correct server sends arrives whole, in whatever pieces it comes.
        QFETCH(QList<QByteArray>, chunks);
        QFETCH(QList<QByteArray>, expected);
        RawWebSocketServer server;
        QVERIFY(server.listen());
        auto flow = openFlow(server);
        QVERIFY(flow);
        QSignalSpy received(flow.get(), &WebSocketFlow::messageReceived);
        QSignalSpy lost(flow.get(), &WebSocketFlow::lost);
        writeInChunks(server.socket(), chunks);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), expected.size(), 5000);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(received.at(i).first().toByteArray(), expected.at(i));
        QVERIFY(flow->isOpen());
        QCOMPARE(lost.size(), 0);
    }

    void messageAtTheLimitArrives()
    {
        RawWebSocketServer server;
        QVERIFY(server.listen());
        auto flow = openFlow(server);
        QVERIFY(flow);
        QSignalSpy received(flow.get(), &WebSocketFlow::messageReceived);
        QSignalSpy lost(flow.get(), &WebSocketFlow::lost);
        const QByteArray message = sipLike(Limit);
        server.socket()->write(RawWebSocketServer::frame(RawWebSocketServer::Text, message));
        QVERIFY(received.wait(5000));
        QCOMPARE(received.first().first().toByteArray().size(), Limit);
        QVERIFY(flow->isOpen());
        QCOMPARE(lost.size(), 0);
    }

    void messageOverTheLimitClosesTheFlow_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        const QByteArray over = sipLike(Limit + 1);
        QTest::newRow("one frame, one byte over")
            << QList<QByteArray> { RawWebSocketServer::frame(RawWebSocketServer::Text, over) };
        QTest::newRow("two fragments, one byte over together")
            << QList<QByteArray> { RawWebSocketServer::frame(RawWebSocketServer::Text, over.left(40000), false),
                   RawWebSocketServer::frame(RawWebSocketServer::Continuation, over.mid(40000)) };
        // Only the header of a huge frame is sent: refused on the header alone, never buffered.
        QByteArray hugeHeader = RawWebSocketServer::frame(RawWebSocketServer::Text, QByteArray(70000, 'x'));
        hugeHeader.truncate(10);
        hugeHeader[2] = 0;
        hugeHeader[3] = 0;
        hugeHeader[4] = 0;
        hugeHeader[5] = 1; // 2^32 bytes announced
        QTest::newRow("a 4 GiB frame announced") << QList<QByteArray> { hugeHeader + QByteArray(1000, 'x') };
    }
    void messageOverTheLimitClosesTheFlow()
    {
        QFETCH(QList<QByteArray>, chunks);
        RawWebSocketServer server;
        QVERIFY(server.listen());
        auto flow = openFlow(server);
        QVERIFY(flow);
        QSignalSpy received(flow.get(), &WebSocketFlow::messageReceived);
        QSignalSpy lost(flow.get(), &WebSocketFlow::lost);
        writeInChunks(server.socket(), chunks);
        QVERIFY(lost.wait(5000));
        const auto error = lost.first().first().value<FlowError>();
        // The server may do better next time (a transient error): the client reconnects.
        QCOMPARE(error.kind, FlowError::Kind::Closed);
        QVERIFY2(error.message.contains(QString::number(Limit)), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("too large")), qPrintable(error.message));
        QCOMPARE(received.size(), 0);
    }

    void oversizeMessagesMeanReconnectingWithBackoff()
    {
        // A server that sends too large a message on every connection is retried with the
        // backoff's waits, not in a storm.
        RawWebSocketServer server;
        QVERIFY(server.listen());
        server.onUpgraded = [](QTcpSocket *socket) {
            socket->write(RawWebSocketServer::frame(RawWebSocketServer::Text, sipLike(Limit + 1)));
        };
        CallClient client;
        ConnectionTuning tuning;
        tuning.backoffBase = 400ms;
        tuning.backoffCap = 800ms;
        tuning.maxStartAttempts = 3;
        client.setTuning(tuning);
        QSignalSpy reconnecting(&client, &CallClient::didStartReconnecting);
        QSignalSpy failed(&client, &CallClient::didFail);
        Session session;
        session.server = server.url();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("secret");
        QElapsedTimer elapsed;
        elapsed.start();
        client.start(session);
        QVERIFY(failed.wait(10000));
        // The first try and 3 retries, each after at least half its backoff: 200, 400, 400 ms
        // (less 5% for Qt's coarse timers).
        QCOMPARE(server.connections(), 4);
        QCOMPARE(reconnecting.size(), 3);
        QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));
    }

    void caFileIsChecked()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing.pem"));
        QVERIFY(WebSocketFlow::validateCaFile(missing).contains(QLatin1String("missing.pem")));
        const QString empty = dir.filePath(QStringLiteral("empty.pem"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a certificate\n");
        }
        QVERIFY2(WebSocketFlow::validateCaFile(empty).contains(QLatin1String("no certificate")),
            qPrintable(WebSocketFlow::validateCaFile(empty)));
        QVERIFY(!WebSocketFlow::validateCaFile(dir.path()).isEmpty()); // a directory is not a file
        QVERIFY(WebSocketFlow::validateCaFile(QString()).isEmpty()); // none given: nothing to check

        // A session with a CA file that holds no certificate is refused before anything opens.
        Session session;
        session.server = QUrl(QStringLiteral("wss://127.0.0.1:1"));
        session.user = QStringLiteral("alice");
        session.caFile = empty;
        QVERIFY(session.validate().contains(QLatin1String("no certificate")));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFlow)
#include "tst_websocketflow.moc"
