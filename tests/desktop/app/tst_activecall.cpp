// SPDX-License-Identifier: GPL-3.0-or-later
// ActiveCall: the name a person recognises, the timer, each button named as it is pressed, and
// a device chosen in the call reaching the engine's Call on its own thread.
#include "activecall.h"
#include "sdponlymedia.h"

#include "sip/invitesession.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using parla::calls::Call;
using parla::desktop::ActiveCall;
using parla::desktop::CallSnapshot;

namespace {

// Media that remember the devices asked for, and on which thread.
class DeviceMedia : public parla::test::SdpOnlyMedia
{
public:
    void setInputDevice(const QByteArray &id) override { note("input " + id); }
    void setOutputDevice(const QByteArray &id) override { note("output " + id); }
    QByteArrayList asked() const
    {
        QMutexLocker lock(&m_mutex);
        return m_asked;
    }
    QThread *askedOn() const
    {
        QMutexLocker lock(&m_mutex);
        return m_thread;
    }

private:
    void note(const QByteArray &request)
    {
        QMutexLocker lock(&m_mutex);
        m_asked.append(request);
        m_thread = QThread::currentThread();
    }
    mutable QMutex m_mutex;
    QByteArrayList m_asked;
    QThread *m_thread = nullptr;
};

} // namespace

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

    // The in-call view's device choice goes to the engine's Call, on the engine thread, and on to
    // its media; a switch the media refuses comes back as the call's deviceError.
    void deviceSwitchReachesTheCall()
    {
        QThread engine;
        auto *media = new DeviceMedia;
        auto *call = new Call(1, Call::Direction::Outgoing, new parla::sip::InviteSession(nullptr, {}), media);
        call->moveToThread(&engine);
        engine.start();
        CallSnapshot s;
        s.id = 1;
        s.state = Call::State::Active;
        ActiveCall active(s, call);
        QSignalSpy requested(&active, &ActiveCall::requested);
        active.useOutput(QStringLiteral("headset"));
        active.useInput(QString()); // the default microphone
        QTRY_COMPARE_WITH_TIMEOUT(media->asked(), QByteArrayList({ "output headset", "input " }), 5000);
        QCOMPARE(media->askedOn(), &engine);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("output"));
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("headset"));

        // The media's refusal comes back through the Call, queued to this thread as CallsModel does.
        connect(call, &Call::deviceSwitchFailed, &active, &ActiveCall::setDeviceError);
        QSignalSpy errorChanged(&active, &ActiveCall::deviceErrorChanged);
        QMetaObject::invokeMethod(
            media, [media] { Q_EMIT media->deviceSwitchFailed(QStringLiteral("cannot open audio output headset")); });
        QTRY_COMPARE_WITH_TIMEOUT(active.deviceError(), QStringLiteral("cannot open audio output headset"), 5000);
        // Another choice clears it until that one is refused too.
        active.useOutput(QStringLiteral("speakers"));
        QCOMPARE(active.deviceError(), QString());
        QCOMPARE(errorChanged.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(media->asked().size(), 3, 5000);
        engine.quit();
        QVERIFY(engine.wait(5000));
        delete call;
    }
};

QTEST_GUILESS_MAIN(TestActiveCall)
#include "tst_activecall.moc"
