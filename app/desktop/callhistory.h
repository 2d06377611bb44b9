// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callsnapshot.h"

#include <QAbstractListModel>
#include <QSqlDatabase>
#include <QtQml/qqmlregistration.h>

namespace parla::desktop {

// Every call that ended, newest first, kept in SQLite (Qt Sql, QSQLITE) in the app's data
// directory: direction, remote party, start, duration, end reason; incoming calls nobody
// answered are marked missed and counted until markMissedSeen().
class CallHistory : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int missedCount READ missedCount NOTIFY missedCountChanged)
    Q_PROPERTY(QString errorString READ errorString CONSTANT)
public:
    enum Role {
        RemoteUriRole = Qt::UserRole + 1,
        RemoteNameRole,
        IncomingRole,
        MissedRole,
        StartRole, // QDateTime
        DurationRole, // seconds
        EndReasonRole, // "the other side hung up"
    };
    Q_ENUM(Role)

    // The default database: history.sqlite in QStandardPaths::AppDataLocation.
    explicit CallHistory(QObject *parent = nullptr);
    CallHistory(const QString &databasePath, QObject *parent = nullptr);
    ~CallHistory() override;

    static QString defaultPath();
    bool isOpen() const { return m_db.isOpen(); }
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int missedCount() const { return m_missedCount; }

    // Stores an ended call (from CallsModel::callEnded).
    void record(const parla::desktop::CallSnapshot &snapshot);
    // The missed calls were looked at: the count goes back to zero (they stay marked).
    Q_INVOKABLE void markMissedSeen();
    // Addresses called or heard from that start with (or whose user starts with) `prefix`,
    // most recent first, each once, never `prefix` itself: the dialer's completion.
    Q_INVOKABLE QStringList completions(const QString &prefix, int limit = 5) const;
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void missedCountChanged();
    void missedCall(const QString &caller); // for the tray's notification

private:
    struct Entry
    {
        QString remoteUri;
        QString remoteName;
        bool incoming = false;
        bool missed = false;
        QDateTime start;
        int duration = 0;
        QString endReason;
    };
    void open(const QString &path);
    void reload();

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_error;
    QList<Entry> m_entries; // newest first
    int m_missedCount = 0;
};

} // namespace parla::desktop
