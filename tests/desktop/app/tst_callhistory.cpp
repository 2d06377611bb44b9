// SPDX-License-Identifier: GPL-3.0-or-later
// CallHistory: ended calls persist in SQLite across restarts, missed ones are counted until
// seen, and the dialer completes from them.
#include "callhistory.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::calls::Call;
using parla::desktop::CallHistory;
using parla::desktop::CallSnapshot;

namespace {

CallSnapshot ended(
    const QString &uri, Call::Direction direction, Call::EndReason reason, int talkedSeconds, qint64 startOffsetSeconds)
{
    CallSnapshot snapshot;
    snapshot.id = 1;
    snapshot.direction = direction;
    snapshot.state = Call::State::Ended;
    snapshot.remoteUri = uri;
    snapshot.endReason = reason;
    snapshot.endReasonText = Call::endReasonName(reason);
    snapshot.startTime = QDateTime::currentDateTimeUtc().addSecs(startOffsetSeconds);
    if (talkedSeconds > 0)
        snapshot.answerTime = snapshot.startTime.addSecs(2);
    snapshot.endTime = snapshot.startTime.addSecs(2 + talkedSeconds);
    return snapshot;
}

} // namespace

class TestCallHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void persistsAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            CallHistory history(path);
            QVERIFY2(history.isOpen(), qPrintable(history.errorString()));
            QSignalSpy missed(&history, &CallHistory::missedCall);
            history.record(ended(QStringLiteral("sip:bob@example.com"), Call::Direction::Outgoing,
                Call::EndReason::HungUpHere, 42, -100));
            history.record(ended(
                QStringLiteral("sip:carol@example.com"), Call::Direction::Incoming, Call::EndReason::Missed, 0, -50));
            QCOMPARE(history.rowCount(), 2);
            QCOMPARE(history.missedCount(), 1);
            QCOMPARE(missed.size(), 1);
            QCOMPARE(missed.at(0).at(0).toString(), QStringLiteral("sip:carol@example.com"));
        }
        CallHistory reopened(path);
        QCOMPARE(reopened.rowCount(), 2);
        QCOMPARE(reopened.missedCount(), 1);
        // Newest first.
        const QModelIndex newest = reopened.index(0);
        QCOMPARE(newest.data(CallHistory::RemoteUriRole).toString(), QStringLiteral("sip:carol@example.com"));
        QVERIFY(newest.data(CallHistory::MissedRole).toBool());
        QVERIFY(newest.data(CallHistory::IncomingRole).toBool());
        const QModelIndex older = reopened.index(1);
        QCOMPARE(older.data(CallHistory::DurationRole).toInt(), 42);
        QCOMPARE(older.data(CallHistory::EndReasonRole).toString(), QStringLiteral("hung-up-here"));
        QVERIFY(!older.data(CallHistory::IncomingRole).toBool());
    }

    void missedCallsAreCountedUntilSeen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        CallHistory history(path);
        QSignalSpy count(&history, &CallHistory::missedCountChanged);
        for (int i = 0; i < 3; ++i)
            history.record(ended(QStringLiteral("sip:carol@example.com"), Call::Direction::Incoming,
                Call::EndReason::Missed, 0, -10 * i));
        history.record(ended(
            QStringLiteral("sip:dave@example.com"), Call::Direction::Incoming, Call::EndReason::HungUpThere, 5, 0));
        QCOMPARE(history.missedCount(), 3);
        QCOMPARE(count.size(), 3);
        history.markMissedSeen();
        QCOMPARE(history.missedCount(), 0);
        QCOMPARE(CallHistory(path).missedCount(), 0); // seen is stored too
        QVERIFY(history.index(1).data(CallHistory::MissedRole).toBool()); // still marked missed
    }

    void completesFromHistory()
    {
        QTemporaryDir dir;
        CallHistory history(dir.filePath(QStringLiteral("h.sqlite")));
        history.record(ended(
            QStringLiteral("sip:bob@example.com"), Call::Direction::Outgoing, Call::EndReason::HungUpHere, 1, -30));
        history.record(ended(
            QStringLiteral("sip:bea@example.com"), Call::Direction::Incoming, Call::EndReason::HungUpThere, 1, -20));
        history.record(ended(
            QStringLiteral("sip:bob@example.com"), Call::Direction::Incoming, Call::EndReason::HungUpThere, 1, -10));
        QCOMPARE(history.completions(QStringLiteral("b")),
            QStringList({ QStringLiteral("sip:bob@example.com"), QStringLiteral("sip:bea@example.com") }));
        QCOMPARE(history.completions(QStringLiteral("sip:be")), QStringList { QStringLiteral("sip:bea@example.com") });
        QVERIFY(history.completions(QStringLiteral("x")).isEmpty());
        QVERIFY(history.completions(QString()).isEmpty());
    }

    void boundsWhatAPeerSends()
    {
        QTemporaryDir dir;
        CallHistory history(dir.filePath(QStringLiteral("h.sqlite")));
        CallSnapshot huge = ended(QStringLiteral("sip:%1@example.com").arg(QString(100000, QLatin1Char('a'))),
            Call::Direction::Incoming, Call::EndReason::Missed, 0, 0);
        history.record(huge);
        QCOMPARE(history.index(0).data(CallHistory::RemoteUriRole).toString().size(), 512);
    }

    void unwritablePathIsReported()
    {
        CallHistory history(QStringLiteral("/proc/parla-no-such-dir/history.sqlite"));
        QVERIFY(!history.isOpen());
        QVERIFY(!history.errorString().isEmpty());
        history.record(
            ended(QStringLiteral("sip:bob@example.com"), Call::Direction::Outgoing, Call::EndReason::HungUpHere, 1, 0));
        QCOMPARE(history.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCallHistory)
#include "tst_callhistory.moc"
