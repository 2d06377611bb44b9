// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/wavfilesink.h"
#include "media/wavfilesource.h"
#include "media/wavheader.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using parla::media::AudioFrame;
using parla::media::AudioFrameBytes;
using parla::media::WavFileSink;
using parla::media::WavFileSource;
using parla::media::WavHeader;

namespace {

AudioFrame ramp(int seed)
{
    AudioFrame frame;
    for (std::size_t i = 0; i < frame.size(); ++i)
        frame[i] = std::int16_t((seed * 1000 + int(i) * 37) % 65536 - 32768);
    return frame;
}

} // namespace

class TestWavFileSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndFixesUpHeader();
    void roundTripsThroughWavFileSource();
    void unwritablePathIsReported();
    void headerFixedUpByDestructor();

private:
    QTemporaryDir m_dir;
};

void TestWavFileSink::writesAndFixesUpHeader()
{
    const QString path = m_dir.filePath(QStringLiteral("out.wav"));
    WavFileSink sink(path);
    sink.start();
    QVERIFY(sink.isActive());
    for (int i = 0; i < 7; ++i)
        sink.write(ramp(i));
    QCOMPARE(sink.framesWritten(), 7);
    sink.stop();
    QVERIFY(!sink.isActive());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), WavHeader::CanonicalSize + 7 * AudioFrameBytes);
    const auto header = WavHeader::read(file);
    QVERIFY(std::holds_alternative<WavHeader>(header));
    QCOMPARE(std::get<WavHeader>(header).dataBytes, 7 * AudioFrameBytes);
    QCOMPARE(std::get<WavHeader>(header).sampleRate, 48000);
    QCOMPARE(std::get<WavHeader>(header).channels, 1);
    // The RIFF size too, which strict readers check.
    file.seek(4);
    const QByteArray riffSize = file.read(4);
    QCOMPARE(qFromLittleEndian<std::uint32_t>(riffSize.constData()), std::uint32_t(36 + 7 * AudioFrameBytes));
}

void TestWavFileSink::roundTripsThroughWavFileSource()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.wav"));
    {
        WavFileSink sink(path);
        QVERIFY(sink.open());
        for (int i = 0; i < 5; ++i)
            sink.write(ramp(i));
        sink.stop();
    }
    WavFileSource source(path);
    QVERIFY2(source.open(), qPrintable(source.errorString()));
    AudioFrame frame;
    for (int i = 0; i < 5; ++i) {
        QVERIFY(source.readFrame(frame));
        QCOMPARE(frame, ramp(i)); // 48 kHz mono passes through untouched
    }
    QVERIFY(!source.readFrame(frame));
}

void TestWavFileSink::unwritablePathIsReported()
{
    WavFileSink sink(m_dir.filePath(QStringLiteral("no/such/dir/out.wav")));
    QSignalSpy errors(&sink, &WavFileSink::errorOccurred);
    sink.start();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("out.wav")));
    QVERIFY(!sink.isActive());
    sink.write(ramp(0)); // ignored, not a crash
    QCOMPARE(sink.framesWritten(), 0);
}

void TestWavFileSink::headerFixedUpByDestructor()
{
    const QString path = m_dir.filePath(QStringLiteral("dtor.wav"));
    {
        WavFileSink sink(path);
        QVERIFY(sink.open());
        sink.write(ramp(1));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    file.seek(40);
    QCOMPARE(qFromLittleEndian<std::uint32_t>(file.read(4).constData()), std::uint32_t(AudioFrameBytes));
}

QTEST_GUILESS_MAIN(TestWavFileSink)
#include "tst_wavfilesink.moc"
