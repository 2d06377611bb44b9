// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"
#include "client/clienterror.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace parla::desktop {

// The client's life cycle for the views: the state, and a sentence that says what the client
// is doing ("Reconnecting in 4 s"). Lives on the GUI thread; attach() feeds it from the
// engine thread by queued signals. The setters are the one place its state changes, so tests
// drive it without a client.
class ClientStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString stateName READ stateName NOTIFY changed)
    Q_PROPERTY(QString text READ text NOTIFY changed)
    Q_PROPERTY(bool online READ isOnline NOTIFY changed)
    Q_PROPERTY(bool reconnecting READ isReconnecting NOTIFY changed)
    Q_PROPERTY(bool failed READ isFailed NOTIFY changed)
    Q_PROPERTY(int secondsToRetry READ secondsToRetry NOTIFY changed)
    Q_PROPERTY(QString failureReason READ failureReason NOTIFY changed)
public:
    using State = client::CallClient::State;

    explicit ClientStatus(QObject *parent = nullptr);

    // Follows `client` (on the engine thread) from now on; retryNow() reaches it.
    void attach(client::CallClient *client);

    State state() const { return m_state; }
    QString stateName() const { return client::CallClient::stateName(m_state); }
    QString text() const;
    bool isOnline() const { return m_state == State::Running; }
    bool isReconnecting() const { return m_state == State::Reconnecting; }
    bool isFailed() const { return m_state == State::Failed; }
    int secondsToRetry() const;
    // Failed: what went wrong in the user's language, then the server's own words when it
    // gave some ("the server refused to let this account sign in (403 Forbidden)").
    QString failureReason() const;
    client::ClientError error() const { return m_error; }

    // Reconnecting: try at once instead of waiting for the backoff.
    Q_INVOKABLE void retryNow();

public Q_SLOTS:
    void setState(parla::desktop::ClientStatus::State state);
    void setReconnecting(int attempt, const QDateTime &nextTry);
    void setFailed(const parla::client::ClientError &error);

Q_SIGNALS:
    void changed();
    // For the tray: the state and, when failed, the reason in words.
    void stateChanged(parla::client::CallClient::State state, const QString &reasonInWords);
    void retryRequested();

private:
    void announce();
    QString failureSentence() const;

    QPointer<client::CallClient> m_client;
    State m_state = State::Stopped;
    client::ClientError m_error;
    int m_attempt = 0;
    QDateTime m_nextTry;
    QTimer m_countdown; // ticks the "in N s" while reconnecting, idle otherwise
};

} // namespace parla::desktop
