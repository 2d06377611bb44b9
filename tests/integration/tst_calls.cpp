// SPDX-License-Identifier: GPL-3.0-or-later
// Parla calls Parla through the project's real Kamailio over WebSocket: ring, answer, hold
// and resume, hang up from either side, cancel, decline, call waiting, and the rule that a
// pause never drops a call. Media is SDP only here (SdpOnlyMedia); audio has tests of its own.
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "phonepair.h"
#include "sdponlymedia.h"

#include "calls/call.h"
#include "calls/callregistry.h"
#include "client/callclient.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using parla::calls::Call;
using parla::client::CallClient;
using parla::client::ClientError;
using parla::test::KamailioServer;
using parla::test::PhonePair;
using parla::test::SdpOnlyMedia;
using parla::test::TestPhone;
using parla::test::waitForCallState;
using State = CallClient::State;

class TestCalls : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<PhonePair> m_phones;

    // Signs `phone` in as `user`, with SDP-only media on even ports above `port`.
    bool signIn(TestPhone &phone, const QString &user, quint16 port)
    {
        phone.client()->setMediaFactory([port]() mutable { return new SdpOnlyMedia(port += 2); });
        return phone.signIn(TestPhone::demoSession(user, m_kamailio->webSocketUrl()));
    }
    PhonePair::Ends ring() { return m_phones->ring(5000); }
    PhonePair::Ends talk() { return m_phones->connectCall(5000); }

