// SPDX-License-Identifier: GPL-3.0-or-later
// SrtpSession: two sessions keyed crosswise, as two phones are after SDES, carry RTP and
// RTCP both ways; a changed byte, a replay, a wrong key and a bad suite are refused and
// counted with a reason. Also prints what protect + unprotect cost per packet.
#include "media/rtcppacket.h"
#include "media/rtppacket.h"
#include "media/srtpsession.h"

#include <QElapsedTimer>
#include <QTest>

using parla::media::RtpPacket;
using parla::media::SrtpKeys;
using parla::media::SrtpSession;

namespace {

QByteArray rtp(quint16 sequence, const QByteArray &payload = QByteArray(160, 'a'))
{
    RtpPacket packet;
    packet.payloadType = 0;
    packet.sequenceNumber = sequence;
    packet.timestamp = 160u * sequence;
    packet.ssrc = 0x11223344;
    packet.payload = payload;
    return packet.toBytes();
}

// An RTCP receiver report with no report block (RFC 3550 §6.4.2), SSRC 0x11223344.
QByteArray rtcp()
{
    return QByteArray::fromHex("80c90001"
                               "11223344");
}

struct Pair
{
    SrtpSession alice;
    SrtpSession bob;
};

bool keyPair(Pair &pair, QByteArrayView suite = SrtpSession::Suite80)
{
    const QByteArray aliceKey = SrtpSession::randomKey();
    const QByteArray bobKey = SrtpSession::randomKey();
    return pair.alice.setKeys({ suite.toByteArray(), aliceKey, bobKey })
        && pair.bob.setKeys({ suite.toByteArray(), bobKey, aliceKey });
}

} // namespace

class TestSrtpSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomKeysAreFreshAndSized()
    {
        const QByteArray first = SrtpSession::randomKey();
        QCOMPARE(first.size(), SrtpSession::KeyBytes);
        QVERIFY(first != SrtpSession::randomKey());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("suite");
        QTest::addColumn<int>("tagBytes");
        QTest::newRow("80-bit tag") << SrtpSession::Suite80.toByteArray() << 10;
        QTest::newRow("32-bit tag") << SrtpSession::Suite32.toByteArray() << 4;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, suite);
        QFETCH(int, tagBytes);
        Pair pair;
        QVERIFY(keyPair(pair, suite));
        for (quint16 sequence : { quint16(65534), quint16(65535), quint16(0), quint16(1) }) {
            const QByteArray plain = rtp(sequence);
            QByteArray wire = plain;
            QVERIFY(pair.alice.protectRtp(wire));
            QCOMPARE(wire.size(), plain.size() + tagBytes);
            QCOMPARE(wire.left(12), plain.left(12)); // the header stays readable
            QVERIFY(wire.mid(12, 160) != plain.mid(12, 160)); // the payload does not
            QVERIFY2(pair.bob.unprotectRtp(wire), qPrintable(pair.bob.lastFailure()));
            QCOMPARE(wire, plain);
        }
        // And the other way, on the other key.
        QByteArray wire = rtp(7);
        QVERIFY(pair.bob.protectRtp(wire));
        QVERIFY(pair.alice.unprotectRtp(wire));
        QCOMPARE(wire, rtp(7));
    }

    void rtcpRoundTrip()
    {
        Pair pair;
        QVERIFY(keyPair(pair, SrtpSession::Suite32));
        QByteArray wire = rtcp();
        QVERIFY(pair.alice.protectRtcp(wire));
        QCOMPARE(wire.size(), rtcp().size() + 4 + 10); // E + index, and an 80-bit tag even with _32
        QVERIFY2(pair.bob.unprotectRtcp(wire), qPrintable(pair.bob.lastFailure()));
        QCOMPARE(wire, rtcp());
    }

    void tamperedPacketIsRejected_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("header") << 3;
        QTest::newRow("payload") << 20;
        QTest::newRow("tag") << 12 + 160 + 2;
    }
    void tamperedPacketIsRejected()
    {
        QFETCH(int, offset);
        Pair pair;
        QVERIFY(keyPair(pair));
        QByteArray wire = rtp(1);
        QVERIFY(pair.alice.protectRtp(wire));
        wire[offset] = char(wire[offset] ^ 0x01);
        QVERIFY(!pair.bob.unprotectRtp(wire));
        QCOMPARE(pair.bob.counters().authenticationFailed, 1u);
        QVERIFY(pair.bob.lastFailure().contains(QStringLiteral("authentication")));
        // The stream goes on: the next genuine packet passes.
        QByteArray next = rtp(2);
        QVERIFY(pair.alice.protectRtp(next));
        QVERIFY(pair.bob.unprotectRtp(next));
    }

    void tamperedRtcpIsRejected()
    {
        Pair pair;
        QVERIFY(keyPair(pair));
        QByteArray wire = rtcp();
        QVERIFY(pair.alice.protectRtcp(wire));
        wire[5] = char(wire[5] ^ 0x80);
        QVERIFY(!pair.bob.unprotectRtcp(wire));
        QCOMPARE(pair.bob.counters().authenticationFailed, 1u);
    }

    void replayIsRejected()
    {
        Pair pair;
        QVERIFY(keyPair(pair));
        QByteArray wire = rtp(10);
        QVERIFY(pair.alice.protectRtp(wire));
        QByteArray copy = wire;
        QVERIFY(pair.bob.unprotectRtp(wire));
        QVERIFY(!pair.bob.unprotectRtp(copy));
        QCOMPARE(pair.bob.counters().replayed, 1u);
        QVERIFY(pair.bob.lastFailure().contains(QStringLiteral("replayed")));

        QByteArray report = rtcp();
        QVERIFY(pair.alice.protectRtcp(report));
        QByteArray reportCopy = report;
        QVERIFY(pair.bob.unprotectRtcp(report));
        QVERIFY(!pair.bob.unprotectRtcp(reportCopy));
        QCOMPARE(pair.bob.counters().replayed, 2u);
    }

    void wrongKeyIsRejected()
    {
        Pair pair;
        QVERIFY(keyPair(pair));
        SrtpSession eve;
        QVERIFY(
            eve.setKeys({ SrtpSession::Suite80.toByteArray(), SrtpSession::randomKey(), SrtpSession::randomKey() }));
        QByteArray wire = rtp(1);
        QVERIFY(eve.protectRtp(wire));
        QVERIFY(!pair.bob.unprotectRtp(wire));
        QCOMPARE(pair.bob.counters().authenticationFailed, 1u);
    }

    void plainRtpIsRejected()
    {
        Pair pair;
        QVERIFY(keyPair(pair));
        QByteArray plain = rtp(1);
        QVERIFY(!pair.bob.unprotectRtp(plain));
        QCOMPARE(pair.bob.counters().authenticationFailed, 1u);
        QByteArray runt("\x80\x00", 2);
        QVERIFY(!pair.bob.unprotectRtp(runt));
        QCOMPARE(pair.bob.counters().otherFailures, 1u);
    }

    void badKeysAreRefused_data()
    {
        QTest::addColumn<QByteArray>("suite");
        QTest::addColumn<int>("keyBytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown suite") << QByteArray("AES_256_CM_HMAC_SHA1_80") << 30 << QStringLiteral("unsupported");
        QTest::newRow("short key") << SrtpSession::Suite80.toByteArray() << 29 << QStringLiteral("30 bytes");
        QTest::newRow("long key") << SrtpSession::Suite80.toByteArray() << 46 << QStringLiteral("30 bytes");
    }
    void badKeysAreRefused()
    {
        QFETCH(QByteArray, suite);
        QFETCH(int, keyBytes);
        QFETCH(QString, reason);
        SrtpSession session;
        QVERIFY(!session.setKeys({ suite, QByteArray(keyBytes, 'k'), QByteArray(keyBytes, 'k') }));
        QVERIFY2(session.errorString().contains(reason), qPrintable(session.errorString()));
        QByteArray wire = rtp(1);
        QVERIFY(!session.protectRtp(wire)); // not keyed: nothing goes out in clear by mistake
        QCOMPARE(wire, rtp(1));
    }

    void peerRekeyKeepsSending()
    {
        // Alice's sending half survives Bob's new key: her next packet still reaches Bob.
        const QByteArray aliceKey = SrtpSession::randomKey();
        SrtpSession alice;
        SrtpSession bob;
        QVERIFY(alice.setKeys({ SrtpSession::Suite80.toByteArray(), aliceKey, SrtpSession::randomKey() }));
        QVERIFY(bob.setKeys({ SrtpSession::Suite80.toByteArray(), SrtpSession::randomKey(), aliceKey }));
        QByteArray first = rtp(1);
        QVERIFY(alice.protectRtp(first));
        QVERIFY(bob.unprotectRtp(first));
        const QByteArray bobNewKey = SrtpSession::randomKey();
        QVERIFY(alice.setKeys({ SrtpSession::Suite80.toByteArray(), aliceKey, bobNewKey }));
        QVERIFY(bob.setKeys({ SrtpSession::Suite80.toByteArray(), bobNewKey, aliceKey }));
        QByteArray second = rtp(2);
        QVERIFY(alice.protectRtp(second));
        QVERIFY(bob.unprotectRtp(second));
        QByteArray back = rtp(3);
        QVERIFY(bob.protectRtp(back));
        QVERIFY(alice.unprotectRtp(back));
    }

    // Not a pass/fail figure: what SRTP costs per packet, printed for the README.
    void costPerPacket()
    {
        Pair pair;
        QVERIFY(keyPair(pair));
        constexpr int Packets = 100'000;
        const QByteArray opus = rtp(0, QByteArray(80, 'o')); // a 20 ms Opus frame is 60-100 bytes
        QElapsedTimer timer;
        timer.start();
        quint16 sequence = 0;
        for (int i = 0; i < Packets; ++i) {
            QByteArray wire = opus;
            wire[2] = char(sequence >> 8);
            wire[3] = char(sequence & 0xff);
            ++sequence;
            if (!pair.alice.protectRtp(wire) || !pair.bob.unprotectRtp(wire))
                QFAIL(qPrintable(pair.bob.lastFailure()));
        }
        const double nsPerPacket = double(timer.nsecsElapsed()) / Packets;
        qInfo("SRTP protect + unprotect, 92-byte RTP: %.0f ns per packet (%d packets)", nsPerPacket, Packets);
        QVERIFY(nsPerPacket > 0);
    }
};

QTEST_GUILESS_MAIN(TestSrtpSession)
#include "tst_srtpsession.moc"
