// SPDX-License-Identifier: GPL-3.0-or-later
#include "calls/calltones.h"
#include "media/goertzeldetector.h"
#include "media/toneplayer.h"
#include "recordingsink.h"

#include <QTest>

#include <array>

using parla::calls::Call;
using parla::calls::CallTones;
using parla::media::AudioFrame;
using parla::media::GoertzelDetector;
using parla::media::TonePlayer;
using parla::test::RecordingSink;
using Tone = CallTones::Tone;
using State = Call::State;
using Direction = Call::Direction;

namespace {

// Each frame as a letter: 'b' ringback (425 Hz), 'r' ringtone (523.25 + 659.25 Hz), 's' silence,
// '?' anything else; then as runs, "b50 s10": what a listener hears, frame by frame.
QString cadence(const std::vector<AudioFrame> &frames)
{
    static constexpr std::array<double, 3> Frequencies { 425.0, 523.25, 659.25 };
    QString letters;
    for (const AudioFrame &frame : frames) {
        const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
        if (energy < 2e-6) {
            letters += QLatin1Char('s');
            continue;
        }
        std::array<double, 3> power {};
        for (std::size_t i = 0; i < Frequencies.size(); ++i)
            power[i] = GoertzelDetector(Frequencies[i]).power(frame);
        if (power[0] > 0.8 * energy)
            letters += QLatin1Char('b');
        else if (power[1] > 0.3 * energy && power[2] > 0.3 * energy)
            letters += QLatin1Char('r');
        else
            letters += QLatin1Char('?');
    }
    QStringList runs;
    for (qsizetype i = 0; i < letters.size();) {
        qsizetype j = i;
        while (j < letters.size() && letters[j] == letters[i])
            ++j;
        runs << letters[i] + QString::number(j - i);
        i = j;
    }
    return runs.join(QLatin1Char(' '));
}

} // namespace

class TestCallTones : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toneForState_data();
    void toneForState();
    void ringbackPlaysUntilAnswered();
    void earlyMediaStopsRingback();
    void ringtonePlaysWhileRinging();
    void ringtoneCanBeTurnedOff();
    void deletedWithTheCall();

private:
    // A player on a recording sink, owned by a CallTones; both on this thread.
    struct Rig
    {
        RecordingSink *sink = new RecordingSink;
        TonePlayer *player = new TonePlayer(sink);
    };
    // Frames the sink got after `stopped` became true, waiting a few frame periods for strays.
    static int framesAfterStop(RecordingSink *sink);
};

void TestCallTones::toneForState_data()
{
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<State>("state");
    QTest::addColumn<Tone>("tone");
    QTest::newRow("outgoing dialing") << Direction::Outgoing << State::Dialing << Tone::None;
    QTest::newRow("outgoing ringing (180)") << Direction::Outgoing << State::Ringing << Tone::Ringback;
    QTest::newRow("outgoing early media (183)") << Direction::Outgoing << State::EarlyMedia << Tone::None;
    QTest::newRow("outgoing active") << Direction::Outgoing << State::Active << Tone::None;
    QTest::newRow("outgoing held") << Direction::Outgoing << State::Held << Tone::None;
    QTest::newRow("outgoing ended") << Direction::Outgoing << State::Ended << Tone::None;
    QTest::newRow("incoming ringing") << Direction::Incoming << State::Ringing << Tone::Ringtone;
    QTest::newRow("incoming active") << Direction::Incoming << State::Active << Tone::None;
    QTest::newRow("incoming ended") << Direction::Incoming << State::Ended << Tone::None;
}

void TestCallTones::toneForState()
{
    QFETCH(Direction, direction);
    QFETCH(State, state);
    QFETCH(Tone, tone);
    QCOMPARE(CallTones::toneFor(direction, state), tone);
}

int TestCallTones::framesAfterStop(RecordingSink *sink)
{
    const int before = sink->frameCount();
    // Three frame periods: a stray tick would have written by then. Bounded, and what it
    // checks is an absence, which no signal announces.
    QTest::qWait(60);
    return sink->frameCount() - before;
}

void TestCallTones::ringbackPlaysUntilAnswered()
{
    Rig rig;
    CallTones tones(rig.player, {});
    tones.update(Direction::Outgoing, State::Dialing);
    QCoreApplication::processEvents();
    QCOMPARE(rig.sink->starts.load(), 0);

    tones.update(Direction::Outgoing, State::Ringing);
    QCOMPARE(tones.tone(), Tone::Ringback);
    // One second of 425 Hz, then the four silent seconds begin (ITU-T E.180).
    QTRY_VERIFY_WITH_TIMEOUT(rig.sink->frameCount() >= 60, 5000);
    QVERIFY(rig.sink->isActive());
    const QString heard = cadence(rig.sink->frames());
    QVERIFY2(heard.startsWith(QStringLiteral("b50 s")), qPrintable(heard));

    tones.update(Direction::Outgoing, State::Active);
    QCOMPARE(tones.tone(), Tone::None);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.sink->isActive(), 1000);
    QVERIFY(!rig.player->isPlaying());
    QCOMPARE(framesAfterStop(rig.sink), 0);
}

void TestCallTones::earlyMediaStopsRingback()
{
    Rig rig;
    CallTones tones(rig.player, {});
    tones.update(Direction::Outgoing, State::Ringing);
    QTRY_VERIFY_WITH_TIMEOUT(rig.sink->frameCount() >= 5, 2000);
    QVERIFY(cadence(rig.sink->frames()).startsWith(QLatin1Char('b')));
    // A 183 with SDP: the far end's audio plays through the call's stream instead.
    tones.update(Direction::Outgoing, State::EarlyMedia);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.sink->isActive(), 1000);
    QCOMPARE(framesAfterStop(rig.sink), 0);
}

void TestCallTones::ringtonePlaysWhileRinging()
{
    Rig rig;
    CallTones tones(rig.player, {});
    tones.update(Direction::Incoming, State::Ringing);
    QCOMPARE(tones.tone(), Tone::Ringtone);
    // A double ring: 0.4 s on, 0.2 s off, 0.4 s on, then the 2 s pause.
    QTRY_VERIFY_WITH_TIMEOUT(rig.sink->frameCount() >= 55, 5000);
    const QString heard = cadence(rig.sink->frames());
    QVERIFY2(heard.startsWith(QStringLiteral("r20 s10 r20 s")), qPrintable(heard));
    QVERIFY(!heard.contains(QLatin1Char('b')));

    tones.update(Direction::Incoming, State::Active);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.sink->isActive(), 1000);
    QCOMPARE(framesAfterStop(rig.sink), 0);
}

void TestCallTones::ringtoneCanBeTurnedOff()
{
    Rig rig;
    CallTones tones(rig.player, { .ringback = true, .ringtone = false });
    tones.update(Direction::Incoming, State::Ringing);
    QCOMPARE(tones.tone(), Tone::None);
    QCOMPARE(framesAfterStop(rig.sink), 0);
    QCOMPARE(rig.sink->starts.load(), 0);
}

void TestCallTones::deletedWithTheCall()
{
    Rig rig;
    QPointer<TonePlayer> player(rig.player);
    auto *tones = new CallTones(rig.player, {});
    tones->update(Direction::Incoming, State::Ringing);
    QTRY_VERIFY_WITH_TIMEOUT(rig.sink->frameCount() >= 2, 2000);
    delete tones;
    // The player goes on its own thread's next turn, and its sink with it.
    QTRY_VERIFY_WITH_TIMEOUT(player.isNull(), 1000);
}

QTEST_GUILESS_MAIN(TestCallTones)
#include "tst_calltones.moc"
