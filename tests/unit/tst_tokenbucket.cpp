// SPDX-License-Identifier: GPL-3.0-or-later
// TokenBucket and SendBudget, on a clock the test moves by hand.
#include "transport/sendbudget.h"
#include "transport/tokenbucket.h"

#include <QTest>

using namespace std::chrono_literals;
using parla::transport::SendBudget;
using parla::transport::TokenBucket;

namespace {
struct ManualClock
{
    std::chrono::steady_clock::time_point now {};
    TokenBucket::Clock function()
    {
        return [this] { return now; };
    }
};
} // namespace

class TestTokenBucket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstThenOnePerRefill()
    {
        ManualClock clock;
        TokenBucket bucket(3, 100ms, clock.function());
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 100ms); // empty: says how long, spends nothing
        clock.now += 40ms;
        QCOMPARE(bucket.take(), 60ms);
        clock.now += 60ms;
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 100ms);
    }

    void refillsUpToTheBurstOnly()
    {
        ManualClock clock;
        TokenBucket bucket(2, 100ms, clock.function());
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 0ms);
        clock.now += 10s; // a long quiet time earns two tokens, not a hundred
        QCOMPARE(bucket.available(), 2);
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 0ms);
        QVERIFY(bucket.take() > 0ms);
    }

    void partialRefillKeepsItsRemainder()
    {
        ManualClock clock;
        TokenBucket bucket(2, 100ms, clock.function());
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 0ms);
        clock.now += 150ms; // one token earned, 50 ms towards the next
        QCOMPARE(bucket.take(), 0ms);
        QCOMPARE(bucket.take(), 50ms);
    }

    // Any 60 s window, however the asks are spread, gets at most burst + 60 s / refill.
    void sendBudgetBoundsEveryMinute()
    {
        ManualClock clock;
        SendBudget budget({}, clock.function());
        int requests = 0;
        int connections = 0;
        for (int ms = 0; ms < 60000; ms += 5) { // someone asking every 5 ms for a minute
            requests += budget.takeRequest() == 0ms;
            connections += budget.takeConnection() == 0ms;
            clock.now += 5ms;
        }
        QVERIFY2(requests <= 60 && requests >= 55, qPrintable(QString::number(requests)));
        QVERIFY2(connections <= 10 && connections >= 9, qPrintable(QString::number(connections)));
    }
};

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
