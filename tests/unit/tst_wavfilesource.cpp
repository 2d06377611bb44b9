// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/goertzeldetector.h"
#include "media/wavfilesource.h"
#include "media/wavheader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <numbers>

using parla::media::AudioFrame;
using parla::media::GoertzelDetector;
using parla::media::WavFileSource;
using parla::media::WavHeader;

namespace {

// A WAV file of `seconds` of a sine at `frequency` (the right channel in antiphase, so a
// wrong down-mix cancels instead of passing).
QString writeTone(const QTemporaryDir &dir, int channels, int rate, double frequency, double seconds)
{
    const int frames = int(rate * seconds);
    QByteArray samples(frames * channels * 2, '\0');
    for (int i = 0; i < frames; ++i) {
        const double v = 0.5 * std::sin(2.0 * std::numbers::pi * frequency * i / rate);
        for (int c = 0; c < channels; ++c) {
            const std::int16_t s = std::int16_t(std::lround(32767.0 * v));
            qToLittleEndian(s, samples.data() + (i * channels + c) * 2);
        }
    }
    const QString path = dir.filePath(QStringLiteral("tone-%1-%2.wav").arg(channels).arg(rate));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(WavHeader::canonical(channels, rate, std::uint32_t(samples.size())) + samples);
    return path;
}

bool hasTone(const AudioFrame &frame, double frequency)
{
    const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
    return energy > 1e-4 && GoertzelDetector(frequency).power(frame) > 0.8 * energy;
}

} // namespace

class TestWavFileSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesAndResamples_data();
    void decodesAndResamples();
    void refusesMalformedWithReason();
    void missingFile();
    void pacedThenFinishedThenSilence();

private:
    QTemporaryDir m_dir;
};

void TestWavFileSource::decodesAndResamples_data()
{
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("rate");
    QTest::newRow("mono 48 kHz") << 1 << 48000;
    QTest::newRow("mono 8 kHz") << 1 << 8000;
    QTest::newRow("mono 16 kHz") << 1 << 16000;
    QTest::newRow("stereo 44.1 kHz") << 2 << 44100;
    QTest::newRow("stereo 96 kHz") << 2 << 96000;
}

void TestWavFileSource::decodesAndResamples()
{
    QFETCH(int, channels);
    QFETCH(int, rate);
    const QString path = writeTone(m_dir, channels, rate, 1000.0, 1.0);
    QVERIFY(!path.isEmpty());
    WavFileSource source(path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    QCOMPARE(source.header().channels, channels);
    QCOMPARE(source.header().sampleRate, rate);

    // One second is 50 frames at 48 kHz whatever the file's rate; the resampler's flush may
    // add a partial frame.
    int frames = 0;
    AudioFrame frame;
    while (source.readFrame(frame)) {
        ++frames;
        if (frames >= 3 && frames <= 47) {
            QVERIFY2(hasTone(frame, 1000.0), qPrintable(QString::number(frames)));
            QVERIFY(GoertzelDetector(1100.0).power(frame) < 0.01 * GoertzelDetector(1000.0).power(frame));
            // The level survives down-mixing and resampling (0.5 full scale, -6 dBFS).
            QVERIFY(std::abs(GoertzelDetector::toDecibels(GoertzelDetector(1000.0).power(frame)) + 6.0) < 0.5);
        }
        QVERIFY(frames < 60);
    }
    QVERIFY2(frames == 50 || frames == 51, qPrintable(QString::number(frames)));
    QVERIFY(source.atEnd());
    QVERIFY(!source.readFrame(frame));
    QCOMPARE(frame, AudioFrame {});
}

void TestWavFileSource::refusesMalformedWithReason()
{
    const QString path = m_dir.filePath(QStringLiteral("float.wav"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray header = WavHeader::canonical(1, 48000, 0);
    header[20] = 3; // IEEE float
    file.write(header);
    file.close();

    WavFileSource source(path);
    QVERIFY(!source.open());
    QVERIFY2(source.errorString().contains(QStringLiteral("only PCM")), qPrintable(source.errorString()));
    QVERIFY(source.errorString().contains(QStringLiteral("float.wav")));
    QSignalSpy errors(&source, &WavFileSource::errorOccurred);
    source.start();
    QCOMPARE(errors.size(), 1);
    QVERIFY(!source.isActive());
}

void TestWavFileSource::missingFile()
{
    WavFileSource source(m_dir.filePath(QStringLiteral("nope.wav")));
    QVERIFY(!source.open());
    QVERIFY(source.errorString().contains(QStringLiteral("nope.wav")));
}

void TestWavFileSource::pacedThenFinishedThenSilence()
{
    const QString path = writeTone(m_dir, 1, 48000, 440.0, 0.2); // ten frames
    WavFileSource source(path);
    QSignalSpy frames(&source, &WavFileSource::frameReady);
    QSignalSpy finished(&source, &WavFileSource::finished);
    QElapsedTimer clock;
    clock.start();
    source.start();
    QVERIFY(source.isActive());
    QVERIFY(finished.wait(2000));
    // Ten frames at 20 ms pace: the tenth is due at 180 ms, not at once.
    QCOMPARE(frames.size(), 10);
    QVERIFY2(clock.elapsed() >= 170, qPrintable(QString::number(clock.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 12, 2000);
    QCOMPARE(frames.at(11).at(0).value<AudioFrame>(), AudioFrame {});
    QCOMPARE(finished.size(), 1);
    source.stop();
    QVERIFY(!source.isActive());
}

QTEST_GUILESS_MAIN(TestWavFileSource)
#include "tst_wavfilesource.moc"
