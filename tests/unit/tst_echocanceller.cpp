// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/echocanceller.h"
#include "media/goertzeldetector.h"

#include <QTest>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

using parla::media::AudioFrame;
using parla::media::AudioFrameSamples;
using parla::media::AudioSampleRate;
using parla::media::EchoCanceller;
using parla::media::GoertzelDetector;

namespace {

// A speech-like far-end signal: noise band-limited to roughly 200-3500 Hz, shaped by a
// syllabic envelope (about 4 syllables a second with pauses between phrases), around
// -20 dBFS. Seeded, so every run measures the same signal.
std::vector<double> speechLike(int seconds, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    const int n = seconds * AudioSampleRate;
    std::vector<double> out(std::size_t(n), 0.0);
    // One-pole high-pass at ~200 Hz, then two one-pole low-passes at ~3.5 kHz.
    const double hp = std::exp(-2.0 * std::numbers::pi * 200.0 / AudioSampleRate);
    const double lp = std::exp(-2.0 * std::numbers::pi * 3500.0 / AudioSampleRate);
    double hpPrevIn = 0.0, hpOut = 0.0, lp1 = 0.0, lp2 = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = noise(random);
        hpOut = hp * (hpOut + x - hpPrevIn);
        hpPrevIn = x;
        lp1 = (1.0 - lp) * hpOut + lp * lp1;
        lp2 = (1.0 - lp) * lp1 + lp * lp2;
        const double t = double(i) / AudioSampleRate;
        const double syllables = std::pow(std::abs(std::sin(std::numbers::pi * 4.0 * t)), 0.6);
        const double phrase = std::fmod(t, 3.0) < 2.4 ? 1.0 : 0.05; // 2.4 s talk, 0.6 s pause
        out[std::size_t(i)] = lp2 * syllables * phrase;
    }
    double power = 0.0;
    for (double v : out)
        power += v * v;
    const double scale = 0.1 * 32767.0 / std::sqrt(power / n); // -20 dBFS RMS
    for (double &v : out)
        v *= scale;
    return out;
}

struct Tap
{
    double delayMs;
    double gain;
};

struct Measurement
{
    double erleDb;
    double webrtcErleDb;
};

// Plays `far` through the canceller as the far end; the microphone hears it through `path`
// (delays and gains, a small room) plus a little noise. ERLE over the last `measureSeconds`:
// the microphone's energy over the output's, from the samples themselves.
Measurement measureErle(const EchoCanceller::Options &options, const std::vector<double> &far,
    const std::vector<Tap> &path, int measureSeconds)
{
    EchoCanceller canceller(options);
    std::mt19937 random(7);
    std::normal_distribution<double> noise(0.0, 32767.0 * std::pow(10.0, -65.0 / 20.0)); // -65 dBFS
    const int frames = int(far.size()) / AudioFrameSamples;
    const int measureFrom = frames - measureSeconds * 50;
    double micEnergy = 0.0;
    double outEnergy = 0.0;
    for (int f = 0; f < frames; ++f) {
        AudioFrame played;
        AudioFrame mic;
        for (int i = 0; i < AudioFrameSamples; ++i) {
            const int at = f * AudioFrameSamples + i;
            played[std::size_t(i)] = std::int16_t(std::lround(far[std::size_t(at)]));
            double echo = noise(random);
            for (const Tap &tap : path) {
                const int from = at - int(tap.delayMs * AudioSampleRate / 1000.0);
                if (from >= 0)
                    echo += tap.gain * far[std::size_t(from)];
            }
            mic[std::size_t(i)] = std::int16_t(std::lround(std::clamp(echo, -32768.0, 32767.0)));
        }
        canceller.playback(played);
        const AudioFrame captured = mic;
        canceller.capture(mic);
        if (f >= measureFrom) {
            for (int i = 0; i < AudioFrameSamples; ++i) {
                micEnergy += double(captured[std::size_t(i)]) * captured[std::size_t(i)];
                outEnergy += double(mic[std::size_t(i)]) * mic[std::size_t(i)];
            }
        }
    }
    const auto metrics = canceller.metrics();
    return { 10.0 * std::log10(micEnergy / std::max(outEnergy, 1.0)),
        metrics ? metrics->echoReturnLossEnhancement : 0.0 };
}

} // namespace

