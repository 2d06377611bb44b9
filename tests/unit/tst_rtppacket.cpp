// SPDX-License-Identifier: GPL-3.0-or-later
// RtpPacket: headers written out by hand in hex (RFC 3550 §5.1), every malformed case refused
// with its reason, and what is accepted written back byte for byte.
#include "media/rtppacket.h"

#include <QTest>

using parla::media::ParseError;
using parla::media::RtpPacket;

class TestRtpPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<bool>("marker");
        QTest::addColumn<int>("payloadType");
        QTest::addColumn<int>("sequence");
        QTest::addColumn<quint32>("timestamp");
        QTest::addColumn<quint32>("ssrc");
        QTest::addColumn<int>("csrcCount");
        QTest::addColumn<QByteArray>("extensionHex"); // "-" when none
        QTest::addColumn<QByteArray>("payloadHex");
        QTest::addColumn<int>("padding");

        QTest::newRow("PCMU, no payload") << QByteArray("80000001000000020000000 3").replace(" ", "") << false << 0 << 1
                                          << 2u << 3u << 0 << QByteArray("-") << QByteArray() << 0;
        QTest::newRow("Opus with marker")
            << QByteArray("80ef fffe 12345678 deadbeef aabbcc").replace(" ", "") << true << 111 << 65534 << 0x12345678u
            << 0xdeadbeefu << 0 << QByteArray("-") << QByteArray("aabbcc") << 0;
        QTest::newRow("two CSRCs") << QByteArray("8260 0010 00000100 00000001 0000000a 0000000b ff").replace(" ", "")
                                   << false << 96 << 16 << 256u << 1u << 2 << QByteArray("-") << QByteArray("ff") << 0;
        QTest::newRow("one-byte header extension (RFC 8285)")
            << QByteArray("9000 0001 00000000 00000001 bede0001 10aa0000 0102").replace(" ", "") << false << 0 << 1
            << 0u << 1u << 0 << QByteArray("10aa0000") << QByteArray("0102") << 0;
        QTest::newRow("empty extension") << QByteArray("9000 0001 00000000 00000001 10000000").replace(" ", "") << false
                                         << 0 << 1 << 0u << 1u << 0 << QByteArray("") << QByteArray() << 0;
        QTest::newRow("padding of 3") << QByteArray("a000 0001 00000000 00000001 0102 000003").replace(" ", "") << false
                                      << 0 << 1 << 0u << 1u << 0 << QByteArray("-") << QByteArray("0102") << 3;
        QTest::newRow("padding is the whole rest")
            << QByteArray("a000 0001 00000000 00000001 00000004").replace(" ", "") << false << 0 << 1 << 0u << 1u << 0
            << QByteArray("-") << QByteArray() << 4;
        QTest::newRow("CSRC, extension and padding")
            << QByteArray("b108 0002 00000003 00000004 00000005 abcd0001 01020304 99 0002").replace(" ", "") << false
            << 8 << 2 << 3u << 4u << 1 << QByteArray("01020304") << QByteArray("99") << 2;
    }

    void valid()
    {
        QFETCH(QByteArray, hex);
        QFETCH(bool, marker);
        QFETCH(int, payloadType);
        QFETCH(int, sequence);
        QFETCH(quint32, timestamp);
        QFETCH(quint32, ssrc);
        QFETCH(int, csrcCount);
        QFETCH(QByteArray, extensionHex);
        QFETCH(QByteArray, payloadHex);
        QFETCH(int, padding);

        const QByteArray bytes = QByteArray::fromHex(hex);
        auto result = RtpPacket::parse(bytes);
        if (const auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->toString()));
        const RtpPacket &packet = std::get<RtpPacket>(result);
        QCOMPARE(packet.marker, marker);
        QCOMPARE(int(packet.payloadType), payloadType);
        QCOMPARE(int(packet.sequenceNumber), sequence);
        QCOMPARE(packet.timestamp, timestamp);
        QCOMPARE(packet.ssrc, ssrc);
        QCOMPARE(packet.csrcs.size(), csrcCount);
        QCOMPARE(packet.extension ? packet.extension->data.toHex() : QByteArray("-"), extensionHex);
        QCOMPARE(packet.payload.toHex(), payloadHex);
        QCOMPARE(int(packet.paddingBytes), padding);
        QCOMPARE(packet.toBytes().toHex(), bytes.toHex());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("0 bytes is shorter than the 12-byte");
        QTest::newRow("11 bytes") << QByteArray("8000000100000002000000") << QStringLiteral("11 bytes is shorter");
        QTest::newRow("version 1") << QByteArray("400000010000000200000003") << QStringLiteral("RTP version 1, not 2");
        QTest::newRow("version 0 (STUN)")
            << QByteArray("000100002112a44200000000") << QStringLiteral("RTP version 0, not 2");
        QTest::newRow("15 CSRCs in 20 bytes") << QByteArray("8f000001000000020000000300000004aabbccdd")
                                              << QStringLiteral("15 CSRCs do not fit in 20 bytes");
        QTest::newRow("extension header cut")
            << QByteArray("90000001000000020000000301") << QStringLiteral("extension header does not fit");
        QTest::newRow("extension longer than packet") << QByteArray("900000010000000200000003bede000201020304")
                                                      << QStringLiteral("extension of 8 bytes runs past");
        QTest::newRow("extension length 65535")
            << QByteArray("900000010000000200000003bedeffff") << QStringLiteral("extension of 262140 bytes runs past");
        QTest::newRow("padding count 0") << QByteArray("a0000001000000020000000300")
                                         << QStringLiteral("padding count is 0");
        QTest::newRow("padding beyond payload")
            << QByteArray("a000000100000002000000030105") << QStringLiteral("5 bytes of padding are more than the 2");
        QTest::newRow("padding into the CSRCs") << QByteArray("a100000100000002000000030000000a")
                                                << QStringLiteral("10 bytes of padding are more than the 0");
        QTest::newRow("RTCP SR through rtcp-mux") << QByteArray("80c8000600000001000000000000000000000000")
                                                  << QStringLiteral("payload type 72 is RTCP's range");
        QTest::newRow("payload type 76") << QByteArray("804c00010000000200000003")
                                         << QStringLiteral("payload type 76 is RTCP's range");
    }

    void malformed()
    {
        QFETCH(QByteArray, hex);
        QFETCH(QString, reason);
        auto result = RtpPacket::parse(QByteArray::fromHex(hex));
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY2(error, "accepted");
        QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
    }

    void unwritable()
    {
        RtpPacket packet;
        packet.payloadType = 128;
        QVERIFY(packet.toBytes().isEmpty());
        packet.payloadType = 0;
        packet.csrcs = QList<quint32>(16, 1);
        QVERIFY(packet.toBytes().isEmpty());
        packet.csrcs.clear();
        packet.extension = RtpPacket::Extension { 0xbede, QByteArray("abc") };
        QVERIFY(packet.toBytes().isEmpty());
        packet.extension.reset();
        QCOMPARE(packet.toBytes().size(), RtpPacket::FixedHeaderBytes);
    }
};

QTEST_GUILESS_MAIN(TestRtpPacket)
#include "tst_rtppacket.moc"
