// SPDX-License-Identifier: GPL-3.0-or-later
// platform::boundedWait: every wait derived from a server's number fits a QTimer, at the edges
// of int milliseconds and far past them.
#include "platform/boundedwait.h"

#include <QTest>
#include <QTimer>

#include <climits>

using namespace std::chrono_literals;
using parla::platform::boundedWait;
using parla::platform::LongestWait;

class TestBoundedWait : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clamps_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<qint64>("expected");
        const qint64 day = 24LL * 3600 * 1000;
        QTest::newRow("zero") << qint64(0) << qint64(0);
        QTest::newRow("negative") << qint64(-5) << qint64(0);
        QTest::newRow("one ms") << qint64(1) << qint64(1);
        QTest::newRow("ten minutes") << qint64(600000) << qint64(600000);
        QTest::newRow("a day less one ms") << day - 1 << day - 1;
        QTest::newRow("a day") << day << day;
        QTest::newRow("INT_MAX ms (24.8 days)") << qint64(INT_MAX) << day;
        QTest::newRow("INT_MAX + 1 ms") << qint64(INT_MAX) + 1 << day;
        QTest::newRow("UINT_MAX ms") << qint64(UINT_MAX) << day;
        QTest::newRow("INT64_MAX ms") << std::numeric_limits<qint64>::max() << day;
        QTest::newRow("INT64_MIN ms") << std::numeric_limits<qint64>::min() << qint64(0);
    }
    void clamps()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(qint64, expected);
        QCOMPARE(boundedWait(std::chrono::milliseconds(milliseconds)).count(), expected);
    }

    // Seconds as a server sends them (delta-seconds saturate at INT_MAX): no overflow on the
    // way to milliseconds, however large.
    void serverSecondsNeverOverflow()
    {
        QCOMPARE(boundedWait(std::chrono::seconds(INT_MAX)), LongestWait);
        QCOMPARE(boundedWait(std::chrono::seconds(std::numeric_limits<qint64>::max())), LongestWait);
        QCOMPARE(boundedWait(std::chrono::seconds(4294967295LL)), LongestWait);
        QCOMPARE(boundedWait(std::chrono::seconds(540)), std::chrono::milliseconds(540000));
        QCOMPARE(boundedWait(std::chrono::hours(24 * 365 * 100)), LongestWait);
    }

    void shortestAndLongest()
    {
        QCOMPARE(boundedWait(0ms, 100ms, 2s), 100ms);
        QCOMPARE(boundedWait(5s, 100ms, 2s), 2s);
        QCOMPARE(boundedWait(1s, 100ms, 2s), 1s);
        // A longest beyond LongestWait is LongestWait; a shortest beyond longest is longest.
        QCOMPARE(boundedWait(std::chrono::hours(48), 0ms, std::chrono::hours(48)), LongestWait);
        QCOMPARE(boundedWait(0ms, 5s, 2s), 2s);
    }

    // The point of it all: a QTimer given the result keeps it, never wrapping below zero.
    void fitsAQTimer()
    {
        QTimer timer;
        timer.start(boundedWait(std::chrono::seconds(INT_MAX)));
        QCOMPARE(timer.interval(), int(LongestWait.count()));
        QVERIFY(timer.remainingTime() > 0);
    }
};

QTEST_GUILESS_MAIN(TestBoundedWait)
#include "tst_boundedwait.moc"
