// SPDX-License-Identifier: GPL-3.0-or-later
#include "callhistory.h"

#include "desktoplogging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace parla::desktop {

namespace {

// Bounds what a hostile peer's From header can make us keep.
constexpr int MaxTextLength = 512;
// The list keeps this many calls; older ones are deleted as new ones arrive.
constexpr int MaxEntries = 1000;

// Never null: Qt Sql binds a null QString as SQL NULL, which the table refuses.
QString bounded(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text.left(MaxTextLength);
}

} // namespace

CallHistory::CallHistory(QObject *parent)
    : CallHistory(defaultPath(), parent)
{
}

CallHistory::CallHistory(const QString &databasePath, QObject *parent)
    : QAbstractListModel(parent)
    , m_connectionName(QStringLiteral("parla-history-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
    open(databasePath);
}

CallHistory::~CallHistory()
{
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString CallHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.sqlite");
}

void CallHistory::open(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        qCWarning(lcDesktopApp) << "call history unavailable:" << m_error;
        return;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS calls ("
                                   " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                   " remote_uri TEXT NOT NULL, remote_name TEXT NOT NULL,"
                                   " incoming INTEGER NOT NULL, missed INTEGER NOT NULL,"
                                   " seen INTEGER NOT NULL DEFAULT 0,"
                                   " start_ms INTEGER NOT NULL, duration_s INTEGER NOT NULL,"
                                   " end_reason TEXT NOT NULL)"))) {
        m_error = query.lastError().text();
        qCWarning(lcDesktopApp) << "call history unavailable:" << m_error;
        m_db.close();
        return;
    }
    reload();
}

void CallHistory::reload()
{
    beginResetModel();
    m_entries.clear();
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("SELECT remote_uri, remote_name, incoming, missed, start_ms, duration_s, end_reason "
                              "FROM calls ORDER BY start_ms DESC, id DESC LIMIT %1")
                   .arg(MaxEntries));
    while (query.next()) {
        m_entries.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toBool(),
            query.value(3).toBool(), QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), Qt::UTC),
            query.value(5).toInt(), query.value(6).toString() });
    }
    endResetModel();
    QSqlQuery missed(m_db);
    missed.exec(QStringLiteral("SELECT COUNT(*) FROM calls WHERE missed = 1 AND seen = 0"));
    const int count = missed.next() ? missed.value(0).toInt() : 0;
    if (count != m_missedCount) {
        m_missedCount = count;
        Q_EMIT missedCountChanged();
    }
}

int CallHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant CallHistory::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RemoteNameRole:
        return entry.remoteName.isEmpty() ? entry.remoteUri : entry.remoteName;
    case RemoteUriRole:
        return entry.remoteUri;
    case IncomingRole:
        return entry.incoming;
    case MissedRole:
        return entry.missed;
    case StartRole:
        return entry.start;
    case DurationRole:
        return entry.duration;
    case EndReasonRole:
        return entry.endReason;
    }
    return {};
}

QHash<int, QByteArray> CallHistory::roleNames() const
{
    return { { RemoteUriRole, "remoteUri" }, { RemoteNameRole, "remoteName" }, { IncomingRole, "incoming" },
        { MissedRole, "missed" }, { StartRole, "start" }, { DurationRole, "duration" },
        { EndReasonRole, "endReason" } };
}

void CallHistory::record(const CallSnapshot &snapshot)
{
    if (!m_db.isOpen())
        return;
    const QDateTime start = snapshot.startTime.isValid() ? snapshot.startTime : QDateTime::currentDateTimeUtc();
    const QDateTime end = snapshot.endTime.isValid() ? snapshot.endTime : QDateTime::currentDateTimeUtc();
    const int duration = snapshot.answerTime.isValid() ? int(qMax<qint64>(0, snapshot.answerTime.secsTo(end))) : 0;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO calls (remote_uri, remote_name, incoming, missed, start_ms, "
                                 "duration_s, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(bounded(snapshot.remoteUri));
    query.addBindValue(bounded(snapshot.remoteDisplayName));
    query.addBindValue(snapshot.isIncoming() ? 1 : 0);
    query.addBindValue(snapshot.isMissed() ? 1 : 0);
    query.addBindValue(start.toMSecsSinceEpoch());
    query.addBindValue(duration);
    query.addBindValue(bounded(snapshot.endReasonText));
    if (!query.exec()) {
        qCWarning(lcDesktopApp) << "could not store a call in the history:" << query.lastError().text();
        return;
    }
    QSqlQuery trim(m_db);
    trim.exec(QStringLiteral("DELETE FROM calls WHERE id NOT IN (SELECT id FROM calls ORDER BY start_ms DESC, id DESC "
                             "LIMIT %1)")
                  .arg(MaxEntries));
    reload();
    if (snapshot.isMissed())
        Q_EMIT missedCall(snapshot.remoteDisplayName.isEmpty() ? snapshot.remoteUri : snapshot.remoteDisplayName);
}

void CallHistory::markMissedSeen()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("UPDATE calls SET seen = 1 WHERE missed = 1"));
    reload();
}

QStringList CallHistory::completions(const QString &prefix, int limit) const
{
    QStringList found;
    const QString wanted = prefix.trimmed();
    if (wanted.isEmpty())
        return found;
    for (const Entry &entry : m_entries) {
        const QString user = entry.remoteUri.section(QLatin1Char(':'), 1).section(QLatin1Char('@'), 0, 0);
        const bool matches = entry.remoteUri.startsWith(wanted, Qt::CaseInsensitive)
            || user.startsWith(wanted, Qt::CaseInsensitive) || entry.remoteName.startsWith(wanted, Qt::CaseInsensitive);
        // What is typed already is no completion.
        if (matches && entry.remoteUri != wanted && !found.contains(entry.remoteUri))
            found.append(entry.remoteUri);
        if (found.size() >= limit)
            break;
    }
    return found;
}

void CallHistory::clear()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("DELETE FROM calls"));
    reload();
}

} // namespace parla::desktop
