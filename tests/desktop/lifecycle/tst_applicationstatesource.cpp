// SPDX-License-Identifier: GPL-3.0-or-later
// The application-state source fed by a real QGuiApplication's applicationStateChanged.
#include "applicationstatesource.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using parla::desktop::ApplicationStateSource;

class TestApplicationStateSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suspendedAndActive_data()
    {
        QTest::addColumn<QList<int>>("states");
        QTest::addColumn<QList<bool>>("reported");
        QTest::newRow("suspended then active")
            << QList<int> { Qt::ApplicationSuspended, Qt::ApplicationActive } << QList<bool> { true, false };
        QTest::newRow("inactive and hidden change nothing")
            << QList<int> { Qt::ApplicationInactive, Qt::ApplicationHidden, Qt::ApplicationActive } << QList<bool> {};
        QTest::newRow("suspended survives inactive") << QList<int> { Qt::ApplicationSuspended, Qt::ApplicationInactive,
            Qt::ApplicationActive } << QList<bool> { true, false };
        QTest::newRow("repeats are reported once")
            << QList<int> { Qt::ApplicationSuspended, Qt::ApplicationSuspended } << QList<bool> { true };
    }
    void suspendedAndActive()
    {
        QFETCH(QList<int>, states);
        QFETCH(QList<bool>, reported);
        ApplicationStateSource source(qGuiApp);
        QSignalSpy changes(&source, &ApplicationStateSource::suspendedChanged);
        // What the platform plugin makes the application emit.
        for (int state : states)
            Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationState(state));
        QList<bool> seen;
        for (const auto &change : changes)
            seen << change.first().toBool();
        QCOMPARE(seen, reported);
        QCOMPARE(source.isSuspended(), !reported.isEmpty() && reported.last());
    }

    void withoutAnApplicationOnlyTheSlotFeedsIt()
    {
        ApplicationStateSource source(nullptr);
        QSignalSpy changes(&source, &ApplicationStateSource::suspendedChanged);
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationSuspended);
        QVERIFY(changes.isEmpty());
        source.onApplicationStateChanged(Qt::ApplicationSuspended);
        QCOMPARE(changes.size(), 1);
    }
};

QTEST_MAIN(TestApplicationStateSource)
#include "tst_applicationstatesource.moc"