class TestEchoCanceller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void removesEcho_data();
    void removesEcho();
    void keepsNearEndSpeech();
};

void TestEchoCanceller::removesEcho_data()
{
    QTest::addColumn<bool>("echoCancellation");
    QTest::addColumn<bool>("noiseSuppression");
    QTest::addColumn<bool>("gainControl");
    QTest::addColumn<double>("delayMs");
    QTest::addColumn<double>("minErleDb");
    // The target is 25 dB for the echo canceller itself; noise suppression can only
    // add to it. With AGC the output level is AGC's choice, so ERLE is printed, checked loosely.
    // Without the canceller the same measurement must show (almost) nothing removed.
    QTest::newRow("nothing, 60 ms") << false << false << false << 60.0 << -1.0;
    QTest::newRow("AEC, 40 ms") << true << false << false << 40.0 << 25.0;
    QTest::newRow("AEC, 60 ms") << true << false << false << 60.0 << 25.0;
    QTest::newRow("AEC, 80 ms") << true << false << false << 80.0 << 25.0;
    QTest::newRow("AEC, 47 ms (not a frame multiple)") << true << false << false << 47.0 << 25.0;
    QTest::newRow("AEC+NS, 60 ms") << true << true << false << 60.0 << 25.0;
    QTest::newRow("AEC+NS+AGC+HPF, 60 ms") << true << true << true << 60.0 << 15.0;
}

void TestEchoCanceller::removesEcho()
{
    QFETCH(bool, echoCancellation);
    QFETCH(bool, noiseSuppression);
    QFETCH(bool, gainControl);
    QFETCH(double, delayMs);
    QFETCH(double, minErleDb);
    EchoCanceller::Options options;
    options.echoCancellation = echoCancellation;
    options.noiseSuppression = noiseSuppression;
    options.gainControl = gainControl;
    options.highPassFilter = gainControl;
    // -6 dB direct path and two weaker reflections.
    const std::vector<Tap> path { { delayMs, 0.5 }, { delayMs + 2.5, -0.15 }, { delayMs + 7.0, 0.08 } };
    const Measurement m = measureErle(options, speechLike(30, 1), path, 10);
    std::printf(
        "ERLE %-24s %6.1f dB (webrtc's own estimate %5.1f dB)\n", QTest::currentDataTag(), m.erleDb, m.webrtcErleDb);
    if (!echoCancellation)
        QVERIFY2(std::abs(m.erleDb) < 1.0, qPrintable(QStringLiteral("ERLE %1 dB with no canceller").arg(m.erleDb)));
    else
        QVERIFY2(m.erleDb > minErleDb, qPrintable(QStringLiteral("ERLE %1 dB").arg(m.erleDb)));
}

void TestEchoCanceller::keepsNearEndSpeech()
{
    // A canceller that silenced everything would score any ERLE: near-end sound with no far
    // end must come through (AEC only; noise suppression would rightly treat a steady tone
    // as noise).
    EchoCanceller::Options options;
    options.noiseSuppression = false;
    options.gainControl = false;
    options.highPassFilter = false;
    EchoCanceller canceller(options);
    QVERIFY(canceller.isValid());
    double in = 0.0;
    double out = 0.0;
    for (int f = 0; f < 150; ++f) {
        canceller.playback(AudioFrame {});
        AudioFrame mic;
        for (int i = 0; i < AudioFrameSamples; ++i)
            mic[std::size_t(i)] = std::int16_t(std::lround(
                3000.0 * std::sin(2.0 * std::numbers::pi * 500.0 * (f * AudioFrameSamples + i) / AudioSampleRate)));
        const AudioFrame before = mic;
        canceller.capture(mic);
        if (f >= 100) {
            in += GoertzelDetector(500.0).power(before);
            out += GoertzelDetector(500.0).power(mic);
        }
    }
    const double lossDb = GoertzelDetector::toDecibels(in / out);
    QVERIFY2(std::abs(lossDb) < 3.0, qPrintable(QStringLiteral("near-end changed by %1 dB").arg(lossDb)));
}

QTEST_APPLESS_MAIN(TestEchoCanceller)
#include "tst_echocanceller.moc"
