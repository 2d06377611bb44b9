// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/wavheader.h"

#include <QBuffer>
#include <QTest>
#include <QtEndian>

using parla::media::WavHeader;

namespace {

QByteArray le16(int v)
{
    QByteArray b(2, '\0');
    qToLittleEndian(std::uint16_t(v), b.data());
    return b;
}

QByteArray le32(std::uint32_t v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray chunk(const char *id, const QByteArray &body, std::optional<std::uint32_t> size = std::nullopt)
{
    return QByteArray(id, 4) + le32(size.value_or(std::uint32_t(body.size()))) + body;
}

QByteArray fmt(int tag, int channels, int rate, int bits = 16, int blockAlign = -1, int byteRate = -1)
{
    if (blockAlign < 0)
        blockAlign = channels * bits / 8;
    if (byteRate < 0)
        byteRate = rate * blockAlign;
    return le16(tag) + le16(channels) + le32(std::uint32_t(rate)) + le32(std::uint32_t(byteRate)) + le16(blockAlign)
        + le16(bits);
}

QByteArray extensible(int channels, int rate, int subFormat)
{
    QByteArray body = fmt(0xFFFE, channels, rate) + le16(22) + le16(16) + le32(channels == 1 ? 4 : 3);
    body += le16(subFormat) + QByteArray::fromHex("000000001000800000aa00389b71");
    return body;
}

QByteArray riff(const QByteArray &chunks)
{
    return "RIFF" + le32(std::uint32_t(4 + chunks.size())) + "WAVE" + chunks;
}

const QByteArray Samples(400, '\x01');

} // namespace

class TestWavHeader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void canonicalReadsBack();
};

void TestWavHeader::accepts_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("rate");
    QTest::addColumn<qint64>("dataOffset");
    QTest::addColumn<qint64>("dataBytes");
    QTest::newRow("mono 48 kHz") << riff(chunk("fmt ", fmt(1, 1, 48000)) + chunk("data", Samples)) << 1 << 48000
                                 << qint64(44) << qint64(400);
    QTest::newRow("stereo 44.1 kHz") << riff(chunk("fmt ", fmt(1, 2, 44100)) + chunk("data", Samples)) << 2 << 44100
                                     << qint64(44) << qint64(400);
    QTest::newRow("extensible PCM") << riff(chunk("fmt ", extensible(1, 16000, 1)) + chunk("data", Samples)) << 1
                                    << 16000 << qint64(68) << qint64(400);
    QTest::newRow("odd LIST chunk skipped with its pad byte")
        << riff(chunk("fmt ", fmt(1, 1, 8000)) + chunk("LIST", "abc") + '\0' + chunk("data", Samples)) << 1 << 8000
        << qint64(56) << qint64(400);
    QTest::newRow("streamed: data size 0xFFFFFFFF")
        << riff(chunk("fmt ", fmt(1, 1, 48000)) + chunk("data", Samples, 0xFFFFFFFFu)) << 1 << 48000 << qint64(44)
        << qint64(400);
    QTest::newRow("streamed: data size 0")
        << riff(chunk("fmt ", fmt(1, 1, 48000)) + chunk("data", Samples, 0)) << 1 << 48000 << qint64(44) << qint64(400);
    QTest::newRow("truncated: size larger than the file")
        << riff(chunk("fmt ", fmt(1, 1, 48000)) + chunk("data", Samples, 1'000'000)) << 1 << 48000 << qint64(44)
        << qint64(400);
    QTest::newRow("half a stereo frame at the end is dropped")
        << riff(chunk("fmt ", fmt(1, 2, 48000)) + chunk("data", Samples + "xy")) << 2 << 48000 << qint64(44)
        << qint64(400);
}

void TestWavHeader::accepts()
{
    QFETCH(QByteArray, file);
    QBuffer buffer(&file);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const auto result = WavHeader::read(buffer);
    if (const auto *error = std::get_if<QString>(&result))
        QFAIL(qPrintable(*error));
    const WavHeader header = std::get<WavHeader>(result);
    QTEST(header.channels, "channels");
    QTEST(header.sampleRate, "rate");
    QTEST(qint64(header.dataOffset), "dataOffset");
    QTEST(qint64(header.dataBytes), "dataBytes");
}

