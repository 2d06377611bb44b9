// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace parla::sip {

// One dialog (RFC 3261 §12): its identifiers, both CSeq spaces, the route set and the remote
// target, and the requests sent inside it. A value type owned by its InviteSession.
class Dialog
{
public:
    // As the caller, from our INVITE and a response that carries the callee's To tag (§12.1.2).
    static Dialog asCaller(const SipMessage &invite, const SipMessage &response);
    // As the callee, from the INVITE and the To tag we give it (§12.1.1).
    static Dialog asCallee(const SipMessage &invite, const QByteArray &localTag);

    // Whether a request that arrived belongs here: Call-ID, our tag in To, theirs in From.
    bool matches(const SipMessage &request) const;
    // A new request inside the dialog with the next local CSeq, Route set and remote target.
    SipMessage request(const QByteArray &method);
    // The ACK of the 2xx to the INVITE with CSeq `inviteCSeq` (§13.2.2.4).
    SipMessage ack(quint32 inviteCSeq) const;
    // Remote CSeq must grow (§12.2.2); false for one that is lower than the last.
    bool acceptRemoteCSeq(quint32 cseq);
    // A target refresh (re-INVITE or its 2xx) may move the remote target.
    void refreshTarget(const SipMessage &message);

    const QByteArray &callId() const { return m_callId; }
    const QByteArray &localTag() const { return m_localTag; }
    const QByteArray &remoteTag() const { return m_remoteTag; }
    const QByteArray &remoteTarget() const { return m_remoteTarget; }
    const QList<QByteArray> &routeSet() const { return m_routeSet; }
    quint32 localCSeq() const { return m_localCSeq; }

private:
    SipMessage build(const QByteArray &method, quint32 cseq) const;

    QByteArray m_callId;
    QByteArray m_localTag;
    QByteArray m_remoteTag;
    QByteArray m_localHeader; // our From in our requests, with our tag
    QByteArray m_remoteHeader; // our To in our requests, with their tag
    QByteArray m_remoteTarget;
    QList<QByteArray> m_routeSet;
    quint32 m_localCSeq = 0;
    std::optional<quint32> m_remoteCSeq;
};

} // namespace parla::sip
