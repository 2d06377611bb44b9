// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/goertzeldetector.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using parla::media::AudioFrame;
using parla::media::AudioSampleRate;
using parla::media::GoertzelDetector;

namespace {

AudioFrame sine(double frequency, double amplitude, double phase = 0.0)
{
    AudioFrame frame;
    for (std::size_t i = 0; i < frame.size(); ++i)
        frame[i] = std::int16_t(std::lround(
            32767.0 * amplitude * std::sin(phase + 2.0 * std::numbers::pi * frequency * double(i) / AudioSampleRate)));
    return frame;
}

} // namespace

class TestGoertzelDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void powerOfATone_data();
    void powerOfATone();
    void neighboursSeeLittle_data();
    void neighboursSeeLittle();
    void silenceHasNoPower();
    void dominantPicksTheTone_data();
    void dominantPicksTheTone();
    void dominantRefusesNoiseAndSilence();
};

void TestGoertzelDetector::powerOfATone_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addColumn<double>("amplitude");
    QTest::addColumn<double>("phase");
    QTest::newRow("1 kHz full scale") << 1000.0 << 1.0 << 0.0;
    QTest::newRow("1 kHz -20 dBFS") << 1000.0 << 0.1 << 1.0;
    QTest::newRow("425 Hz off-bin") << 425.0 << 0.5 << 2.0;
    QTest::newRow("697 Hz DTMF row") << 697.0 << 0.25 << 0.3;
    QTest::newRow("1633 Hz DTMF column") << 1633.0 << 0.25 << 0.0;
}

void TestGoertzelDetector::powerOfATone()
{
    QFETCH(double, frequency);
    QFETCH(double, amplitude);
    QFETCH(double, phase);
    const AudioFrame frame = sine(frequency, amplitude, phase);
    const double power = GoertzelDetector(frequency).power(frame);
    // A sine of amplitude A reads A^2, within half a dB (off-bin phase and rounding).
    const double error = GoertzelDetector::toDecibels(power) - GoertzelDetector::toDecibels(amplitude * amplitude);
    QVERIFY2(std::abs(error) < 0.5, qPrintable(QStringLiteral("off by %1 dB").arg(error)));
    // And it is nearly all of the frame's energy.
    QVERIFY(power / (2.0 * GoertzelDetector::meanSquare(frame)) > 0.9);
}

void TestGoertzelDetector::neighboursSeeLittle_data()
{
    QTest::addColumn<double>("tone");
    QTest::addColumn<double>("neighbour");
    QTest::addColumn<double>("maxDb"); // neighbour's power relative to the tone's
    QTest::newRow("1000 vs 900") << 1000.0 << 900.0 << -30.0;
    QTest::newRow("1000 vs 1100") << 1000.0 << 1100.0 << -30.0;
    QTest::newRow("1000 vs 2000") << 1000.0 << 2000.0 << -30.0;
    // DTMF frequencies fall between bins: leakage is larger but well below the tone.
    QTest::newRow("697 vs 770") << 697.0 << 770.0 << -10.0;
    QTest::newRow("1209 vs 1336") << 1209.0 << 1336.0 << -10.0;
}

void TestGoertzelDetector::neighboursSeeLittle()
{
    QFETCH(double, tone);
    QFETCH(double, neighbour);
    QFETCH(double, maxDb);
    const AudioFrame frame = sine(tone, 0.5);
    const double at = GoertzelDetector(tone).power(frame);
    const double beside = GoertzelDetector(neighbour).power(frame);
    const double relative = GoertzelDetector::toDecibels(beside) - GoertzelDetector::toDecibels(at);
    QVERIFY2(relative < maxDb, qPrintable(QStringLiteral("neighbour at %1 dB").arg(relative)));
}

void TestGoertzelDetector::silenceHasNoPower()
{
    const AudioFrame silence {};
    QCOMPARE(GoertzelDetector(1000.0).power(silence), 0.0);
    QCOMPARE(GoertzelDetector(1000.0).power({}), 0.0);
    QVERIFY(std::isinf(GoertzelDetector::toDecibels(0.0)));
}

void TestGoertzelDetector::dominantPicksTheTone_data()
{
    QTest::addColumn<double>("tone");
    QTest::addColumn<int>("expected");
    QTest::newRow("697") << 697.0 << 0;
    QTest::newRow("770") << 770.0 << 1;
    QTest::newRow("852") << 852.0 << 2;
    QTest::newRow("941") << 941.0 << 3;
    QTest::newRow("unlisted 1000") << 1000.0 << -1;
}

void TestGoertzelDetector::dominantPicksTheTone()
{
    QFETCH(double, tone);
    QFETCH(int, expected);
    const std::vector<double> rows { 697.0, 770.0, 852.0, 941.0 };
    const auto found = GoertzelDetector::dominant(sine(tone, 0.3), rows);
    QCOMPARE(found ? int(*found) : -1, expected);
}

void TestGoertzelDetector::dominantRefusesNoiseAndSilence()
{
    const std::vector<double> frequencies { 500.0, 1000.0 };
    QVERIFY(!GoertzelDetector::dominant(AudioFrame {}, frequencies));
    AudioFrame noise;
    std::uint32_t state = 12345;
    for (std::int16_t &sample : noise) {
        state = state * 1664525u + 1013904223u; // a fixed LCG: the same noise on every run
        sample = std::int16_t(int(state >> 16) - 32768);
    }
    QVERIFY(!GoertzelDetector::dominant(noise, frequencies));
}

QTEST_APPLESS_MAIN(TestGoertzelDetector)
#include "tst_goertzeldetector.moc"
