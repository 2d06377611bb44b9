// SPDX-License-Identifier: GPL-3.0-or-later
// The logind source against python3-dbusmock's logind template on a private system bus:
// the delay inhibitor is taken, held through PrepareForSleep(true) until the client lets go
// (or the bound runs out), released, and taken again on wake.
#include "logindmock.h"
#include "logindsleepsource.h"

#include <QElapsedTimer>
#include <QTest>

using namespace std::chrono_literals;
using parla::desktop::LogindSleepSource;
using parla::test::PrivateSystemBus;
namespace logind = parla::test::logind;

class TestLogindSleepSource : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PrivateSystemBus> m_bus;

private Q_SLOTS:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateSystemBus>();
        QString error;
        QVERIFY2(logind::startLogind(*m_bus, &error), qPrintable(error));
    }
    void init() { QTRY_COMPARE_WITH_TIMEOUT(logind::inhibitors().size(), 0, 3000); }
    void cleanupTestCase() { m_bus.reset(); }

    void takesADelayInhibitorAtStart()
    {
        LogindSleepSource source;
        QVERIFY(source.isConnected());
        QSignalSpy taken(&source, &LogindSleepSource::inhibitorTaken);
        QVERIFY(taken.wait(3000));
        QVERIFY(source.holdsInhibitor());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("delay")), 1);
    }

    void sleepHoldsUntilReadyThenWakeTakesAgain()
    {
        LogindSleepSource source;
        QSignalSpy taken(&source, &LogindSleepSource::inhibitorTaken);
        QSignalSpy released(&source, &LogindSleepSource::inhibitorReleased);
        QSignalSpy sleeping(&source, &LogindSleepSource::sleepingChanged);
        QVERIFY(taken.wait(3000));

        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(sleeping.wait(3000));
        QCOMPARE(sleeping.last().first().toBool(), true);
        QVERIFY(source.isSleeping());
        // Held while the client un-REGISTERs: logind waits for us.
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("delay")), 1);
        QVERIFY(released.isEmpty());

        source.readyToSleep();
        QCOMPARE(released.size(), 1);
        QVERIFY(!source.holdsInhibitor());
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("delay")), 0, 3000);

        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(sleeping.wait(3000));
        QCOMPARE(sleeping.last().first().toBool(), false);
        QVERIFY(taken.wait(3000));
        QCOMPARE(taken.size(), 2);
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("delay")), 1);
    }

    void aSlowClientHoldsSleepOnlyUntilTheBound()
    {
        LogindSleepSource source;
        source.setReleaseTimeout(300ms);
        QSignalSpy taken(&source, &LogindSleepSource::inhibitorTaken);
        QSignalSpy released(&source, &LogindSleepSource::inhibitorReleased);
        QVERIFY(taken.wait(3000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(released.wait(3000));
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("delay")), 0, 3000);
        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(taken.wait(3000));
    }

    void readyWhileAwakeKeepsTheInhibitor()
    {
        LogindSleepSource source;
        QSignalSpy taken(&source, &LogindSleepSource::inhibitorTaken);
        QVERIFY(taken.wait(3000));
        source.readyToSleep(); // e.g. the client paused because the app went to the background
        QVERIFY(source.holdsInhibitor());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("delay")), 1);
    }

    void destroyingTheSourceReleases()
    {
        {
            LogindSleepSource source;
            QSignalSpy taken(&source, &LogindSleepSource::inhibitorTaken);
            QVERIFY(taken.wait(3000));
            QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("delay")), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("delay")), 0, 3000);
    }

    void noBusNoSource()
    {
        LogindSleepSource source(QDBusConnection(QStringLiteral("not connected")));
        QVERIFY(!source.isConnected());
        QVERIFY(!source.holdsInhibitor());
    }
};

QTEST_GUILESS_MAIN(TestLogindSleepSource)
#include "tst_logindsleepsource.moc"
