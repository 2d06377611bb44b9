// SPDX-License-Identifier: GPL-3.0-or-later
// CallQuality: the interval's loss from two snapshots, how the peer hears us from its RTCP
// report, and the grade at each threshold, the worse way deciding.
#include "calls/callquality.h"

#include <QTest>

using parla::calls::CallQuality;
using parla::media::RtpStreamStats;
using Grade = CallQuality::Grade;

namespace {

RtpStreamStats stats(std::uint64_t received, std::int64_t lost, double jitterMs = 0.0, double roundTripMs = -1.0)
{
    RtpStreamStats stats;
    stats.packetsReceived = received;
    stats.packetsLost = lost;
    stats.jitterMs = jitterMs;
    stats.roundTripMs = roundTripMs;
    return stats;
}

} // namespace

class TestCallQuality : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lossIsTheIntervalsNotTheCallsAverage()
    {
        // 1000 packets clean, then 10 of the next 50 lost: 20%, not 10/1050.
        const CallQuality quality
            = CallQuality::measure(stats(1000, 0), stats(1040, 10, 12.5, 80.0), QStringLiteral("opus"));
        QVERIFY(quality.valid);
        QCOMPARE(quality.lossPercent, 20.0);
        QCOMPARE(quality.jitterMs, 12.5);
        QCOMPARE(quality.roundTripMs, 80.0);
        QCOMPARE(quality.codec, QStringLiteral("opus"));
    }

    void duplicatesNeverMakeLossNegative()
    {
        const CallQuality quality = CallQuality::measure(stats(100, 5), stats(150, 3), {});
        QCOMPARE(quality.lossPercent, 0.0);
    }

    void nothingExpectedIsNoLoss()
    {
        const CallQuality quality = CallQuality::measure(stats(100, 5), stats(100, 5), {});
        QCOMPARE(quality.lossPercent, 0.0);
        QCOMPARE(quality.grade(), Grade::Good);
    }

    void grade_data()
    {
        QTest::addColumn<double>("loss");
        QTest::addColumn<double>("jitter");
        QTest::addColumn<double>("roundTrip");
        QTest::addColumn<Grade>("grade");
        QTest::newRow("clean, no RTCP yet") << 0.0 << 2.0 << -1.0 << Grade::Good;
        QTest::newRow("clean") << 0.5 << 10.0 << 120.0 << Grade::Good;
        QTest::newRow("1% loss") << 1.0 << 10.0 << 120.0 << Grade::Fair;
        QTest::newRow("30 ms jitter") << 0.0 << 30.0 << 120.0 << Grade::Fair;
        QTest::newRow("300 ms round trip") << 0.0 << 0.0 << 300.0 << Grade::Fair;
        QTest::newRow("5% loss") << 5.0 << 0.0 << 20.0 << Grade::Poor;
        QTest::newRow("60 ms jitter") << 0.0 << 60.0 << 20.0 << Grade::Poor;
        QTest::newRow("800 ms round trip") << 0.0 << 0.0 << 800.0 << Grade::Poor;
    }

    void grade()
    {
        QFETCH(double, loss);
        QFETCH(double, jitter);
        QFETCH(double, roundTrip);
        QFETCH(Grade, grade);
        CallQuality quality;
        quality.valid = true;
        quality.lossPercent = loss;
        quality.jitterMs = jitter;
        quality.roundTripMs = roundTrip;
        QCOMPARE(quality.grade(), grade);
    }

    void farSideFromThePeersReport()
    {
        RtpStreamStats current = stats(1050, 0, 4.0, 60.0);
        QCOMPARE(CallQuality::measure(stats(1000, 0), current, {}).remoteLossPercent, -1.0); // no report yet
        QVERIFY(!CallQuality::measure(stats(1000, 0), current, {}).hasRemote());
        current.remoteFractionLost = 16 / 256.0; // the report block's fraction lost
        current.remoteJitterMs = 21.5;
        const CallQuality quality = CallQuality::measure(stats(1000, 0), current, {});
        QVERIFY(quality.hasRemote());
        QCOMPARE(quality.remoteLossPercent, 6.25);
        QCOMPARE(quality.remoteJitterMs, 21.5);
        QCOMPARE(quality.lossPercent, 0.0); // what we receive is another matter
        QCOMPARE(quality.hearingGrade(), Grade::Good);
        QCOMPARE(quality.heardGrade(), Grade::Poor);
        QCOMPARE(quality.grade(), Grade::Poor);
    }

    void gradeIsTheWorseWay_data()
    {
        QTest::addColumn<double>("loss");
        QTest::addColumn<double>("remoteLoss");
        QTest::addColumn<double>("remoteJitter");
        QTest::addColumn<Grade>("heard");
        QTest::addColumn<Grade>("grade");
        QTest::newRow("no report: ours alone") << 2.0 << -1.0 << -1.0 << Grade::Unknown << Grade::Fair;
        QTest::newRow("both clean") << 0.0 << 0.0 << 5.0 << Grade::Good << Grade::Good;
        QTest::newRow("they hear jitter") << 0.0 << 0.0 << 30.0 << Grade::Fair << Grade::Fair;
        QTest::newRow("they lose 5%") << 0.0 << 5.0 << 5.0 << Grade::Poor << Grade::Poor;
        QTest::newRow("we lose more") << 6.0 << 1.0 << 5.0 << Grade::Fair << Grade::Poor;
    }
    void gradeIsTheWorseWay()
    {
        QFETCH(double, loss);
        QFETCH(double, remoteLoss);
        QFETCH(double, remoteJitter);
        QFETCH(Grade, heard);
        QFETCH(Grade, grade);
        CallQuality quality;
        quality.valid = true;
        quality.lossPercent = loss;
        quality.remoteLossPercent = remoteLoss;
        quality.remoteJitterMs = remoteJitter;
        QCOMPARE(quality.heardGrade(), heard);
        QCOMPARE(quality.grade(), grade);
    }

    void unmeasuredIsUnknown()
    {
        QCOMPARE(CallQuality().grade(), Grade::Unknown);
        QCOMPARE(CallQuality().heardGrade(), Grade::Unknown);
        QCOMPARE(CallQuality::gradeName(Grade::Unknown), QStringLiteral("unknown"));
        QCOMPARE(CallQuality::gradeName(Grade::Poor), QStringLiteral("poor"));
    }
};

QTEST_GUILESS_MAIN(TestCallQuality)
#include "tst_callquality.moc"
