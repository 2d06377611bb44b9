// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdponlymedia.h"

namespace parla::test {

using media::Direction;
using media::NegotiatedMedia;
using media::NegotiationError;
using media::OfferAnswer;
using media::SessionDescription;

SdpOnlyMedia::SdpOnlyMedia(quint16 port, QObject *parent)
    : calls::CallMedia(parent)
    , m_port(port)
    , m_offerAnswer(QHostAddress::LocalHost, port, port)
{
}

QByteArray SdpOnlyMedia::createOffer(bool hold)
{
    return m_offerAnswer.createOffer(hold ? Direction::SendOnly : Direction::SendRecv).toBytes();
}

std::variant<QByteArray, QString> SdpOnlyMedia::answerOffer(const QByteArray &offer)
{
    auto parsed = SessionDescription::parse(offer);
    if (const auto *error = std::get_if<media::ParseError>(&parsed))
        return error->toString();
    auto answer = m_offerAnswer.answerOffer(std::get<SessionDescription>(parsed));
    if (const auto *error = std::get_if<NegotiationError>(&answer))
        return error->reason;
    negotiated = std::get<OfferAnswer::Answer>(answer).media;
    return std::get<OfferAnswer::Answer>(answer).description.toBytes();
}

std::optional<QString> SdpOnlyMedia::applyAnswer(const QByteArray &answer)
{
    auto parsed = SessionDescription::parse(answer);
    if (const auto *error = std::get_if<media::ParseError>(&parsed))
        return error->toString();
    auto result = m_offerAnswer.acceptAnswer(std::get<SessionDescription>(parsed));
    if (const auto *error = std::get_if<NegotiationError>(&result))
        return error->reason;
    negotiated = std::get<NegotiatedMedia>(result);
    return std::nullopt;
}

bool SdpOnlyMedia::isRemoteHolding() const
{
    return negotiated
        && (negotiated->remoteDirection == Direction::SendOnly || negotiated->remoteDirection == Direction::Inactive);
}

bool SdpOnlyMedia::sendDtmf(QChar digit)
{
    if (!negotiated || !negotiated->telephoneEvent)
        return false;
    dtmfSent += digit;
    return true;
}

} // namespace parla::test
