// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "negotiatedmedia.h"
#include "sessiondescription.h"

#include <variant>

namespace parla::media {

// This side's half of RFC 3264 offer/answer for one call: writes offers (Opus preferred, then
// PCMU and PCMA, telephone-event for DTMF), answers the peer's offers, and reads the peer's
// answers to ours. It keeps the o= line so that every new description of the session bumps
// the version, and a repeated one keeps it (RFC 3264 §8).
//
// SRTP (RFC 3711, SDES keys per RFC 4568) only when the signalling is secure (wss://): the
// keys are in the SDP, which over ws:// anyone on the path reads. Then offers are RTP/SAVP with
// one a=crypto (AES_CM_128_HMAC_SHA1_80), and SAVP/SAVPF offers are answered with this side's
// key under the tag and suite taken. A plain RTP/AVP offer is still accepted over wss://: UDP
// peers (baresip, desk phones behind a gateway) offer it, and refusing would only end the call;
// NegotiatedMedia::isSecure() tells the user. Over ws:// SAVP is never offered and an offer
// with only SAVP audio gets 488. One key per call, kept across re-offers, so a repeated offer
// stays unchanged (RFC 4568 §7.1.4 allows keeping it).
class OfferAnswer
{
public:
    struct Answer
    {
        SessionDescription description;
        NegotiatedMedia media;
    };

    // `address` and `port`: where this side receives RTP. `sessionId` goes into o=.
    OfferAnswer(const QHostAddress &address, quint16 port, quint64 sessionId);

    void setLocalPort(quint16 port) { m_port = port; }
    // Whether SIP travels over TLS (wss://), so SDES keys may be sent. Before the first offer.
    void setSignallingSecure(bool secure) { m_secure = secure; }
    bool isSignallingSecure() const { return m_secure; }

    // An offer; `direction` puts the call on hold (sendonly) or takes it off (sendrecv).
    SessionDescription createOffer(Direction direction = Direction::SendRecv);
    // The peer's answer to the last offer.
    std::variant<NegotiatedMedia, NegotiationError> acceptAnswer(const SessionDescription &answer) const;
    // An answer to the peer's offer (first or re-offer). `direction` is what this side wants
    // (sendonly while it holds the call); the answer gives no more than the offer allows.
    std::variant<Answer, NegotiationError> answerOffer(
        const SessionDescription &offer, Direction direction = Direction::SendRecv);

private:
    SessionDescription describe(QList<MediaDescription> media);
    const QByteArray &localKey();

    QHostAddress m_address;
    quint16 m_port;
    quint64 m_sessionId;
    quint64 m_sessionVersion = 0;
    bool m_secure = false;
    QByteArray m_localKey; // SRTP master key || salt this side sends with; made when first needed
    std::optional<SessionDescription> m_lastWritten;
    std::optional<SessionDescription> m_lastOffer;
};

} // namespace parla::media
