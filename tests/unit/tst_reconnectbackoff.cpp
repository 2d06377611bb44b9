// SPDX-License-Identifier: GPL-3.0-or-later
// ReconnectBackoff: the RFC 5626 §4.5 waits, with a scripted random source.
#include "client/reconnectbackoff.h"

#include <QTest>

using namespace std::chrono_literals;
using parla::client::ReconnectBackoff;

class TestReconnectBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doublesFromBaseUpToCap_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<QList<qint64>>("expected");
        // random 1.0 takes the whole ceiling; 0.0 takes half of it.
        QTest::newRow("upper bound") << 1.0 << QList<qint64> { 2000, 4000, 8000, 16000, 32000, 64000, 120000, 120000 };
        QTest::newRow("lower bound") << 0.0 << QList<qint64> { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000 };
    }
    void doublesFromBaseUpToCap()
    {
        QFETCH(double, random);
        QFETCH(QList<qint64>, expected);
        ReconnectBackoff backoff(2s, 120s, [random] { return random; });
        for (qint64 wait : expected)
            QCOMPARE(backoff.nextDelay().count(), wait);
        QCOMPARE(backoff.failures(), expected.size());
    }

    void resetStartsOver()
    {
        ReconnectBackoff backoff(2s, 120s, [] { return 1.0; });
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.reset();
        QCOMPARE(backoff.nextDelay(), 2000ms);
    }

    void retryAfterIsAFloor()
    {
        ReconnectBackoff backoff(2s, 120s, [] { return 1.0; });
        QCOMPARE(backoff.nextDelay(30s), 30000ms);
        QCOMPARE(backoff.nextDelay(1s), 4000ms); // the computed wait is longer: it wins
    }

    void jitterStaysWithinHalfAndAll()
    {
        ReconnectBackoff backoff(2s, 120s); // the real random source
        for (int i = 0; i < 200; ++i) {
            backoff.reset();
            const auto wait = backoff.nextDelay();
            QVERIFY2(wait >= 1000ms && wait <= 2000ms, qPrintable(QString::number(wait.count())));
        }
    }

    void manyFailuresNeverOverflow()
    {
        ReconnectBackoff backoff(2s, 120s, [] { return 1.0; });
        for (int i = 0; i < 100; ++i)
            QVERIFY(backoff.nextDelay() <= 120000ms);
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
