// SPDX-License-Identifier: GPL-3.0-or-later
#include "callregistry.h"

#include "callmedia.h"
#include "logging.h"
#include "sip/transactionlayer.h"

#include <QTimer>

namespace parla::calls {

using sip::SipMessage;

CallRegistry::CallRegistry(MediaFactory mediaFactory, QObject *parent)
    : QObject(parent)
    , m_mediaFactory(std::move(mediaFactory))
{
}

QList<Call *> CallRegistry::calls() const
{
    QList<Call *> live;
    for (const auto &call : m_calls) {
        if (call && !call->isEnded())
            live.append(call);
    }
    return live;
}

Call *CallRegistry::call(int id) const
{
    for (const auto &call : m_calls) {
        if (call && call->id() == id)
            return call;
    }
    return nullptr;
}

Call *CallRegistry::adopt(Call::Direction direction, sip::TransactionLayer *layer, CallMedia *media)
{
    auto *session = new sip::InviteSession(layer, m_self);
    auto *call = new Call(m_nextId++, direction, session, media, this);
    m_calls.append(call);
    connect(call, &Call::stateChanged, this, [this, call](Call::State state) { onCallStateChanged(call, state); });
    Q_EMIT callAdded(call);
    return call;
}

Call *CallRegistry::place(sip::TransactionLayer *layer, const QByteArray &uri, QString *error)
{
    if (calls().size() >= MaxCalls) {
        *error = QStringLiteral("already %1 calls at once; hang one up first").arg(MaxCalls);
        return nullptr;
    }
    CallMedia *media = m_mediaFactory();
    if (!media) {
        *error = QStringLiteral("there is no audio to call with");
        return nullptr;
    }
    Call *call = adopt(Call::Direction::Outgoing, layer, media);
    call->dial(uri);
    return call;
}

bool CallRegistry::route(sip::TransactionLayer *layer, const SipMessage &request)
{
    for (const auto &call : std::as_const(m_calls)) {
        if (call && call->session() && !call->session()->isEnded() && call->session()->owns(request)) {
            call->session()->receiveRequest(request);
            return true;
        }
    }
    if (request.method() != "INVITE" || !request.toTag().isEmpty())
        return false; // the dispatcher answers: 481 for an unknown dialog, 200 for OPTIONS, ...
    if (calls().size() >= MaxCalls) {
        layer->sendResponse(SipMessage::response(request, 486, "Busy Here"));
        return true;
    }
    CallMedia *media = m_mediaFactory();
    if (!media) {
        layer->sendResponse(SipMessage::response(request, 480, "Temporarily Unavailable"));
        return true;
    }
    Call *call = adopt(Call::Direction::Incoming, layer, media);
    if (!call->receive(request))
        return true; // refused with 488 and a reason; it never rings
    qCInfo(lcCalls).noquote() << "incoming call" << call->id() << "from" << call->remoteUri();
    Q_EMIT incomingCall(call);
    return true;
}

void CallRegistry::routeStrayResponse(const SipMessage &response)
{
    for (const auto &call : std::as_const(m_calls)) {
        if (call && call->session())
            call->session()->receiveStrayResponse(response);
    }
}

void CallRegistry::hangUpAll()
{
    for (Call *call : calls())
        call->hangUp();
}

void CallRegistry::onCallStateChanged(Call *call, Call::State state)
{
    if (state == Call::State::Active) {
        // Call waiting: the call just answered (or resumed) is the one the user talks on.
        for (Call *other : calls()) {
            if (other != call && other->state() == Call::State::Active)
                other->hold();
        }
        return;
    }
    if (state != Call::State::Ended)
        return;
    Q_EMIT callEnded(call);
    QTimer::singleShot(EndedCallLifetime, call, [this, call] {
        m_calls.removeAll(call);
        call->deleteLater();
    });
    if (calls().isEmpty())
        Q_EMIT lastCallEnded();
}

} // namespace parla::calls
