// SPDX-License-Identifier: GPL-3.0-or-later
// RtpSequence against RFC 3550 Appendix A.1 and A.3, each row worked out by hand.
#include "media/rtpsequence.h"

#include <QTest>

using parla::media::RtpSequence;

class TestRtpSequence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sequences_data()
    {
        QTest::addColumn<QList<int>>("sequence");
        QTest::addColumn<int>("counted"); // packets update() accepted
        QTest::addColumn<quint32>("extendedHighest");
        QTest::addColumn<quint32>("received");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<qint64>("lost");
        QTest::addColumn<int>("fractionLost");

        // The first packet is probation; counting starts with the second (A.1's init_seq).
        QTest::newRow("in order") << QList<int> { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 } << 9 << 109u << 9u
                                  << qint64(9) << qint64(0) << 0;
        QTest::newRow("one lost of ten") << QList<int> { 100, 101, 102, 103, 104, 106, 107, 108, 109, 110, 111 } << 10
                                         << 111u << 10u << qint64(11) << qint64(1) << 23; // 256 * 1 / 11
        QTest::newRow("wraparound") << QList<int> { 65533, 65534, 65535, 0, 1, 2 } << 5 << 65538u << 5u << qint64(5)
                                    << qint64(0) << 0;
        QTest::newRow("duplicate: loss goes negative")
            << QList<int> { 10, 11, 12, 12, 13 } << 4 << 13u << 4u << qint64(3) << qint64(-1) << 0;
        QTest::newRow("reordered") << QList<int> { 10, 11, 13, 12, 14 } << 4 << 14u << 4u << qint64(4) << qint64(0)
                                   << 0;
        QTest::newRow("late packet before the wrap")
            << QList<int> { 65534, 65535, 1, 0, 2 } << 4 << 65538u << 4u << qint64(4) << qint64(0) << 0;
        QTest::newRow("restarted sender, confirmed by a second packet")
            << QList<int> { 10, 11, 12, 5000, 5001, 5002 } << 4 << 5002u << 2u << qint64(2) << qint64(0) << 0;
        QTest::newRow("one wild packet is ignored")
            << QList<int> { 10, 11, 12, 40000, 13, 14 } << 4 << 14u << 4u << qint64(4) << qint64(0) << 0;
        QTest::newRow("probation broken, then restarted")
            << QList<int> { 10, 12, 13, 14 } << 2 << 14u << 2u << qint64(2) << qint64(0) << 0;
        QTest::newRow("half lost") << QList<int> { 0, 1, 3, 5, 7, 9 } << 5 << 9u << 5u << qint64(9) << qint64(4)
                                   << 113; // 256 * 4 / 9
    }

    void sequences()
    {
        QFETCH(QList<int>, sequence);
        QFETCH(int, counted);
        QFETCH(quint32, extendedHighest);
        QFETCH(quint32, received);
        QFETCH(qint64, expected);
        QFETCH(qint64, lost);
        QFETCH(int, fractionLost);

        RtpSequence tracker;
        int accepted = 0;
        for (int number : sequence)
            accepted += tracker.update(quint16(number)) ? 1 : 0;
        QCOMPARE(accepted, counted);
        QVERIFY(tracker.isValid());
        QCOMPARE(tracker.extendedHighestSequence(), extendedHighest);
        QCOMPARE(tracker.received(), received);
        QCOMPARE(tracker.expected(), expected);
        QCOMPARE(tracker.cumulativeLost(), lost);
        QCOMPARE(int(tracker.takeFractionLost()), fractionLost);
        // A.3: the fraction is per interval; nothing new arrived since, so nothing was lost.
        QCOMPARE(int(tracker.takeFractionLost()), 0);
    }

    void fractionPerInterval()
    {
        RtpSequence tracker;
        for (int number = 0; number <= 10; ++number)
            tracker.update(quint16(number));
        QCOMPARE(int(tracker.takeFractionLost()), 0);
        for (int number = 11; number <= 20; number += 2) // 11 13 15 17 19: 5 of 9 expected
            tracker.update(quint16(number));
        QCOMPARE(int(tracker.takeFractionLost()), 256 * 4 / 9);
        QCOMPARE(tracker.cumulativeLost(), qint64(4));
    }

    void notValidOnProbation()
    {
        RtpSequence tracker;
        QVERIFY(!tracker.update(7));
        QVERIFY(!tracker.isValid());
        QVERIFY(tracker.update(8));
        QVERIFY(tracker.isValid());
    }
};

QTEST_GUILESS_MAIN(TestRtpSequence)
#include "tst_rtpsequence.moc"
