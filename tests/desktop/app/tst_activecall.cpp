// SPDX-License-Identifier: GPL-3.0-or-later
// ActiveCall: the name a person recognises, the timer, and each button named as it is pressed.
#include "activecall.h"

#include <QSignalSpy>
#include <QTest>

using parla::calls::Call;
using parla::desktop::ActiveCall;
using parla::desktop::CallSnapshot;

class TestActiveCall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        CallSnapshot s;
        s.remoteUri = QStringLiteral("sip:j%20doe@example.com");
        QCOMPARE(ActiveCall(s, nullptr).remoteName(), QStringLiteral("j doe"));
        s.remoteDisplayName = QStringLiteral("Jane Doe");
        QCOMPARE(ActiveCall(s, nullptr).remoteName(), QStringLiteral("Jane Doe"));
    }

    void timer()
    {
        CallSnapshot s;
        s.direction = Call::Direction::Outgoing;
        s.state = Call::State::Active;
        s.answerTime = QDateTime::currentDateTimeUtc().addSecs(-65);
        ActiveCall call(s, nullptr);
        QVERIFY(call.isEstablished());
        QCOMPARE(call.durationText(), QStringLiteral("01:05"));
        QSignalSpy tick(&call, &ActiveCall::tick);
        QVERIFY(tick.wait(1500)); // ticks by itself while the call is up
        s.answerTime = QDateTime::currentDateTimeUtc().addSecs(-3723);
        call.apply(s);
        QCOMPARE(call.durationText(), QStringLiteral("1:02:03"));
        s.state = Call::State::Ended;
        s.endTime = s.answerTime.addSecs(10);
        call.apply(s);
        QCOMPARE(call.durationSeconds(), 10);
    }

    void qualityAtAGlance()
    {
        CallSnapshot s;
        s.state = Call::State::Active;
        s.secure = true;
        ActiveCall call(s, nullptr);
        QVERIFY(call.isSecure());
        QVERIFY(!call.hasQuality());
        QCOMPARE(call.qualityGrade(), QStringLiteral("unknown"));
        QCOMPARE(call.qualityDetails(), QString());

        QSignalSpy changed(&call, &ActiveCall::qualityChanged);
        parla::calls::CallQuality quality;
        quality.valid = true;
        quality.lossPercent = 0.26;
        quality.jitterMs = 11.6;
        quality.codec = QStringLiteral("opus");
        call.applyQuality(quality);
        QCOMPARE(changed.size(), 1);
        call.applyQuality(quality); // the same figures again: no repaint
        QCOMPARE(changed.size(), 1);
        QCOMPARE(call.qualityGrade(), QStringLiteral("good"));
        QCOMPARE(call.qualityText(), QStringLiteral("Good"));
        // No round trip until an RTCP report measured one.
        QCOMPARE(call.qualityDetails(), QStringLiteral("Loss 0.3% · jitter 12 ms · OPUS"));

        quality.lossPercent = 7.0;
        quality.roundTripMs = 95.4;
        call.applyQuality(quality);
        QCOMPARE(call.qualityGrade(), QStringLiteral("poor"));
        QCOMPARE(call.roundTripMs(), 95.4);
        QCOMPARE(call.qualityDetails(), QStringLiteral("Loss 7.0% · jitter 12 ms · round trip 95 ms · OPUS"));
        QCOMPARE(call.remoteLossPercent(), -1.0);
        QCOMPARE(call.qualityBothWays(),
            QStringLiteral("You hear: Poor, loss 7.0%, jitter 12 ms\nThey hear: not reported yet"));

        // The peer's RTCP report: how it hears us, each way in words.
        quality.lossPercent = 0.0;
        quality.roundTripMs = 40.0;
        quality.remoteLossPercent = 2.0;
        quality.remoteJitterMs = 14.4;
        call.applyQuality(quality);
        QCOMPARE(call.qualityGrade(), QStringLiteral("fair")); // the worse way
        QCOMPARE(call.remoteLossPercent(), 2.0);
        QCOMPARE(call.remoteJitterMs(), 14.4);
        QCOMPARE(call.qualityBothWays(),
            QStringLiteral("You hear: Good, loss 0.0%, jitter 12 ms\nThey hear: Fair, loss 2.0%, jitter 14 ms"));
    }

    void buttonsAreNamed()
    {
        CallSnapshot s;
        s.direction = Call::Direction::Incoming;
        s.state = Call::State::Active;
        ActiveCall call(s, nullptr);
        QSignalSpy requested(&call, &ActiveCall::requested);
        call.toggleMute();
        call.toggleHold();
        call.sendDtmf(QStringLiteral("5#"));
        call.hangUp();
        QCOMPARE(requested.size(), 4);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("mute"));
        QCOMPARE(requested.at(1).at(0).toString(), QStringLiteral("hold"));
        QCOMPARE(requested.at(2).at(1).toString(), QStringLiteral("5#"));
        QCOMPARE(requested.at(3).at(0).toString(), QStringLiteral("hangUp"));
        s.muted = true;
        s.state = Call::State::Held;
        call.apply(s);
        call.toggleMute();
        call.toggleHold();
        QCOMPARE(requested.at(4).at(0).toString(), QStringLiteral("unmute"));
        QCOMPARE(requested.at(5).at(0).toString(), QStringLiteral("unhold"));
    }
};

QTEST_GUILESS_MAIN(TestActiveCall)
#include "tst_activecall.moc"
