// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/goertzeldetector.h"
#include "media/toneplayer.h"
#include "recordingsink.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using parla::media::AudioFrame;
using parla::media::GoertzelDetector;
using parla::media::ToneGenerator;
using parla::media::TonePlayer;
using parla::test::RecordingSink;

namespace {

bool hasTone(const AudioFrame &frame, double frequency)
{
    const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
    return energy > 1e-6 && GoertzelDetector(frequency).power(frame) > 0.3 * energy;
}

} // namespace

class TestTonePlayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void playsOnItsSinkInRealTime();
    void oneShotToneFinishesAndReleasesTheSink();
    void playReplacesTheTone();
    void noSinkIsHarmless();
};

void TestTonePlayer::playsOnItsSinkInRealTime()
{
    auto *sink = new RecordingSink;
    TonePlayer player(sink);
    QVERIFY(!sink->isActive());
    QElapsedTimer clock;
    clock.start();
    player.play(ToneGenerator::ringback());
    QVERIFY(sink->isActive());
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(sink->frameCount() >= 25, 3000);
    // Paced to real time: 25 frames are half a second (the first is due at once).
    QVERIFY2(clock.elapsed() >= 440, qPrintable(QString::number(clock.elapsed())));
    const auto frames = sink->frames();
    QVERIFY(std::all_of(frames.begin(), frames.begin() + 25, [](const AudioFrame &f) { return hasTone(f, 425.0); }));
    player.stop();
    QVERIFY(!sink->isActive());
    QVERIFY(!player.isPlaying());
}

void TestTonePlayer::oneShotToneFinishesAndReleasesTheSink()
{
    auto *sink = new RecordingSink;
    TonePlayer player(sink);
    QSignalSpy finished(&player, &TonePlayer::finished);
    player.play(*ToneGenerator::dtmf('5', 100ms));
    QVERIFY(finished.wait(2000));
    QCOMPARE(sink->frameCount(), 5); // 100 ms
    QVERIFY(!sink->isActive());
    QVERIFY(!player.isPlaying());
    const auto frequencies = *ToneGenerator::dtmfFrequencies('5');
    QVERIFY(hasTone(sink->frames().front(), frequencies.first) || hasTone(sink->frames().front(), frequencies.second));
}

void TestTonePlayer::playReplacesTheTone()
{
    auto *sink = new RecordingSink;
    TonePlayer player(sink);
    player.play(ToneGenerator::ringback());
    QTRY_VERIFY_WITH_TIMEOUT(sink->frameCount() >= 3, 2000);
    player.play(ToneGenerator({ { 1000ms, 1000.0 } }, true, -12.0));
    sink->clear();
    QTRY_VERIFY_WITH_TIMEOUT(sink->frameCount() >= 3, 2000);
    for (const AudioFrame &frame : sink->frames())
        QVERIFY(hasTone(frame, 1000.0));
    QCOMPARE(sink->starts.load(), 1); // the sink went on; only the tone changed
}

void TestTonePlayer::noSinkIsHarmless()
{
    TonePlayer player(nullptr);
    player.play(ToneGenerator::ringtone());
    QVERIFY(player.isPlaying());
    player.stop();
    QCOMPARE(player.framesWritten(), 0);
}

QTEST_GUILESS_MAIN(TestTonePlayer)
#include "tst_toneplayer.moc"
