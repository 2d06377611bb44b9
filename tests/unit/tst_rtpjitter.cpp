// SPDX-License-Identifier: GPL-3.0-or-later
// RtpJitter against RFC 3550 Appendix A.8, each row worked out by hand:
// J += |D| - ((J + 8) >> 4) with J scaled by 16, reported as J >> 4.
#include "media/rtpjitter.h"

#include <QTest>

using parla::media::RtpJitter;

class TestRtpJitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jitter_data()
    {
        QTest::addColumn<QList<quint32>>("timestamps");
        QTest::addColumn<QList<quint32>>("arrivals");
        QTest::addColumn<quint32>("jitter");

        QTest::newRow("steady 20 ms packets at 8 kHz")
            << QList<quint32> { 0, 160, 320, 480 } << QList<quint32> { 1000, 1160, 1320, 1480 } << 0u;
        // Transit 1000, 1000, 1160: D = 160 gives J*16 = 160, reported 10.
        QTest::newRow("one packet 20 ms late")
            << QList<quint32> { 0, 160, 320 } << QList<quint32> { 1000, 1160, 1480 } << 10u;
        // Then D = 0: J*16 = 160 - ((160 + 8) >> 4) = 150, reported 9.
        QTest::newRow("and back on time")
            << QList<quint32> { 0, 160, 320, 480 } << QList<quint32> { 1000, 1160, 1480, 1640 } << 9u;
        // Early counts as much as late: transit 1000, 840: D = 160.
        QTest::newRow("one packet early") << QList<quint32> { 0, 160 } << QList<quint32> { 1000, 1000 } << 10u;
        // Both clocks wrap: transit 176, 176, 208: D = 32 gives J*16 = 32, reported 2.
        QTest::newRow("wrapping clocks") << QList<quint32> { 0xffffff60u, 0, 160 } << QList<quint32> { 0x10, 0xb0, 368 }
                                         << 2u;
        QTest::newRow("a single packet") << QList<quint32> { 12345 } << QList<quint32> { 999 } << 0u;
    }

    void jitter()
    {
        QFETCH(QList<quint32>, timestamps);
        QFETCH(QList<quint32>, arrivals);
        QFETCH(quint32, jitter);
        RtpJitter estimate;
        for (qsizetype i = 0; i < timestamps.size(); ++i)
            estimate.update(timestamps[i], arrivals[i]);
        QCOMPARE(estimate.jitter(), jitter);
    }

    void convergesToTheMeanDeviation()
    {
        // Transit alternating 0 and 80: |D| is always 80, so J tends to 80.
        RtpJitter estimate;
        for (quint32 i = 0; i < 400; ++i)
            estimate.update(i * 160, i * 160 + (i % 2) * 80);
        QVERIFY2(estimate.jitter() >= 78 && estimate.jitter() <= 80, qPrintable(QString::number(estimate.jitter())));
    }
};

QTEST_GUILESS_MAIN(TestRtpJitter)
#include "tst_rtpjitter.moc"
