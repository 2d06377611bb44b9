// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "call.h"
#include "sip/invitesession.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace parla::sip {
class SipMessage;
class TransactionLayer;
} // namespace parla::sip

namespace parla::calls {

class CallMedia;

// Owns the calls of one client and routes what arrives for them: a new INVITE becomes an
// incoming Call, and every request of an existing call (CANCEL, ACK, BYE, re-INVITE) goes to
// its session. A second call while one is up rings as call waiting; answering it holds the
// other. At most MaxCalls at once: a flood of INVITEs gets 486 Busy Here, not more calls.
class CallRegistry : public QObject
{
    Q_OBJECT
public:
    // Makes a call's media; nullptr when there is no audio to call with.
    using MediaFactory = std::function<CallMedia *()>;
    static constexpr int MaxCalls = 4;
    // How long an ended call stays readable for observers queued to other threads.
    static constexpr std::chrono::seconds EndedCallLifetime { 10 };

    explicit CallRegistry(MediaFactory mediaFactory, QObject *parent = nullptr);

    // Who we are in calls: set when the client registers (Contact, credentials, ...).
    void setSelf(const sip::InviteSession::Self &self) { m_self = self; }

    // An outgoing call on `layer`; nullptr and `error` when it cannot be placed.
    Call *place(sip::TransactionLayer *layer, const QByteArray &uri, QString *error);
    // The UA core's owner for call requests: true when a call took the request.
    bool route(sip::TransactionLayer *layer, const sip::SipMessage &request);
    void routeStrayResponse(const sip::SipMessage &response);

    QList<Call *> calls() const; // the ones not ended
    bool hasCalls() const { return !calls().isEmpty(); }
    Call *call(int id) const;
    void hangUpAll();

Q_SIGNALS:
    void incomingCall(parla::calls::Call *call);
    void callAdded(parla::calls::Call *call);
    void callEnded(parla::calls::Call *call);
    void lastCallEnded();

private:
    Call *adopt(Call::Direction direction, sip::TransactionLayer *layer, CallMedia *media);
    void onCallStateChanged(Call *call, Call::State state);

    MediaFactory m_mediaFactory;
    sip::InviteSession::Self m_self;
    QList<QPointer<Call>> m_calls;
    int m_nextId = 1;
};

} // namespace parla::calls
