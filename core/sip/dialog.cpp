// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialog.h"

#include <algorithm>

namespace parla::sip {

Dialog Dialog::asCaller(const SipMessage &invite, const SipMessage &response)
{
    Dialog dialog;
    dialog.m_callId = invite.callId();
    dialog.m_localTag = invite.fromTag();
    dialog.m_remoteTag = response.toTag();
    dialog.m_localHeader = invite.header("From");
    dialog.m_remoteHeader = response.header("To");
    dialog.m_remoteTarget = response.contactUri().isEmpty() ? invite.requestUri() : response.contactUri();
    // The caller's route set is the response's Record-Route in reverse (§12.1.2).
    dialog.m_routeSet = response.headerValues("Record-Route");
    std::reverse(dialog.m_routeSet.begin(), dialog.m_routeSet.end());
    dialog.m_localCSeq = invite.cseqNumber();
    return dialog;
}

Dialog Dialog::asCallee(const SipMessage &invite, const QByteArray &localTag)
{
    Dialog dialog;
    dialog.m_callId = invite.callId();
    dialog.m_localTag = localTag;
    dialog.m_remoteTag = invite.fromTag();
    dialog.m_localHeader = invite.header("To") + ";tag=" + localTag;
    dialog.m_remoteHeader = invite.header("From");
    dialog.m_remoteTarget = invite.contactUri();
    dialog.m_routeSet = invite.headerValues("Record-Route"); // in order for the callee (§12.1.1)
    dialog.m_remoteCSeq = invite.cseqNumber();
    // Our own CSeq space starts anywhere; a random start is not needed on a fresh dialog.
    dialog.m_localCSeq = 0;
    return dialog;
}

bool Dialog::matches(const SipMessage &request) const
{
    return request.callId() == m_callId && request.toTag() == m_localTag && request.fromTag() == m_remoteTag;
}

SipMessage Dialog::build(const QByteArray &method, quint32 cseq) const
{
    SipMessage message = SipMessage::request(method, m_remoteTarget);
    message.addHeader("Max-Forwards", "70");
    message.addHeader("From", m_localHeader);
    message.addHeader("To", m_remoteHeader);
    message.addHeader("Call-ID", m_callId);
    message.addHeader("CSeq", QByteArray::number(cseq) + ' ' + method);
    for (const QByteArray &route : m_routeSet)
        message.addHeader("Route", route);
    return message;
}

SipMessage Dialog::request(const QByteArray &method)
{
    return build(method, ++m_localCSeq);
}

SipMessage Dialog::ack(quint32 inviteCSeq) const
{
    return build("ACK", inviteCSeq);
}

bool Dialog::acceptRemoteCSeq(quint32 cseq)
{
    if (m_remoteCSeq && cseq <= *m_remoteCSeq)
        return false;
    m_remoteCSeq = cseq;
    return true;
}

void Dialog::refreshTarget(const SipMessage &message)
{
    if (const QByteArray contact = message.contactUri(); !contact.isEmpty())
        m_remoteTarget = contact;
}

} // namespace parla::sip
