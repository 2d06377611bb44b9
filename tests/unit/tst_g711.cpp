// SPDX-License-Identifier: GPL-3.0-or-later
// G.711 against values of the ITU-T G.711 tables (and the Sun reference coder that follows
// them), every code round-tripped, and the quantisation error bounded for every sample.
#include "media/g711.h"

#include <QTest>

#include <cstdlib>

using namespace parla::media;

class TestG711 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void muLaw_data()
    {
        QTest::addColumn<int>("sample");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("decoded");
        // G.711 Table 2: codes are sent inverted, so silence is 0xff and full scale 0x80/0x00.
        QTest::newRow("zero") << 0 << 0xff << 0;
        QTest::newRow("-1 rounds to negative zero") << -1 << 0x7f << 0;
        QTest::newRow("smallest step") << 8 << 0xfe << 8;
        // 240 + 132 = 372: segment 1, mantissa 7; decoded ((7 << 3) + 132) << 1 - 132.
        QTest::newRow("segment 1") << 240 << 0xe8 << 244;
        // 1132: segment 3, mantissa 1; decoded ((1 << 3) + 132) << 3 - 132.
        QTest::newRow("1000") << 1000 << 0xce << 988;
        QTest::newRow("-1000") << -1000 << 0x4e << -988;
        QTest::newRow("full scale") << 32767 << 0x80 << 32124;
        QTest::newRow("negative full scale") << -32768 << 0x00 << -32124;
    }

    void muLaw()
    {
        QFETCH(int, sample);
        QFETCH(int, code);
        QFETCH(int, decoded);
        QCOMPARE(int(g711::encodeMuLaw(qint16(sample))), code);
        QCOMPARE(int(g711::decodeMuLaw(quint8(code))), decoded);
    }

    void aLaw_data()
    {
        QTest::addColumn<int>("sample");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("decoded");
        // G.711 Table 1: even bits inverted, so the smallest positive code is 0xd5.
        QTest::newRow("zero") << 0 << 0xd5 << 8;
        QTest::newRow("-1") << -1 << 0x55 << -8;
        // 300 >> 3 = 37: segment 1, mantissa 2, (0x12 ^ 0xd5); decoded 2 * 16 + 0x108.
        QTest::newRow("segment 1") << 300 << 0xc7 << 296;
        QTest::newRow("1000") << 1000 << 0xfa << 1008;
        QTest::newRow("-1000") << -1000 << 0x7a << -1008;
        QTest::newRow("full scale") << 32767 << 0xaa << 32256;
        QTest::newRow("negative full scale") << -32768 << 0x2a << -32256;
    }

    void aLaw()
    {
        QFETCH(int, sample);
        QFETCH(int, code);
        QFETCH(int, decoded);
        QCOMPARE(int(g711::encodeALaw(qint16(sample))), code);
        QCOMPARE(int(g711::decodeALaw(quint8(code))), decoded);
    }

    // Every code decodes to a value that encodes back to it (μ-law's negative zero excepted).
    void everyCodeRoundTrips()
    {
        for (int code = 0; code < 256; ++code) {
            if (code != 0x7f)
                QCOMPARE(int(g711::encodeMuLaw(g711::decodeMuLaw(quint8(code)))), code);
            QCOMPARE(int(g711::encodeALaw(g711::decodeALaw(quint8(code)))), code);
        }
    }

    // The error is at most half a step: 1/32 of the value's segment, so within |x| / 16 + 16.
    void quantisationErrorIsBounded()
    {
        int worstMu = 0;
        int worstA = 0;
        for (int sample = -32768; sample <= 32767; ++sample) {
            const int bound = std::abs(sample) / 16 + 16;
            const int muError = std::abs(g711::decodeMuLaw(g711::encodeMuLaw(qint16(sample))) - sample);
            const int aError = std::abs(g711::decodeALaw(g711::encodeALaw(qint16(sample))) - sample);
            if (muError > bound || aError > bound)
                QFAIL(qPrintable(QStringLiteral("sample %1: errors %2 and %3").arg(sample).arg(muError).arg(aError)));
            worstMu = std::max(worstMu, muError);
            worstA = std::max(worstA, aError);
        }
        // Clipping at the top of segment 7 is the largest error of each law.
        QCOMPARE(worstMu, 32768 - 32124);
        QCOMPARE(worstA, 32768 - 32256);
    }

    void frames()
    {
        const QList<qint16> samples { 0, 1000, -1000, 32767 };
        QCOMPARE(g711::encodeMuLaw(samples).toHex(), QByteArray("ffce4e80"));
        QCOMPARE(g711::encodeALaw(samples).toHex(), QByteArray("d5fa7aaa"));
        QCOMPARE(g711::decodeMuLaw(QByteArray::fromHex("ffce4e80")), (QList<qint16> { 0, 988, -988, 32124 }));
        QCOMPARE(g711::decodeALaw(QByteArray::fromHex("d5fa7aaa")), (QList<qint16> { 8, 1008, -1008, 32256 }));
    }
};

QTEST_GUILESS_MAIN(TestG711)
#include "tst_g711.moc"