private Q_SLOTS:
    void initTestCase()
    {
        m_kamailio = KamailioServer::attachFromEnvironment();
        QVERIFY(m_kamailio);
    }
    void init()
    {
        m_phones = std::make_unique<PhonePair>();
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), 41000));
        QVERIFY(signIn(m_phones->bob, QStringLiteral("bob"), 42000));
    }
    void cleanup()
    {
        QVERIFY(m_phones->stop());
        m_phones.reset();
    }

    void callRingsAndIsAnsweredThenCallerHangsUp()
    {
        auto [outgoing, incoming] = ring();
        QVERIFY(outgoing && incoming);
        QCOMPARE(incoming->direction(), Call::Direction::Incoming);
        QCOMPARE(incoming->state(), Call::State::Ringing);
        QVERIFY2(incoming->remoteUri().startsWith(QLatin1String("sip:alice@")), qPrintable(incoming->remoteUri()));
        QCOMPARE(outgoing->remoteUri(), QStringLiteral("sip:bob@127.0.0.1"));
        incoming->answer();
        QVERIFY(waitForCallState(outgoing, Call::State::Active));
        QCOMPARE(incoming->state(), Call::State::Active);
        QVERIFY(outgoing->answerTime().isValid());
        // SDP went both ways: each side knows where the other's RTP goes.
        auto *aliceMedia = outgoing->findChild<SdpOnlyMedia *>();
        auto *bobMedia = incoming->findChild<SdpOnlyMedia *>();
        QVERIFY(aliceMedia->negotiated && bobMedia->negotiated);
        QCOMPARE(aliceMedia->negotiated->remotePort, bobMedia->port());
        QCOMPARE(aliceMedia->starts, 1);
        outgoing->hangUp();
        QVERIFY(waitForCallState(incoming, Call::State::Ended));
        QCOMPARE(incoming->endReason(), Call::EndReason::HungUpThere);
        QCOMPARE(outgoing->endReason(), Call::EndReason::HungUpHere);
        QCOMPARE(bobMedia->stops, 1);
    }

    void calleeHangsUp()
    {
        auto [outgoing, incoming] = talk();
        QVERIFY(outgoing && incoming);
        incoming->hangUp();
        QVERIFY(waitForCallState(outgoing, Call::State::Ended));
        QCOMPARE(outgoing->endReason(), Call::EndReason::HungUpThere);
        QCOMPARE(incoming->endReason(), Call::EndReason::HungUpHere);
    }

    void holdAndResume()
    {
        auto [outgoing, incoming] = talk();
        QVERIFY(outgoing && incoming);
        QSignalSpy remoteHold(incoming, &Call::remoteHoldChanged);
        outgoing->hold();
        QVERIFY(waitForCallState(outgoing, Call::State::Held));
        QTRY_COMPARE(remoteHold.size(), 1);
        QVERIFY(incoming->isRemoteHolding());
        QCOMPARE(incoming->state(), Call::State::Active); // the far end's state is its own
        outgoing->unhold();
        QVERIFY(waitForCallState(outgoing, Call::State::Active));
        QTRY_COMPARE(remoteHold.size(), 2);
        QVERIFY(!incoming->isRemoteHolding());
        // And the other way round: the callee holds.
        incoming->hold();
        QVERIFY(waitForCallState(incoming, Call::State::Held));
        QTRY_VERIFY(outgoing->isRemoteHolding());
    }

    void callerCancelsBeforeAnswer()
    {
        auto [outgoing, incoming] = ring();
        QVERIFY(outgoing && incoming);
        outgoing->hangUp();
        QVERIFY(waitForCallState(incoming, Call::State::Ended));
        QVERIFY(waitForCallState(outgoing, Call::State::Ended));
        QCOMPARE(incoming->endReason(), Call::EndReason::Missed);
        QCOMPARE(outgoing->endReason(), Call::EndReason::Cancelled);
    }

    void calleeDeclines()
    {
        auto [outgoing, incoming] = ring();
        QVERIFY(outgoing && incoming);
        incoming->decline();
        QVERIFY(waitForCallState(outgoing, Call::State::Ended));
        QCOMPARE(outgoing->endReason(), Call::EndReason::Declined);
        QCOMPARE(incoming->endReason(), Call::EndReason::Declined);
        QVERIFY2(outgoing->endReasonText().contains(QLatin1String("603")), qPrintable(outgoing->endReasonText()));
    }

    void answeringACallThatIsNotRingingIsRefused()
    {
        auto [outgoing, incoming] = talk();
        QVERIFY(outgoing && incoming);
        QSignalSpy refused(incoming, &Call::operationFailed);
        incoming->answer();
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().first().toString().contains(QLatin1String("active")),
            qPrintable(refused.first().first().toString()));
        QSignalSpy outgoingRefused(outgoing, &Call::operationFailed);
        outgoing->decline();
        QCOMPARE(outgoingRefused.size(), 1);
    }

    void callingNeedsTheRunningState()
    {
        QSignalSpy refused(m_phones->alice.client(), &CallClient::operationFailed);
        m_phones->alice.client()->pause();
        QVERIFY(parla::test::waitForState(m_phones->alice.client(), State::Paused));
        QCOMPARE(m_phones->alice.client()->call(QStringLiteral("bob")), nullptr);
        QCOMPARE(refused.size(), 1);
        const auto error = refused.first().first().value<ClientError>();
        QCOMPARE(error.reason, ClientError::Reason::NotRunning);
        QVERIFY2(error.message.contains(QLatin1String("paused")), qPrintable(error.message));
    }

    void aBadAddressIsRefused()
    {
        QSignalSpy refused(m_phones->alice.client(), &CallClient::operationFailed);
        QCOMPARE(m_phones->alice.client()->call(QStringLiteral("mailto:bob@example.com")), nullptr);
        QCOMPARE(refused.first().first().value<ClientError>().reason, ClientError::Reason::InvalidTarget);
    }

    // A second call while one is up rings as call waiting; answering it holds the first.
    void callWaiting()
    {
        auto [first, firstAtBob] = talk();
        QVERIFY(first && firstAtBob);
        TestPhone carol;
        QVERIFY(signIn(carol, QStringLiteral("carol"), 43000));
        Call *second = carol.client()->call(QStringLiteral("bob"));
        QVERIFY(second);
        QTRY_COMPARE_WITH_TIMEOUT(m_phones->bob.incoming().size(), 2, 5000);
        Call *secondAtBob = m_phones->bob.lastIncoming();
        QCOMPARE(secondAtBob->state(), Call::State::Ringing);
        QCOMPARE(firstAtBob->state(), Call::State::Active); // still talking while it rings
        secondAtBob->answer();
        QVERIFY(waitForCallState(second, Call::State::Active));
        QVERIFY(waitForCallState(firstAtBob, Call::State::Held));
        QTRY_VERIFY(first->isRemoteHolding());
        second->hangUp();
        QVERIFY(waitForCallState(secondAtBob, Call::State::Ended));
        QVERIFY(carol.stop());
    }

    // --- pausing never drops a call ---

    void pauseDuringACallWaitsForItsEnd()
    {
        auto [outgoing, incoming] = talk();
        QVERIFY(outgoing && incoming);
        QSignalSpy deferred(m_phones->alice.client(), &CallClient::pauseDeferred);
        QSignalSpy willPause(m_phones->alice.client(), &CallClient::willPause);
        m_phones->alice.client()->pause();
        QCOMPARE(deferred.size(), 1);
        QVERIFY(!willPause.wait(500)); // the call goes on...
        QCOMPARE(m_phones->alice.client()->state(), State::Running);
        QCOMPARE(outgoing->state(), Call::State::Active);
        incoming->hangUp(); // ...until it ends; then the client pauses
        QVERIFY(parla::test::waitForState(m_phones->alice.client(), State::Paused));
        QCOMPARE(outgoing->endReason(), Call::EndReason::HungUpThere);
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("alice")).isEmpty());
    }

    void resumeCancelsTheDeferredPause()
    {
        auto [outgoing, incoming] = talk();
        QVERIFY(outgoing && incoming);
        QSignalSpy cancelled(m_phones->alice.client(), &CallClient::pauseDeferralCancelled);
        QSignalSpy willPause(m_phones->alice.client(), &CallClient::willPause);
        m_phones->alice.client()->pause();
        m_phones->alice.client()->resume();
        QCOMPARE(cancelled.size(), 1);
        outgoing->hangUp();
        QVERIFY(waitForCallState(incoming, Call::State::Ended));
        QVERIFY(!willPause.wait(500));
        QCOMPARE(m_phones->alice.client()->state(), State::Running);
    }

    void pauseWithoutCallsPausesAtOnce()
    {
        QSignalSpy deferred(m_phones->bob.client(), &CallClient::pauseDeferred);
        m_phones->bob.client()->pause();
        QVERIFY(parla::test::waitForState(m_phones->bob.client(), State::Paused));
        QCOMPARE(deferred.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCalls)
#include "tst_calls.moc"
