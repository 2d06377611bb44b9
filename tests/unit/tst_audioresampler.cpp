// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/audioresampler.h"
#include "media/goertzeldetector.h"

#include <QTest>

#include <cmath>
#include <numbers>

using parla::media::AudioResampler;
using parla::media::GoertzelDetector;

class TestAudioResampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsFrequencyAndLength_data();
    void keepsFrequencyAndLength();
    void equalRatesPassThrough();
};

void TestAudioResampler::keepsFrequencyAndLength_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("8k to 48k") << 8000 << 48000;
    QTest::newRow("44.1k to 48k") << 44100 << 48000;
    QTest::newRow("48k to 8k") << 48000 << 8000;
    QTest::newRow("48k to 16k") << 48000 << 16000;
}

void TestAudioResampler::keepsFrequencyAndLength()
{
    QFETCH(int, from);
    QFETCH(int, to);
    AudioResampler resampler(from, to);
    QVERIFY(resampler.isValid());
    std::vector<std::int16_t> input(static_cast<std::size_t>(from)); // one second of 1 kHz
    for (std::size_t i = 0; i < input.size(); ++i)
        input[i] = std::int16_t(std::lround(16000.0 * std::sin(2.0 * std::numbers::pi * 1000.0 * double(i) / from)));
    std::vector<std::int16_t> output;
    // In uneven pieces, as a file or a network delivers them.
    for (std::size_t at = 0; at < input.size();) {
        const std::size_t n = std::min<std::size_t>(input.size() - at, 97 + at % 300);
        resampler.process(std::span(input).subspan(at, n), output);
        at += n;
    }
    resampler.flush(output);
    QVERIFY2(std::abs(int(output.size()) - to) <= to / 100, qPrintable(QString::number(output.size())));
    const std::span middle = std::span(output).subspan(std::size_t(to / 4), std::size_t(to / 50));
    const double at1k = GoertzelDetector(1000.0, to).power(middle);
    QVERIFY(at1k > 0.8 * 2.0 * GoertzelDetector::meanSquare(middle));
    QVERIFY(std::abs(GoertzelDetector::toDecibels(at1k) - GoertzelDetector::toDecibels(std::pow(16000.0 / 32768.0, 2)))
        < 0.5);
}

void TestAudioResampler::equalRatesPassThrough()
{
    AudioResampler resampler(48000, 48000);
    const std::vector<std::int16_t> input { 1, -2, 3, 32767, -32768 };
    std::vector<std::int16_t> output;
    resampler.process(input, output);
    resampler.flush(output);
    QCOMPARE(output, input);
}

QTEST_APPLESS_MAIN(TestAudioResampler)
#include "tst_audioresampler.moc"