void TestWavHeader::refuses_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("reason"); // a part of the error the user reads

    const QByteArray data = chunk("data", Samples);
    QTest::newRow("empty") << QByteArray() << QStringLiteral("too short");
    QTest::newRow("not RIFF") << QByteArray("OggS").repeated(10) << QStringLiteral("not a RIFF/WAVE");
    QTest::newRow("RIFF but AVI") << QByteArray("RIFF\x10\0\0\0AVI LIST", 16) << QStringLiteral("not a RIFF/WAVE");
    QTest::newRow("float samples") << riff(chunk("fmt ", fmt(3, 1, 48000, 32)) + data) << QStringLiteral("only PCM");
    QTest::newRow("extensible float") << riff(chunk("fmt ", extensible(1, 48000, 3)) + data)
                                      << QStringLiteral("only PCM");
    QTest::newRow("8-bit") << riff(chunk("fmt ", fmt(1, 1, 8000, 8)) + data) << QStringLiteral("16-bit");
    QTest::newRow("24-bit") << riff(chunk("fmt ", fmt(1, 1, 48000, 24)) + data) << QStringLiteral("16-bit");
    QTest::newRow("six channels") << riff(chunk("fmt ", fmt(1, 6, 48000)) + data) << QStringLiteral("6 channels");
    QTest::newRow("no channels") << riff(chunk("fmt ", fmt(1, 0, 48000)) + data) << QStringLiteral("0 channels");
    QTest::newRow("rate 0") << riff(chunk("fmt ", fmt(1, 1, 0)) + data) << QStringLiteral("sample rate 0 Hz");
    QTest::newRow("rate 1 MHz") << riff(chunk("fmt ", fmt(1, 1, 1'000'000)) + data) << QStringLiteral("sample rate");
    QTest::newRow("block align lies") << riff(chunk("fmt ", fmt(1, 2, 48000, 16, 2)) + data)
                                      << QStringLiteral("inconsistent");
    QTest::newRow("byte rate lies") << riff(chunk("fmt ", fmt(1, 1, 48000, 16, 2, 1234)) + data)
                                    << QStringLiteral("inconsistent");
    QTest::newRow("fmt too short") << riff(chunk("fmt ", fmt(1, 1, 48000).left(12)) + data)
                                   << QStringLiteral("fmt chunk of 12 bytes");
    QTest::newRow("fmt claims 4 GiB") << riff(chunk("fmt ", fmt(1, 1, 48000), 0xFFFFFFF0u) + data)
                                      << QStringLiteral("fmt chunk of");
    QTest::newRow("fmt past the end") << riff(chunk("fmt ", fmt(1, 1, 48000), 40).left(30))
                                      << QStringLiteral("runs past the end");
    QTest::newRow("data before fmt") << riff(data + chunk("fmt ", fmt(1, 1, 48000)))
                                     << QStringLiteral("before the fmt");
    QTest::newRow("no data") << riff(chunk("fmt ", fmt(1, 1, 48000))) << QStringLiteral("no data chunk");
    QTest::newRow("no chunks") << riff({}) << QStringLiteral("no fmt chunk");
    QTest::newRow("chunk size past the end")
        << riff(chunk("fmt ", fmt(1, 1, 48000)) + chunk("LIST", "abcd", 0x7FFFFFFF) + data)
        << QStringLiteral("'LIST' of 2147483647 bytes runs past");
    QByteArray many = chunk("fmt ", fmt(1, 1, 48000));
    for (int i = 0; i < WavHeader::MaxChunks; ++i)
        many += chunk("junk", {});
    QTest::newRow("too many chunks") << riff(many + data) << QStringLiteral("more than 64 chunks");
}

void TestWavHeader::refuses()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, reason);
    QBuffer buffer(&file);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const auto result = WavHeader::read(buffer);
    QVERIFY2(std::holds_alternative<QString>(result), "accepted");
    const QString error = std::get<QString>(result);
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestWavHeader::canonicalReadsBack()
{
    QByteArray file = WavHeader::canonical(2, 22050, 400) + Samples;
    QCOMPARE(file.size(), WavHeader::CanonicalSize + 400);
    QBuffer buffer(&file);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const auto result = WavHeader::read(buffer);
    QVERIFY(std::holds_alternative<WavHeader>(result));
    const WavHeader header = std::get<WavHeader>(result);
    QCOMPARE(header.channels, 2);
    QCOMPARE(header.sampleRate, 22050);
    QCOMPARE(header.dataBytes, 400);
    QCOMPARE(header.frames(), 100);
}

QTEST_APPLESS_MAIN(TestWavHeader)
#include "tst_wavheader.moc"
