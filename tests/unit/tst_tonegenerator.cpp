// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/goertzeldetector.h"
#include "media/tonegenerator.h"
#include "media/tonesource.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace std::chrono_literals;
using parla::media::AudioFrame;
using parla::media::GoertzelDetector;
using parla::media::ToneGenerator;
using parla::media::ToneSource;

namespace {

bool hasTone(const AudioFrame &frame, double frequency)
{
    const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
    return energy > 1e-6 && GoertzelDetector(frequency).power(frame) > 0.3 * energy;
}

bool isSilent(const AudioFrame &frame)
{
    return std::all_of(frame.begin(), frame.end(), [](std::int16_t s) { return s == 0; });
}

} // namespace

class TestToneGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ringbackCadence();
    void ringtoneIsTwoTonesDoubleRing();
    void dtmfKeys_data();
    void dtmfKeys();
    void dtmfRefusesOtherKeys();
    void noClicksAtFrameEdges();
    void toneSourceIsPacedAndFinishes();
};

void TestToneGenerator::ringbackCadence()
{
    ToneGenerator generator = ToneGenerator::ringback();
    // 1 s on (50 frames) then 4 s off (200 frames), repeated.
    std::vector<AudioFrame> frames;
    for (int i = 0; i < 500; ++i)
        frames.push_back(generator.nextFrame());
    for (int i : { 1, 25, 48, 251, 298 }) {
        QVERIFY2(hasTone(frames[i], 425.0), qPrintable(QString::number(i)));
        QVERIFY(!hasTone(frames[i], 475.0));
        QVERIFY(!hasTone(frames[i], 375.0));
    }
    for (int i : { 50, 120, 249, 300, 499 })
        QVERIFY2(isSilent(frames[i]), qPrintable(QString::number(i)));
    QVERIFY(!generator.isFinished());
}

void TestToneGenerator::ringtoneIsTwoTonesDoubleRing()
{
    ToneGenerator generator = ToneGenerator::ringtone();
    std::vector<AudioFrame> frames;
    for (int i = 0; i < 150; ++i) // one 3 s cadence
        frames.push_back(generator.nextFrame());
    // 0-400 ms ring, 400-600 ms pause, 600-1000 ms ring, then 2 s of silence.
    for (int i : { 5, 15, 35, 45 }) {
        const double low = GoertzelDetector(523.25).power(frames[i]);
        const double high = GoertzelDetector(659.25).power(frames[i]);
        QVERIFY(low > 0.001 && high > 0.001);
        QVERIFY(std::abs(GoertzelDetector::toDecibels(low / high)) < 1.0); // equal levels
    }
    for (int i : { 25, 55, 100, 149 })
        QVERIFY2(isSilent(frames[i]), qPrintable(QString::number(i)));
}

void TestToneGenerator::dtmfKeys_data()
{
    QTest::addColumn<char>("key");
    QTest::addColumn<double>("row");
    QTest::addColumn<double>("column");
    QTest::newRow("1") << '1' << 697.0 << 1209.0;
    QTest::newRow("5") << '5' << 770.0 << 1336.0;
    QTest::newRow("9") << '9' << 852.0 << 1477.0;
    QTest::newRow("0") << '0' << 941.0 << 1336.0;
    QTest::newRow("*") << '*' << 941.0 << 1209.0;
    QTest::newRow("#") << '#' << 941.0 << 1477.0;
    QTest::newRow("D") << 'D' << 941.0 << 1633.0;
    QTest::newRow("a (lower case)") << 'a' << 697.0 << 1633.0;
}

void TestToneGenerator::dtmfKeys()
{
    QFETCH(char, key);
    QFETCH(double, row);
    QFETCH(double, column);
    const std::vector<double> rows { 697.0, 770.0, 852.0, 941.0 };
    const std::vector<double> columns { 1209.0, 1336.0, 1477.0, 1633.0 };
    auto generator = ToneGenerator::dtmf(key, 100ms);
    QVERIFY(generator);
    const AudioFrame frame = generator->nextFrame();
    // Each tone carries about half the energy: detect rows and columns separately.
    const auto foundRow = GoertzelDetector::dominant(frame, rows, 0.3);
    const auto foundColumn = GoertzelDetector::dominant(frame, columns, 0.3);
    QVERIFY(foundRow && foundColumn);
    QCOMPARE(rows[*foundRow], row);
    QCOMPARE(columns[*foundColumn], column);
    // 100 ms is five frames, then the generator is done and silent.
    for (int i = 0; i < 4; ++i)
        QVERIFY(hasTone(generator->nextFrame(), row));
    QVERIFY(generator->isFinished());
    QVERIFY(isSilent(generator->nextFrame()));
}

void TestToneGenerator::dtmfRefusesOtherKeys()
{
    QVERIFY(!ToneGenerator::dtmf('E'));
    QVERIFY(!ToneGenerator::dtmf('x'));
    QVERIFY(!ToneGenerator::dtmfFrequencies(' '));
}

void TestToneGenerator::noClicksAtFrameEdges()
{
    // Phase runs on across frames and tone segments fade in and out: no sample-to-sample
    // step is larger than a 1633 Hz sine at the tone's level can make.
    ToneGenerator generator = ToneGenerator::ringtone();
    std::int16_t previous = 0;
    int largestStep = 0;
    for (int i = 0; i < 150; ++i) {
        for (std::int16_t sample : generator.nextFrame()) {
            largestStep = std::max(largestStep, std::abs(int(sample) - int(previous)));
            previous = sample;
        }
    }
    // Two tones at -12 dBFS (amplitude ~8200), the higher at 659 Hz: max slope ~ 2*pi*f/fs*A.
    QVERIFY2(largestStep < 1400, qPrintable(QString::number(largestStep)));
}

void TestToneGenerator::toneSourceIsPacedAndFinishes()
{
    auto dtmf = ToneGenerator::dtmf('5', 200ms);
    QVERIFY(dtmf);
    ToneSource source(*dtmf);
    QSignalSpy frames(&source, &ToneSource::frameReady);
    QSignalSpy finished(&source, &ToneSource::finished);
    QElapsedTimer clock;
    clock.start();
    source.start();
    QVERIFY(source.isActive());
    // 200 ms of tone is ten frames, the tenth due at 180 ms: finished() must not come early.
    QVERIFY(finished.wait(2000));
    QCOMPARE(frames.size(), 10);
    QVERIFY2(clock.elapsed() >= 170, qPrintable(QString::number(clock.elapsed())));
    // After the tone: silence at the same pace, until stopped.
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 13, 2000);
    QVERIFY(isSilent(frames.last().at(0).value<AudioFrame>()));
    source.stop();
    QVERIFY(!source.isActive());
    const auto count = frames.size();
    QTest::qWait(60);
    QCOMPARE(frames.size(), count);
}

QTEST_GUILESS_MAIN(TestToneGenerator)
#include "tst_tonegenerator.moc"
