// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "activecall.h"
#include "callsnapshot.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace parla::client {
class CallClient;
class ClientError;
} // namespace parla::client

namespace parla::desktop {

// The calls in progress, on the GUI thread: the one the in-call view shows (current), the one
// that rings (ringing), and whether it is call waiting (it rings while another call is up).
// attach() hooks each call the moment the engine creates it, on the engine thread, and
// carries snapshots of its changes here; apply() is the one entry, so tests feed it directly.
class CallsModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QList<QObject *> calls READ callObjects NOTIFY callsChanged)
    Q_PROPERTY(int count READ count NOTIFY callsChanged)
    Q_PROPERTY(parla::desktop::ActiveCall *current READ current NOTIFY callsChanged)
    Q_PROPERTY(parla::desktop::ActiveCall *ringing READ ringing NOTIFY callsChanged)
    Q_PROPERTY(bool callWaiting READ isCallWaiting NOTIFY callsChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    explicit CallsModel(QObject *parent = nullptr);

    // Follows the calls of `client` from now on; dial() places calls through it. The engine
    // must be destroyed before this model (main() creates the models first).
    void attach(client::CallClient *client);

    QList<QObject *> callObjects() const;
    int count() const { return int(m_calls.size()); }
    ActiveCall *current() const;
    ActiveCall *ringing() const;
    bool isCallWaiting() const;
    QString lastError() const { return m_lastError; }
    ActiveCall *find(int id) const;

    // A call's new state; an ended one leaves the model (callEnded says how it ended).
    void apply(const parla::desktop::CallSnapshot &snapshot, parla::calls::Call *call = nullptr);

    // "bob", "sip:bob@example.com" or "tel:+39..." (a tel: number is dialled as its digits).
    Q_INVOKABLE void dial(const QString &address);
    static QString dialTarget(const QString &address); // what dial() passes on; empty if nothing
    // What the dialer says when the client refuses a call: in the user's language where the
    // user can act on it (too many calls), else the client's own message.
    static QString refusalText(const client::ClientError &error);

Q_SIGNALS:
    void callsChanged();
    void lastErrorChanged();
    void incomingCall(parla::desktop::ActiveCall *call);
    void callEnded(const parla::desktop::CallSnapshot &snapshot);
    void dialRequested(const QString &target);

private:
    void hook(calls::Call *call); // engine thread
    void setLastError(const QString &error);

    QPointer<client::CallClient> m_client;
    QList<ActiveCall *> m_calls; // children of this model, oldest first
    QString m_lastError;
};

} // namespace parla::desktop
