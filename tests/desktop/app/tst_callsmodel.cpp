// SPDX-License-Identifier: GPL-3.0-or-later
// CallsModel: which call rings, which is current, call waiting, ended calls handed on to the
// history, and what dial() passes to the client.
#include "callsmodel.h"

#include "calls/callregistry.h"
#include "client/clienterror.h"

#include <QSignalSpy>
#include <QTest>

using parla::calls::Call;
using parla::desktop::ActiveCall;
using parla::desktop::CallsModel;
using parla::desktop::CallSnapshot;

namespace {

CallSnapshot snapshot(int id, Call::Direction direction, Call::State state, const QString &uri)
{
    CallSnapshot s;
    s.id = id;
    s.direction = direction;
    s.state = state;
    s.remoteUri = uri;
    s.startTime = QDateTime::currentDateTimeUtc();
    if (state == Call::State::Active)
        s.answerTime = s.startTime;
    return s;
}

} // namespace

class TestCallsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void incomingCallRingsThenBecomesCurrent()
    {
        CallsModel model;
        QSignalSpy incoming(&model, &CallsModel::incomingCall);
        model.apply(snapshot(1, Call::Direction::Incoming, Call::State::Ringing, QStringLiteral("sip:bob@x")));
        QCOMPARE(incoming.size(), 1);
        QVERIFY(model.ringing());
        QCOMPARE(model.ringing()->remoteName(), QStringLiteral("bob"));
        QVERIFY(!model.current()); // a ringing call belongs to the incoming-call window
        QVERIFY(!model.isCallWaiting());
        model.apply(snapshot(1, Call::Direction::Incoming, Call::State::Active, QStringLiteral("sip:bob@x")));
        QVERIFY(!model.ringing());
        QCOMPARE(model.current()->callId(), 1);
        QCOMPARE(incoming.size(), 1);
    }

    void secondCallIsCallWaiting()
    {
        CallsModel model;
        model.apply(snapshot(1, Call::Direction::Outgoing, Call::State::Active, QStringLiteral("sip:bob@x")));
        model.apply(snapshot(2, Call::Direction::Incoming, Call::State::Ringing, QStringLiteral("sip:carol@x")));
        QVERIFY(model.isCallWaiting());
        QCOMPARE(model.ringing()->callId(), 2);
        QCOMPARE(model.current()->callId(), 1);
        QCOMPARE(model.count(), 2);
        // Answering the second holds the first: the current call is the one talked on.
        model.apply(snapshot(1, Call::Direction::Outgoing, Call::State::Held, QStringLiteral("sip:bob@x")));
        model.apply(snapshot(2, Call::Direction::Incoming, Call::State::Active, QStringLiteral("sip:carol@x")));
        QVERIFY(!model.isCallWaiting());
        QCOMPARE(model.current()->callId(), 2);
    }

    void endedCallLeavesAndIsHandedOn()
    {
        CallsModel model;
        QSignalSpy ended(&model, &CallsModel::callEnded);
        model.apply(snapshot(1, Call::Direction::Incoming, Call::State::Ringing, QStringLiteral("sip:bob@x")));
        CallSnapshot last = snapshot(1, Call::Direction::Incoming, Call::State::Ended, QStringLiteral("sip:bob@x"));
        last.endReason = Call::EndReason::Missed;
        model.apply(last);
        QCOMPARE(model.count(), 0);
        QVERIFY(!model.ringing());
        QCOMPARE(ended.size(), 1);
        QVERIFY(ended.at(0).at(0).value<CallSnapshot>().isMissed());
    }

    void dialTarget_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("target");
        QTest::newRow("user") << QStringLiteral(" bob ") << QStringLiteral("bob");
        QTest::newRow("sip") << QStringLiteral("sip:bob@example.com") << QStringLiteral("sip:bob@example.com");
        QTest::newRow("tel") << QStringLiteral("tel:+39-06-1234.567") << QStringLiteral("+39061234567");
        QTest::newRow("tel with params") << QStringLiteral("tel:+1 (555) 0100;ext=7") << QStringLiteral("+15550100");
        QTest::newRow("empty") << QStringLiteral("  ") << QString();
    }
    void dialTarget()
    {
        QFETCH(QString, address);
        QFETCH(QString, target);
        QCOMPARE(CallsModel::dialTarget(address), target);
    }

    void dialWithoutAClientSaysNothingIsPlaced()
    {
        CallsModel model;
        QSignalSpy requested(&model, &CallsModel::dialRequested);
        model.dial(QString());
        QCOMPARE(requested.size(), 0);
        QVERIFY(!model.lastError().isEmpty());
        model.dial(QStringLiteral("tel:+3906"));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("+3906"));
        QVERIFY(model.lastError().isEmpty());
    }

    // Too many calls is said in the user's words; other refusals keep the client's message.
    void refusalText()
    {
        using parla::client::ClientError;
        const QString tooMany = CallsModel::refusalText(
            { ClientError::Reason::TooManyCalls, QStringLiteral("already 4 calls at once; hang one up first") });
        QCOMPARE(tooMany,
            QStringLiteral("%1 calls are already up: hang one up to call again")
                .arg(parla::calls::CallRegistry::MaxCalls));
        const QString notRunning = QStringLiteral("cannot place a call while the client is paused; it must be running");
        QCOMPARE(CallsModel::refusalText({ ClientError::Reason::NotRunning, notRunning }), notRunning);
    }
};

QTEST_GUILESS_MAIN(TestCallsModel)
#include "tst_callsmodel.moc"
