// SPDX-License-Identifier: GPL-3.0-or-later
// RtcpCompound: compound packets written out by hand in hex (RFC 3550 §6.4-6.6), malformed
// ones refused with the reason and byte offset, and what is accepted written back unchanged.
#include "media/rtcppacket.h"

#include <QTest>

using namespace parla::media;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

// SR with one report block, then SDES with CNAME "parla".
const char *SrSdes = "81c8000c 11111111 e1e2e3e4 f1f2f3f4 00001000 0000000a 00000640"
                     " 22222222 40000005 00010064 00000020 e3e4f1f2 00010000"
                     " 81ca0003 11111111 0105 7061726c61 00";

} // namespace

class TestRtcpPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void senderReportAndCname()
    {
        const QByteArray bytes = hex(SrSdes);
        auto result = RtcpCompound::parse(bytes);
        if (const auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &compound = std::get<RtcpCompound>(result);
        QCOMPARE(compound.packets.size(), 2);
        const auto &sr = std::get<SenderReport>(compound.packets[0]);
        QCOMPARE(sr.ssrc, 0x11111111u);
        QCOMPARE(sr.ntpTimestamp, 0xe1e2e3e4f1f2f3f4ull);
        QCOMPARE(sr.rtpTimestamp, 0x1000u);
        QCOMPARE(sr.packetCount, 10u);
        QCOMPARE(sr.octetCount, 1600u);
        QCOMPARE(sr.reports.size(), 1);
        const ReportBlock &block = sr.reports[0];
        QCOMPARE(block.ssrc, 0x22222222u);
        QCOMPARE(int(block.fractionLost), 64); // a quarter lost
        QCOMPARE(block.cumulativeLost, 5);
        QCOMPARE(block.extendedHighestSequence, 65636u); // one wrap, then 100
        QCOMPARE(block.jitter, 32u);
        QCOMPARE(block.lastSenderReport, 0xe3e4f1f2u);
        QCOMPARE(block.delaySinceLastSenderReport, 65536u); // one second
        const auto &sdes = std::get<SourceDescription>(compound.packets[1]);
        QCOMPARE(sdes.chunks.size(), 1);
        QCOMPARE(sdes.chunks[0].cname, QByteArray("parla"));
        QCOMPARE(compound.toBytes().toHex(), bytes.toHex());
    }

    void valid_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("packets");
        QTest::addColumn<bool>("sameBytes"); // written back identically
        QTest::newRow("empty RR") << hex("80c90001 11111111") << 1 << true;
        QTest::newRow("RR, BYE with reason") << hex("80c90001 11111111 81cb0002 11111111 03627965") << 2 << true;
        QTest::newRow("RR, BYE of two sources") << hex("80c90001 11111111 82cb0002 11111111 22222222") << 2 << true;
        QTest::newRow("RR, SDES with NAME and CNAME, two chunks")
            << hex("80c90001 11111111 82ca0005 11111111 0202 6869 0101 78 00 22222222 0101 79 00") << 2
            << false; // NAME is dropped when written back
        QTest::newRow("RR, APP and transport feedback skipped")
            << hex("80c90001 11111111 80cc0002 11111111 6e616d65 81cd0002 11111111 22222222") << 3 << false;
        QTest::newRow("padding in the last packet") << hex("a0c90002 11111111 00000004") << 1 << false;
        QTest::newRow("SR with profile extension after the blocks")
            << hex("80c80007 11111111 00000000 00000000 00000000 00000000 00000000 abcdef01") << 1 << false;
    }

    void valid()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, packets);
        QFETCH(bool, sameBytes);
        auto result = RtcpCompound::parse(bytes);
        if (const auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &compound = std::get<RtcpCompound>(result);
        QCOMPARE(compound.packets.size(), packets);
        const bool writable = !std::any_of(compound.packets.begin(), compound.packets.end(),
            [](const RtcpPacket &packet) { return std::holds_alternative<OtherRtcp>(packet); });
        if (!writable) {
            QVERIFY(compound.toBytes().isEmpty());
            return;
        }
        const QByteArray written = compound.toBytes();
        if (sameBytes)
            QCOMPARE(written.toHex(), bytes.toHex());
        QCOMPARE(std::get<RtcpCompound>(RtcpCompound::parse(written)), compound);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("3 bytes") << hex("80c900") << QStringLiteral("not a whole number of 32-bit words");
        QTest::newRow("6 bytes") << hex("80c900011111") << QStringLiteral("not a whole number of 32-bit words");
        QTest::newRow("version 1") << hex("40c90001 11111111") << QStringLiteral("at byte 0: version 1, not 2");
        QTest::newRow("second packet version 3")
            << hex("80c90001 11111111 c0cb0000") << QStringLiteral("at byte 8: version 3, not 2");
        QTest::newRow("starts with SDES")
            << hex("81ca0003 11111111 0105 7061726c61 00") << QStringLiteral("starts with SR or RR, not type 202");
        QTest::newRow("length beyond the packet")
            << hex("80c90005 11111111") << QStringLiteral("length field says 24 bytes, 8 remain");
        QTest::newRow("SR too short") << hex("80c80001 11111111")
                                      << QStringLiteral("needs 24 bytes of sender information");
        QTest::newRow("RR count 1, no block")
            << hex("81c90001 11111111") << QStringLiteral("1 report blocks do not fit in 4 bytes");
        QTest::newRow("RR count 31, one block")
            << hex("9fc90007 11111111 22222222 40000005 00010064 00000020 e3e4f1f2 00010000")
            << QStringLiteral("31 report blocks do not fit");
        QTest::newRow("padding not in the last packet")
            << hex("a0c90002 11111111 00000004 80cb0000") << QStringLiteral("padding in a packet that is not the last");
        QTest::newRow("padding count 0") << hex("a0c90002 11111111 00000000")
                                         << QStringLiteral("padding count 0 does not fit");
        QTest::newRow("padding count 9 in 8")
            << hex("a0c90002 11111111 00000009") << QStringLiteral("padding count 9 does not fit");
        QTest::newRow("SDES without end item")
            << hex("80c90001 11111111 81ca0002 11111111 01026162") << QStringLiteral("no end item");
        QTest::newRow("SDES item overruns")
            << hex("80c90001 11111111 81ca0002 11111111 01096162") << QStringLiteral("item of 9 bytes runs past");
        QTest::newRow("SDES two chunks announced, one there")
            << hex("80c90001 11111111 82ca0002 11111111 01000000") << QStringLiteral("SDES chunk 2 does not fit");
        QTest::newRow("BYE two sources announced, one there")
            << hex("80c90001 11111111 82cb0001 11111111") << QStringLiteral("2 SSRCs do not fit");
        QTest::newRow("BYE reason overruns")
            << hex("80c90001 11111111 81cb0002 11111111 09616263") << QStringLiteral("reason of 9 bytes runs past");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        auto result = RtcpCompound::parse(bytes);
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY2(error, "accepted");
        QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
    }

    void negativeAndClampedLoss()
    {
        // 0xffffff is -1: more arrived than expected (duplicates, §6.4.1).
        auto parsed
            = RtcpCompound::parse(hex("81c90007 11111111 22222222 00ffffff 00000000 00000000 00000000 00000000"));
        QCOMPARE(std::get<ReceiverReport>(std::get<RtcpCompound>(parsed).packets[0]).reports[0].cumulativeLost, -1);
        ReportBlock block;
        block.cumulativeLost = 50'000'000; // beyond 24 bits: written as the largest value
        RtcpCompound compound { { ReceiverReport { 1, { block } } } };
        const QByteArray bytes = compound.toBytes();
        QCOMPARE(bytes.mid(12, 4).toHex(), QByteArray("007fffff"));
    }

    void unwritable()
    {
        RtcpCompound tooMany { { ReceiverReport { 1, QList<ReportBlock>(32) } } };
        QVERIFY(tooMany.toBytes().isEmpty());
        RtcpCompound longCname { { ReceiverReport {}, SourceDescription { { { 1, QByteArray(256, 'c') } } } } };
        QVERIFY(longCname.toBytes().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRtcpPacket)
#include "tst_rtcppacket.moc"
