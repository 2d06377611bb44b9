#pragma once

#include "negotiatedmedia.h"
#include "sessiondescription.h"

#include <variant>

namespace parla::media {

// This side's half of RFC 3264 offer/answer for one call: writes offers (Opus preferred, then
// PCMU and PCMA, telephone-event for DTMF), answers the peer's offers, and reads the peer's
// answers to ours. It keeps the o= line so that every new description of the session bumps
// the version, and a repeated one keeps it (RFC 3264 §8).
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

    QHostAddress m_address;
    quint16 m_port;
    quint64 m_sessionId;
    quint64 m_sessionVersion = 0;
    std::optional<SessionDescription> m_lastWritten;
    std::optional<SessionDescription> m_lastOffer;
};

} // namespace parla::media
