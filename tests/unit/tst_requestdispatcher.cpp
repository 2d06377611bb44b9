// SPDX-License-Identifier: GPL-3.0-or-later
// RequestDispatcher: every request that arrives goes to its owner or gets the answer RFC 3261
// gives it, over a real WebSocket from a FakeSipServer.
#include "connectedlayer.h"
#include "fakesipserver.h"

#include "sip/requestdispatcher.h"

#include <QSignalSpy>
#include <QTest>

using parla::sip::RequestDispatcher;
using parla::sip::SipMessage;
using parla::sip::TransactionLayer;
using parla::test::FakeSipServer;

namespace {
SipMessage request(const QByteArray &method, const QByteArray &toTag = {})
{
    SipMessage message = SipMessage::request(method, "sip:alice@client.invalid");
    message.addHeader("Via", "SIP/2.0/WS proxy.invalid;branch=z9hG4bK" + method.toLower() + "1");
    message.addHeader("Max-Forwards", "70");
    message.addHeader("From", "<sip:bob@example.com>;tag=from1");
    message.addHeader("To", "<sip:alice@example.com>" + (toTag.isEmpty() ? QByteArray() : ";tag=" + toTag));
    message.addHeader("Call-ID", "call-" + method.toLower() + "@example.com");
    message.addHeader("CSeq", "7 " + method);
    return message;
}
} // namespace

class TestRequestDispatcher : public QObject
{
    Q_OBJECT
private:
    FakeSipServer m_server;
    std::unique_ptr<TransactionLayer> m_layer;
    std::unique_ptr<RequestDispatcher> m_dispatcher;

    // Sends `message` to the client and returns its answer (status 0 when none came).
    SipMessage exchange(const SipMessage &message, int timeoutMs = 2000)
    {
        std::optional<SipMessage> answer;
        QMetaObject::Connection connection = connect(&m_server, &FakeSipServer::responseReceived, this,
            [&answer](const SipMessage &response) { answer = response; });
        m_server.send(m_server.lastPeer(), message);
        (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, timeoutMs);
        disconnect(connection);
        return answer.value_or(SipMessage::request("NONE", "sip:none@none.invalid"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init()
    {
        m_layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(m_layer);
        m_dispatcher = std::make_unique<RequestDispatcher>();
        m_dispatcher->attach(m_layer.get());
    }
    void cleanup()
    {
        m_dispatcher.reset();
        m_layer.reset();
    }

    void unownedRequests_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("toTag");
        QTest::addColumn<int>("status");
        QTest::newRow("BYE outside any dialog") << QByteArray("BYE") << QByteArray("t1") << 481;
        QTest::newRow("BYE without To tag") << QByteArray("BYE") << QByteArray() << 481;
        QTest::newRow("CANCEL with no transaction") << QByteArray("CANCEL") << QByteArray() << 481;
        QTest::newRow("re-INVITE of an unknown dialog") << QByteArray("INVITE") << QByteArray("t2") << 481;
        QTest::newRow("in-dialog INFO") << QByteArray("INFO") << QByteArray("t3") << 481;
        QTest::newRow("INVITE with nobody to take it") << QByteArray("INVITE") << QByteArray() << 480;
        QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << QByteArray() << 200;
        QTest::newRow("MESSAGE") << QByteArray("MESSAGE") << QByteArray() << 405;
        QTest::newRow("SUBSCRIBE") << QByteArray("SUBSCRIBE") << QByteArray() << 405;
    }
    void unownedRequests()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, toTag);
        QFETCH(int, status);
        const SipMessage response = exchange(request(method, toTag));
        QCOMPARE(response.statusCode(), status);
        QCOMPARE(response.cseqMethod(), method);
        QCOMPARE(response.callId(), "call-" + method.toLower() + "@example.com");
        QVERIFY(!response.toTag().isEmpty());
        if (status == 405 || status == 200)
            QCOMPARE(response.headerValues("Allow").join(", "), QByteArray("OPTIONS"));
        else
            QVERIFY(!response.hasHeader("Allow"));
    }

    void ackIsNeverAnswered()
    {
        const SipMessage response = exchange(request("ACK", "t9"), 300);
        QCOMPARE(response.method(), QByteArray("NONE"));
        // ...and the client still answers what follows.
        QCOMPARE(exchange(request("OPTIONS")).statusCode(), 200);
    }

    void ownersTakeTheirMethodsAndAllowGrows()
    {
        QList<QByteArray> taken;
        m_dispatcher->setOwner("INVITE", [&](TransactionLayer *layer, const SipMessage &invite) {
            taken.append(invite.method());
            layer->sendResponse(SipMessage::response(invite, 486, "Busy Here"));
            return true;
        });
        m_dispatcher->setOwner("BYE", [&](TransactionLayer *, const SipMessage &) {
            return false; // a dialog layer that does not know this dialog
        });
        QCOMPARE(exchange(request("INVITE")).statusCode(), 486);
        QCOMPARE(taken, QList<QByteArray> { "INVITE" });
        QCOMPARE(exchange(request("BYE", "t1")).statusCode(), 481);
        const SipMessage options = exchange(request("OPTIONS"));
        QCOMPARE(options.headerValues("Allow").join(", "), QByteArray("OPTIONS, BYE, INVITE"));
        QCOMPARE(options.header("Accept"), QByteArray("application/sdp"));
    }
};

QTEST_GUILESS_MAIN(TestRequestDispatcher)
#include "tst_requestdispatcher.moc"
