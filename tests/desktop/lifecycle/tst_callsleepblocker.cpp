// SPDX-License-Identifier: GPL-3.0-or-later
// The block inhibitor held during calls, against python3-dbusmock's logind template on a private
// system bus. The template's ListInhibitors drops an inhibitor when the last copy of its
// descriptor closes (it watches the pipe for a hang-up), so release is observed on logind's side.
#include "callsleepblocker.h"
#include "logindmock.h"

#include <QRegularExpression>
#include <QTest>

using parla::desktop::CallSleepBlocker;
using parla::test::PrivateSystemBus;
namespace logind = parla::test::logind;

class TestCallSleepBlocker : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PrivateSystemBus> m_bus;

    // How many Inhibit() calls the mock received since the last ClearCalls.
    static int inhibitCalls()
    {
        const QDBusMessage reply = PrivateSystemBus::mockCall(
            logind::service, logind::path, QStringLiteral("GetMethodCalls"), { QStringLiteral("Inhibit") });
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return -1;
        const QDBusArgument array = reply.arguments().first().value<QDBusArgument>();
        int count = 0;
        array.beginArray();
        while (!array.atEnd()) { // (timestamp, arguments): only counted
            qulonglong timestamp = 0;
            array.beginStructure();
            array >> timestamp;
            array.beginArray();
            while (!array.atEnd()) {
                QDBusVariant argument;
                array >> argument;
            }
            array.endArray();
            array.endStructure();
            ++count;
        }
        array.endArray();
        return count;
    }
    static bool refuseInhibit()
    {
        const QDBusMessage reply
            = PrivateSystemBus::mockCall(logind::service, logind::path, QStringLiteral("AddMethod"),
                { logind::manager, QStringLiteral("Inhibit"), QStringLiteral("ssss"), QStringLiteral("h"),
                    QStringLiteral("raise dbus.exceptions.DBusException('not allowed here', "
                                   "name='org.freedesktop.DBus.Error.AccessDenied')") });
        return reply.type() == QDBusMessage::ReplyMessage;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateSystemBus>();
        QString error;
        QVERIFY2(logind::startLogind(*m_bus, &error), qPrintable(error));
    }
    void init()
    {
        QTRY_COMPARE_WITH_TIMEOUT(logind::inhibitors().size(), 0, 3000);
        QCOMPARE(PrivateSystemBus::mockCall(logind::service, logind::path, QStringLiteral("ClearCalls"), {}).type(),
            QDBusMessage::ReplyMessage);
    }
    void cleanup()
    {
        // Back to the template's own Inhibit after a test replaced it.
        QCOMPARE(PrivateSystemBus::mockCall(logind::service, logind::path, QStringLiteral("Reset"), {}).type(),
            QDBusMessage::ReplyMessage);
    }
    void cleanupTestCase() { m_bus.reset(); }

    void blocksFromTheFirstCallToTheEndOfTheLast()
    {
        CallSleepBlocker blocker;
        QSignalSpy blocking(&blocker, &CallSleepBlocker::blockingChanged);
        QVERIFY(!blocker.isBlocking());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 0); // no call, no inhibitor

        blocker.setCallsInProgress(true);
        QVERIFY(blocking.wait(3000));
        QCOMPARE(blocking.last().first().toBool(), true);
        QVERIFY(blocker.isBlocking());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
        QCOMPARE(logind::inhibitors().first().why, QStringLiteral("A call is in progress"));

        blocker.setCallsInProgress(true); // a second call: still the one inhibitor
        QCOMPARE(inhibitCalls(), 1);

        blocker.setCallsInProgress(false);
        QCOMPARE(blocking.size(), 2);
        QCOMPARE(blocking.last().first().toBool(), false);
        QVERIFY(!blocker.isBlocking());
        // Closed on our side, so logind sees the hang-up and forgets it.
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("block")), 0, 3000);

        blocker.setCallsInProgress(true); // the next call takes a new one
        QVERIFY(blocking.wait(3000));
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
        QCOMPARE(inhibitCalls(), 2);
    }

    void aCallEndedBeforeTheReplyReleasesAtOnce()
    {
        CallSleepBlocker blocker;
        QSignalSpy blocking(&blocker, &CallSleepBlocker::blockingChanged);
        blocker.setCallsInProgress(true);
        blocker.setCallsInProgress(false); // before the event loop could read logind's reply
        // logind did hand out an inhibitor; its descriptor must close as soon as it arrives.
        QTRY_COMPARE_WITH_TIMEOUT(inhibitCalls(), 1, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("block")), 0, 3000);
        QVERIFY(!blocker.isBlocking());
        QVERIFY(blocking.isEmpty());
    }

    void aCallAgainBeforeTheReplyKeepsTheOneRequested()
    {
        CallSleepBlocker blocker;
        QSignalSpy blocking(&blocker, &CallSleepBlocker::blockingChanged);
        blocker.setCallsInProgress(true);
        blocker.setCallsInProgress(false);
        blocker.setCallsInProgress(true);
        QVERIFY(blocking.wait(3000));
        QCOMPARE(blocking.size(), 1);
        QVERIFY(blocker.isBlocking());
        QCOMPARE(inhibitCalls(), 1);
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
    }

    void refusedIsWarnedOnceAndNotRetriedDuringTheCall()
    {
        QVERIFY(refuseInhibit());
        CallSleepBlocker blocker;
        QSignalSpy failed(&blocker, &CallSleepBlocker::inhibitFailed);
        QSignalSpy blocking(&blocker, &CallSleepBlocker::blockingChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no block inhibitor:.*not allowed here")));
        blocker.setCallsInProgress(true);
        QVERIFY(failed.wait(3000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("not allowed here")));
        QVERIFY(!blocker.isBlocking());
        // No retry while this call lasts: one that came with the refusal would be counted here,
        // since the mock answers our calls in the order they were sent.
        QCOMPARE(inhibitCalls(), 1);

        // The next call asks once again, and says nothing louder than debug about it.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("block inhibitor")));
        blocker.setCallsInProgress(false);
        blocker.setCallsInProgress(true);
        QVERIFY(failed.wait(3000));
        QCOMPARE(inhibitCalls(), 2);
        QVERIFY(blocking.isEmpty());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 0);
    }

    void destroyingTheBlockerReleases()
    {
        {
            CallSleepBlocker blocker;
            QSignalSpy blocking(&blocker, &CallSleepBlocker::blockingChanged);
            blocker.setCallsInProgress(true);
            QVERIFY(blocking.wait(3000));
            QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("block")), 0, 3000);
    }

    void noLogindOnTheBus()
    {
        // A second, empty bus: reachable, but nobody owns org.freedesktop.login1 there.
        const QByteArray systemBus = qgetenv("DBUS_SYSTEM_BUS_ADDRESS");
        PrivateSystemBus empty;
        QString error;
        const bool started = empty.start(&error);
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", systemBus);
        QVERIFY2(started, qPrintable(error));
        const QDBusConnection bus = QDBusConnection::connectToBus(empty.address(), QStringLiteral("no-logind"));
        QVERIFY(bus.isConnected());
        {
            CallSleepBlocker blocker(bus);
            QSignalSpy failed(&blocker, &CallSleepBlocker::inhibitFailed);
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no block inhibitor:")));
            blocker.setCallsInProgress(true);
            QVERIFY(failed.wait(3000));
            QVERIFY(!blocker.isBlocking());
            blocker.setCallsInProgress(false);
        }
        QDBusConnection::disconnectFromBus(QStringLiteral("no-logind"));
    }

    void noBusAtAll()
    {
        CallSleepBlocker blocker(QDBusConnection(QStringLiteral("not connected")));
        QSignalSpy failed(&blocker, &CallSleepBlocker::inhibitFailed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no block inhibitor:")));
        blocker.setCallsInProgress(true);
        QCOMPARE(failed.size(), 1);
        QVERIFY(!blocker.isBlocking());
    }
};

QTEST_GUILESS_MAIN(TestCallSleepBlocker)
#include "tst_callsleepblocker.moc"
