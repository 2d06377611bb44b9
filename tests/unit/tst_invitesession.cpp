// SPDX-License-Identifier: GPL-3.0-or-later
// InviteSession against a FakeSipServer playing the proxy and the far end over a real WebSocket:
// the INVITE's challenge, provisional responses, the ACKs, CANCEL (also racing the 200), the 2xx
// retransmitted until its ACK, and glare.
#include "connectedlayer.h"
#include "fakesipserver.h"

#include "sip/invitesession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace std::chrono_literals;
using parla::sip::InviteSession;
using parla::sip::SipMessage;
using parla::sip::TransactionLayer;
using parla::test::FakeSipServer;

namespace {
const QByteArray offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                         "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

InviteSession::Self self()
{
    return { "sip:alice@example.com", "Alice", "sip:a1b2@c3d4.invalid;transport=ws", { "alice", "secret" },
        "Parla/test", { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS" } };
}

SipMessage answer(const SipMessage &request, int code, const QByteArray &reason, const QByteArray &toTag = "bobtag")
{
    SipMessage response = SipMessage::response(request, code, reason, code > 100 ? toTag : QByteArray());
    if (code > 100 && code < 300) {
        response.addHeader("Contact", "<sip:bob@192.0.2.7:5060>");
        response.addHeader("Record-Route", "<sip:proxy2.example.com;lr>");
        response.addHeader("Record-Route", "<sip:proxy1.example.com;lr>");
    }
    if (code >= 200 && code < 300)
        response.setBody("application/sdp", offer);
    return response;
}

// An INVITE as a proxy would deliver it to Parla.
SipMessage incomingInvite()
{
    SipMessage invite = SipMessage::request("INVITE", "sip:a1b2@c3d4.invalid;transport=ws");
    invite.addHeader("Via", "SIP/2.0/WS proxy.example.com;branch=z9hG4bKinvite1");
    invite.addHeader("Max-Forwards", "69");
    invite.addHeader("Record-Route", "<sip:proxy.example.com;lr>");
    invite.addHeader("From", "\"Bob\" <sip:bob@example.com>;tag=bobtag");
    invite.addHeader("To", "<sip:alice@example.com>");
    invite.addHeader("Call-ID", "incoming-1@example.com");
    invite.addHeader("CSeq", "10 INVITE");
    invite.addHeader("Contact", "<sip:bob@192.0.2.7:5060>");
    invite.setBody("application/sdp", offer);
    return invite;
}
} // namespace

class TestInviteSession : public QObject
{
    Q_OBJECT
private:
    FakeSipServer m_server;
    std::unique_ptr<TransactionLayer> m_layer;
    QList<SipMessage> m_responses; // what Parla answered to requests the server sent

    QList<SipMessage> sent(const QByteArray &method) const
    {
        QList<SipMessage> matching;
        for (const SipMessage &request : m_server.requests()) {
            if (request.method() == method)
                matching.append(request);
        }
        return matching;
    }
    QList<int> responseCodes(const QByteArray &method) const
    {
        QList<int> codes;
        for (const SipMessage &response : m_responses) {
            if (response.cseqMethod() == method)
                codes.append(response.statusCode());
        }
        return codes;
    }
    // Routes requests the server sends to the session, as the CallRegistry does.
    void deliverTo(InviteSession *session)
    {
        connect(m_layer.get(), &TransactionLayer::requestReceived, session, [session](const SipMessage &request) {
            if (request.method() == "INVITE" && request.toTag().isEmpty() && !session->owns(request))
                session->receiveInvite(request);
            else if (session->owns(request))
                session->receiveRequest(request);
        });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init()
    {
        m_server.reset();
        m_responses.clear();
        m_server.setHandler([](FakeSipServer &, QWebSocket *, const SipMessage &) {});
        connect(&m_server, &FakeSipServer::responseReceived, this,
            [this](const SipMessage &response) { m_responses.append(response); });
        m_layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(m_layer);
    }
    void cleanup()
    {
        disconnect(&m_server, &FakeSipServer::responseReceived, this, nullptr);
        m_layer.reset();
    }

    void callerAnswersTheChallengeThenAcksTheAnswer()
    {
        m_server.setHandler([](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            if (request.method() != "INVITE")
                return;
            if (!request.hasHeader("Proxy-Authorization")) {
                SipMessage challenge = answer(request, 407, "Proxy Authentication Required", "p1");
                challenge.addHeader("Proxy-Authenticate", R"(Digest realm="example.com", nonce="abc", qop="auth")");
                server.send(peer, challenge);
                return;
            }
            server.send(peer, answer(request, 180, "Ringing"));
            server.send(peer, answer(request, 200, "OK"));
        });
        InviteSession session(m_layer.get(), self());
        QSignalSpy progress(&session, &InviteSession::progress);
        QSignalSpy answered(&session, &InviteSession::answered);
        session.invite("sip:bob@example.com", offer);
        QVERIFY(answered.wait());
        QCOMPARE(progress.size(), 1);
        QCOMPARE(progress.first().first().toInt(), 180);
        QCOMPARE(answered.first().first().toByteArray(), offer);
        const auto invites = sent("INVITE");
        QCOMPARE(invites.size(), 2);
        QCOMPARE(invites.at(1).cseqNumber(), invites.at(0).cseqNumber() + 1);
        QCOMPARE(invites.at(1).callId(), invites.at(0).callId());
        QVERIFY(invites.at(1).header("Proxy-Authorization").contains("username=\"alice\""));
        // The ACK of the failure (407) reuses its INVITE's branch; the ACK of the 200 is new,
        // goes to the Contact along the reversed Record-Route, with the INVITE's CSeq number.
        QTRY_COMPARE(sent("ACK").size(), 2);
        const SipMessage failureAck = sent("ACK").at(0);
        QCOMPARE(failureAck.topViaBranch(), invites.at(0).topViaBranch());
        const SipMessage ack = sent("ACK").at(1);
        QVERIFY(ack.topViaBranch() != invites.at(1).topViaBranch());
        QCOMPARE(ack.requestUri(), QByteArray("sip:bob@192.0.2.7:5060"));
        QCOMPARE(ack.headerValues("Route"),
            QList<QByteArray>({ "<sip:proxy1.example.com;lr>", "<sip:proxy2.example.com;lr>" }));
        QCOMPARE(ack.cseqNumber(), invites.at(1).cseqNumber());
        QCOMPARE(ack.toTag(), QByteArray("bobtag"));
    }

    void hangUpBeforeAnyProvisionalWaitsForOneThenCancels()
    {
        QPointer<QWebSocket> callee;
        m_server.setHandler([&](FakeSipServer &, QWebSocket *peer, const SipMessage &) { callee = peer; });
        InviteSession session(m_layer.get(), self());
        QSignalSpy ended(&session, &InviteSession::ended);
        session.invite("sip:bob@example.com", offer);
        QTRY_COMPARE(sent("INVITE").size(), 1);
        session.hangUp();
        QVERIFY(!ended.wait(300)); // no CANCEL before a provisional response (RFC 3261 §9.1)
        QCOMPARE(sent("CANCEL").size(), 0);
        const SipMessage invite = sent("INVITE").first();
        m_server.send(callee, answer(invite, 180, "Ringing"));
        QTRY_COMPARE(sent("CANCEL").size(), 1);
        const SipMessage cancel = sent("CANCEL").first();
        QCOMPARE(cancel.topViaBranch(), invite.topViaBranch());
        QCOMPARE(cancel.cseqNumber(), invite.cseqNumber());
        QCOMPARE(cancel.requestUri(), invite.requestUri());
        QVERIFY(cancel.toTag().isEmpty());
        m_server.send(callee, SipMessage::response(cancel, 200, "OK", "bobtag"));
        m_server.send(callee, answer(invite, 487, "Request Terminated"));
        QVERIFY(ended.wait());
        const auto ending = ended.first().first().value<InviteSession::Ending>();
        QVERIFY(ending.cancelled);
        QCOMPARE(ending.statusCode, 487);
        QTRY_COMPARE(sent("ACK").size(), 1); // the 487 is ACKed on the INVITE's branch
        QCOMPARE(sent("ACK").first().topViaBranch(), invite.topViaBranch());
    }

    // The 200 crosses the CANCEL: the call was answered after all, so it is ACKed and BYEd.
    void cancelRacingTheAnswerIsAckedAndByed()
    {
        QPointer<QWebSocket> callee;
        m_server.setHandler([&](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            callee = peer;
            if (request.method() == "INVITE")
                server.send(peer, answer(request, 180, "Ringing"));
            if (request.method() == "CANCEL") {
                server.send(peer, answer(sent("INVITE").first(), 200, "OK")); // the answer was already out
                server.send(peer, SipMessage::response(request, 200, "OK", "bobtag"));
            }
            if (request.method() == "BYE")
                server.send(peer, SipMessage::response(request, 200, "OK"));
        });
        InviteSession session(m_layer.get(), self());
        QSignalSpy progress(&session, &InviteSession::progress);
        QSignalSpy answered(&session, &InviteSession::answered);
        QSignalSpy ended(&session, &InviteSession::ended);
        session.invite("sip:bob@example.com", offer);
        QVERIFY(progress.wait());
        session.hangUp();
        QVERIFY(ended.wait());
        const auto ending = ended.first().first().value<InviteSession::Ending>();
        QVERIFY(ending.cancelled);
        QVERIFY(ending.wasAnswered);
        QCOMPARE(answered.size(), 0); // never reported as a call that is up
        QTRY_COMPARE(sent("ACK").size(), 1);
        QTRY_COMPARE(sent("BYE").size(), 1);
        QCOMPARE(sent("BYE").first().toTag(), QByteArray("bobtag"));
    }

    void calleeSaysTryingAtOnceAndRetransmitsItsAnswerUntilTheAck()
    {
        InviteSession session(m_layer.get(), self());
        deliverTo(&session);
        QSignalSpy confirmed(&session, &InviteSession::confirmed);
        const SipMessage invite = incomingInvite();
        m_server.send(m_server.lastPeer(), invite);
        QTRY_COMPARE(responseCodes("INVITE"), QList<int> { 100 });
        session.ring();
        QTRY_COMPARE(responseCodes("INVITE"), QList<int>({ 100, 180 }));
        QElapsedTimer clock;
        clock.start();
        session.accept(offer);
        // T1 = 500 ms, doubling: the 200 again at 0.5 s and 1.5 s while no ACK comes.
        QTRY_VERIFY_WITH_TIMEOUT(responseCodes("INVITE").count(200) >= 3, 3000);
        QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
        const SipMessage ok = m_responses.last();
        QVERIFY(!ok.toTag().isEmpty());
        QCOMPARE(ok.header("Record-Route"), QByteArray("<sip:proxy.example.com;lr>"));
        QCOMPARE(ok.contactUri(), QByteArray("sip:a1b2@c3d4.invalid;transport=ws"));
        SipMessage ack = SipMessage::request("ACK", "sip:a1b2@c3d4.invalid;transport=ws");
        ack.addHeader("Via", "SIP/2.0/WS proxy.example.com;branch=z9hG4bKack1");
        ack.addHeader("From", invite.header("From"));
        ack.addHeader("To", ok.header("To"));
        ack.addHeader("Call-ID", invite.callId());
        ack.addHeader("CSeq", "10 ACK");
        m_server.send(m_server.lastPeer(), ack);
        QVERIFY(confirmed.wait());
        const int retransmissions = responseCodes("INVITE").count(200);
        QTest::qWait(1200); // longer than the next retransmission would have taken
        QCOMPARE(responseCodes("INVITE").count(200), retransmissions);
    }

    void aRefusalSaysWhyInAWarning()
    {
        InviteSession session(m_layer.get(), self());
        deliverTo(&session);
        m_server.send(m_server.lastPeer(), incomingInvite());
        QTRY_COMPARE(responseCodes("INVITE"), QList<int> { 100 });
        session.reject(488, "Not Acceptable Here", QStringLiteral("no codec in common: \"G.729\" only"));
        QTRY_COMPARE(responseCodes("INVITE"), QList<int>({ 100, 488 }));
        QCOMPARE(m_responses.last().header("Warning"), QByteArray("399 parla \"no codec in common: 'G.729' only\""));
    }

    void calleeCancelledBeforeAnsweringSays487()
    {
        InviteSession session(m_layer.get(), self());
        deliverTo(&session);
        QSignalSpy ended(&session, &InviteSession::ended);
        const SipMessage invite = incomingInvite();
        m_server.send(m_server.lastPeer(), invite);
        QTRY_COMPARE(responseCodes("INVITE"), QList<int> { 100 });
        SipMessage cancel = SipMessage::request("CANCEL", invite.requestUri());
        cancel.addHeader("Via", invite.header("Via"));
        cancel.addHeader("From", invite.header("From"));
        cancel.addHeader("To", invite.header("To"));
        cancel.addHeader("Call-ID", invite.callId());
        cancel.addHeader("CSeq", "10 CANCEL");
        m_server.send(m_server.lastPeer(), cancel);
        QVERIFY(ended.wait());
        QVERIFY(ended.first().first().value<InviteSession::Ending>().cancelled);
        QTRY_COMPARE(responseCodes("CANCEL"), QList<int> { 200 });
        QTRY_COMPARE(responseCodes("INVITE"), QList<int>({ 100, 487 }));
    }
};

QTEST_GUILESS_MAIN(TestInviteSession)
#include "tst_invitesession.moc"
