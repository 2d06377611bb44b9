// SPDX-License-Identifier: GPL-3.0-or-later
#include "callsmodel.h"

#include "desktoplogging.h"

#include "calls/callregistry.h"
#include "client/callclient.h"

#include <QRegularExpression>

#include <memory>

using parla::calls::Call;

namespace parla::desktop {

CallsModel::CallsModel(QObject *parent)
    : QObject(parent)
{
}

void CallsModel::attach(client::CallClient *client)
{
    m_client = client;
    // No context object: runs on the engine thread as the registry creates the call, so not
    // one of its changes is missed before it is hooked.
    connect(
        client->calls(), &calls::CallRegistry::callAdded, client->calls(), [this](Call *call) { hook(call); },
        Qt::DirectConnection);
    connect(client, &client::CallClient::operationFailed, this,
        [this](const client::ClientError &error) { setLastError(refusalText(error)); });
}

void CallsModel::hook(Call *call)
{
    const QPointer<Call> pointer(call);
    const auto post = [this, pointer](const CallSnapshot &snapshot) {
        QMetaObject::invokeMethod(this, [this, pointer, snapshot] { apply(snapshot, pointer.data()); });
    };
    // The registry announces a call before dial() or receive() fills in its remote party:
    // the first snapshot is taken once that has returned to the engine's event loop, unless a
    // change (a refused INVITE ends at once) has already carried one.
    auto posted = std::make_shared<bool>(false);
    const auto changed = [call, post, posted] {
        *posted = true;
        post(CallSnapshot::of(*call));
    };
    QMetaObject::invokeMethod(
        call,
        [call, post, posted] {
            if (!*posted)
                post(CallSnapshot::of(*call));
        },
        Qt::QueuedConnection);
    connect(call, &Call::stateChanged, call, changed, Qt::DirectConnection);
    connect(call, &Call::mutedChanged, call, changed, Qt::DirectConnection);
    // Queued to this thread with a copy; the engine never waits for the GUI.
    connect(call, &Call::qualityChanged, this, [this, id = call->id()](const calls::CallQuality &quality) {
        if (ActiveCall *known = find(id))
            known->applyQuality(quality);
    });
    connect(call, &Call::operationFailed, this, &CallsModel::setLastError);
    connect(call, &Call::mediaFailed, this, &CallsModel::setLastError);
    connect(call, &Call::deviceSwitchFailed, this, [this, id = call->id()](const QString &reason) {
        if (ActiveCall *known = find(id))
            known->setDeviceError(reason);
    });
}

QList<QObject *> CallsModel::callObjects() const
{
    QList<QObject *> objects;
    for (ActiveCall *call : m_calls)
        objects.append(call);
    return objects;
}

ActiveCall *CallsModel::find(int id) const
{
    for (ActiveCall *call : m_calls) {
        if (call->callId() == id)
            return call;
    }
    return nullptr;
}

ActiveCall *CallsModel::current() const
{
    // The call being talked on (or held), else the outgoing one being placed; a call that
    // only rings belongs to the incoming-call window.
    for (ActiveCall *call : m_calls) {
        if (call->isEstablished() && !call->isHeld())
            return call;
    }
    for (ActiveCall *call : m_calls) {
        if (!call->isRinging())
            return call;
    }
    return nullptr;
}

ActiveCall *CallsModel::ringing() const
{
    for (ActiveCall *call : m_calls) {
        if (call->isRinging())
            return call;
    }
    return nullptr;
}

bool CallsModel::isCallWaiting() const
{
    const ActiveCall *rings = ringing();
    if (!rings)
        return false;
    for (ActiveCall *call : m_calls) {
        if (call != rings && !call->isRinging())
            return true;
    }
    return false;
}

void CallsModel::apply(const CallSnapshot &snapshot, Call *call)
{
    ActiveCall *known = find(snapshot.id);
    if (snapshot.state == Call::State::Ended) {
        if (known) {
            known->apply(snapshot);
            m_calls.removeOne(known);
            known->deleteLater();
            Q_EMIT callsChanged();
        }
        Q_EMIT callEnded(snapshot);
        return;
    }
    if (known) {
        known->apply(snapshot);
        Q_EMIT callsChanged(); // current and ringing may have moved
        return;
    }
    auto *added = new ActiveCall(snapshot, call, this);
    m_calls.append(added);
    Q_EMIT callsChanged();
    if (added->isRinging()) {
        qCInfo(lcDesktopApp).noquote() << "incoming call" << snapshot.id << "from" << snapshot.remoteUri;
        Q_EMIT incomingCall(added);
    }
}

QString CallsModel::dialTarget(const QString &address)
{
    QString target = address.trimmed();
    if (target.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive)) {
        // RFC 3966: keep the digits (and a leading +); visual separators go.
        target = target.mid(4).section(QLatin1Char(';'), 0, 0);
        target.remove(QRegularExpression(QStringLiteral("[-.() ]")));
    }
    return target;
}

void CallsModel::dial(const QString &address)
{
    const QString target = dialTarget(address);
    if (target.isEmpty()) {
        setLastError(tr("Type a number or an address to call"));
        return;
    }
    setLastError({});
    Q_EMIT dialRequested(target);
    if (!m_client)
        return;
    // CallClient::call() blocks for the hop to the engine thread (microseconds); the call
    // itself reaches this model through the registry's callAdded.
    if (!m_client->call(target))
        qCInfo(lcDesktopApp) << "the call was not placed";
}

QString CallsModel::refusalText(const client::ClientError &error)
{
    if (error.reason == client::ClientError::Reason::TooManyCalls)
        return tr("%n calls are already up: hang one up to call again", nullptr, calls::CallRegistry::MaxCalls);
    return error.message;
}

void CallsModel::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    Q_EMIT lastErrorChanged();
}

} // namespace parla::desktop
