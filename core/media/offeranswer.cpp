// SPDX-License-Identifier: GPL-3.0-or-later
#include "offeranswer.h"

#include "audiocodecs.h"
#include "logging.h"
#include "srtpsession.h"

namespace parla::media {

namespace {

bool allowsSend(Direction direction)
{
    return direction == Direction::SendRecv || direction == Direction::SendOnly;
}

bool allowsReceive(Direction direction)
{
    return direction == Direction::SendRecv || direction == Direction::RecvOnly;
}

Direction fromFlags(bool send, bool receive)
{
    if (send)
        return receive ? Direction::SendRecv : Direction::SendOnly;
    return receive ? Direction::RecvOnly : Direction::Inactive;
}

// What this side may do given what the peer allows and what this side wants (RFC 3264 §6.1).
Direction intersect(Direction allowed, Direction wanted)
{
    return fromFlags(allowsSend(allowed) && allowsSend(wanted), allowsReceive(allowed) && allowsReceive(wanted));
}

// RFC 3264 §8.4: c=0.0.0.0 is the RFC 2543 way of saying "send me nothing" (hold).
Direction effectiveDirection(const SessionDescription &description, qsizetype index)
{
    const Direction written = description.direction(index);
    const auto connection = description.connectionOf(index);
    if (connection && connection->address == QHostAddress::AnyIPv4)
        return fromFlags(allowsSend(written), false);
    return written;
}

// Plain RTP; RTP/AVPF (RFC 4585) is RTP/AVP plus feedback that may go unused.
bool isPlainRtp(const QByteArray &protocol)
{
    return protocol == "RTP/AVP" || protocol == "RTP/AVPF";
}

constexpr int OfferedCryptoTag = 1;

// Whether this side can take an audio section, and why not.
std::optional<QString> unusable(const MediaDescription &audio, bool secure)
{
    if (isPlainRtp(audio.protocol))
        return std::nullopt;
    if (!audio.isSecureRtp())
        return QStringLiteral("audio over %1 is not supported (RTP/AVP, and RTP/SAVP over wss://)")
            .arg(QString::fromLatin1(audio.protocol));
    if (!secure)
        return QStringLiteral("SRTP is refused over ws://: its keys would travel in clear; call over wss://");
    const auto crypto = audio.crypto();
    if (const auto *reason = std::get_if<QString>(&crypto))
        return QStringLiteral("no usable SRTP key: %1").arg(*reason);
    return std::nullopt;
}

MediaDescription audioSection(quint16 port, const QByteArray &protocol, const QList<RtpMap> &formats,
    Direction direction, const std::optional<SdpCrypto> &crypto = std::nullopt)
{
    MediaDescription section;
    section.media = "audio";
    section.port = port;
    section.protocol = protocol;
    for (const RtpMap &format : formats) {
        section.formats.append(QByteArray::number(format.payloadType));
        section.attributes.append({ "rtpmap", format.toAttributeValue() });
        if (codecs::isOpus(format))
            section.attributes.append({ "fmtp", section.formats.back() + ' ' + codecs::OpusFormatParameters });
        else if (codecs::isTelephoneEvent(format))
            section.attributes.append({ "fmtp", section.formats.back() + ' ' + codecs::TelephoneEvents });
    }
    if (crypto)
        section.attributes.append({ "crypto", crypto->toAttributeValue() });
    section.attributes.append({ "ptime", QByteArray::number(codecs::PacketMilliseconds) });
    section.attributes.append({ directionAttribute(direction), {} });
    return section;
}

// RFC 3264 §6: a stream the answerer does not take is answered with port 0 and the same formats.
MediaDescription rejected(const MediaDescription &offered)
{
    MediaDescription section;
    section.media = offered.media;
    section.protocol = offered.protocol;
    section.formats = offered.formats;
    return section;
}

std::optional<RtpMap> firstSupported(const MediaDescription &media, const MediaDescription *offer = nullptr)
{
    for (int payloadType : media.payloadTypes()) {
        auto format = media.rtpMap(payloadType);
        if (!format && offer)
            format = offer->rtpMap(payloadType);
        if (format && codecs::isSupported(*format) && (!offer || offer->rtpMap(payloadType) == format))
            return format;
    }
    return std::nullopt;
}

// RFC 4733 §2.1: telephone-event should run at the clock of the audio beside it; take another
// rate when that is all there is (baresip offers telephone-event/8000 beside Opus).
std::optional<RtpMap> telephoneEvent(const MediaDescription &media, int clockRate)
{
    std::optional<RtpMap> any;
    for (int payloadType : media.payloadTypes()) {
        const auto format = media.rtpMap(payloadType);
        if (!format || !codecs::isTelephoneEvent(*format))
            continue;
        if (format->clockRate == clockRate)
            return format;
        if (!any)
            any = format;
    }
    return any;
}

NegotiatedMedia negotiated(const SessionDescription &remote, qsizetype index, const RtpMap &codec,
    const std::optional<RtpMap> &events, Direction wanted, std::optional<SrtpKeys> srtp)
{
    const MediaDescription &media = remote.media[index];
    NegotiatedMedia result;
    result.mediaIndex = index;
    result.codec = codec;
    result.telephoneEvent = events;
    result.remoteAddress = remote.connectionOf(index)->address;
    result.remotePort = quint16(media.port);
    const std::optional<SdpRtcp> rtcp = media.rtcp();
    result.remoteRtcpAddress = rtcp && rtcp->address ? *rtcp->address : result.remoteAddress;
    result.remoteRtcpPort = rtcp ? rtcp->port : quint16(media.port + 1);
    result.remoteDirection = effectiveDirection(remote, index);
    result.localDirection = intersect(mirrored(result.remoteDirection), wanted);
    result.ptime = media.ptime().value_or(codecs::PacketMilliseconds);
    result.remoteWantsFec = codecs::isOpus(codec) && media.fmtp(codec.payloadType).contains("useinbandfec=1");
    result.srtp = std::move(srtp);
    // The suite only: keys are never logged.
    qCDebug(lcMedia) << "negotiated" << codec.encodingName << codec.payloadType << "with"
                     << result.remoteAddress.toString() << result.remotePort << "sending" << result.sends()
                     << "receiving" << result.receives() << "SRTP"
                     << (result.srtp ? result.srtp->suite : QByteArray("none"));
    return result;
}

} // namespace

OfferAnswer::OfferAnswer(const QHostAddress &address, quint16 port, quint64 sessionId)
    : m_address(address)
    , m_port(port)
    , m_sessionId(sessionId)
{
}

SessionDescription OfferAnswer::describe(QList<MediaDescription> media)
{
    SessionDescription description;
    description.origin.sessionId = QByteArray::number(m_sessionId);
    description.origin.addressType = m_address.protocol() == QAbstractSocket::IPv6Protocol ? "IP6" : "IP4";
    description.origin.address = m_address.toString().toLatin1();
    description.connection = SdpConnection { m_address };
    description.media = std::move(media);
    // RFC 3264 §8: a changed description carries the next version; an unchanged one its old one.
    if (m_lastWritten) {
        description.origin.sessionVersion = m_lastWritten->origin.sessionVersion;
        if (description == *m_lastWritten)
            return description;
    }
    description.origin.sessionVersion = QByteArray::number(++m_sessionVersion);
    m_lastWritten = description;
    return description;
}

const QByteArray &OfferAnswer::localKey()
{
    if (m_localKey.isEmpty())
        m_localKey = SrtpSession::randomKey();
    return m_localKey;
}

SessionDescription OfferAnswer::createOffer(Direction direction)
{
    QList<RtpMap> formats = codecs::preferredCodecs();
    formats.append({ codecs::TelephoneEventOpusPayloadType, "telephone-event", codecs::OpusClockRate, 1 });
    formats.append({ codecs::TelephoneEventPayloadType, "telephone-event", codecs::G711ClockRate, 1 });
    std::optional<SdpCrypto> crypto;
    if (m_secure)
        crypto = SdpCrypto { OfferedCryptoTag, SrtpSession::Suite80.toByteArray(), localKey() };
    m_lastOffer = describe({ audioSection(m_port, m_secure ? "RTP/SAVP" : "RTP/AVP", formats, direction, crypto) });
    return *m_lastOffer;
}

std::variant<NegotiatedMedia, NegotiationError> OfferAnswer::acceptAnswer(const SessionDescription &answer) const
{
    if (!m_lastOffer)
        return NegotiationError { QStringLiteral("an answer arrived but no offer was made") };
    if (answer.media.size() != m_lastOffer->media.size())
        return NegotiationError { QStringLiteral("the answer has %1 m= lines, the offer had %2 (RFC 3264 §6)")
                                      .arg(answer.media.size())
                                      .arg(m_lastOffer->media.size()) };
    const MediaDescription &offered = m_lastOffer->media.front();
    const MediaDescription &media = answer.media.front();
    if (media.port == 0)
        return NegotiationError { QStringLiteral("the peer rejected the audio stream (port 0)") };
    if (media.media != offered.media || media.protocol != offered.protocol)
        return NegotiationError { QStringLiteral("the answer changed the stream to %1 %2")
                                      .arg(QString::fromLatin1(media.media), QString::fromLatin1(media.protocol)) };
    const auto codec = firstSupported(media, &offered);
    if (!codec)
        return NegotiationError { QStringLiteral("the answer holds no codec of the offer") };
    auto events = telephoneEvent(media, codec->clockRate);
    if (events && offered.rtpMap(events->payloadType) != events)
        events.reset(); // not offered, so not understood by the peer the same way
    std::optional<SrtpKeys> srtp;
    if (offered.isSecureRtp()) {
        // RFC 4568 §7.1.3: the answer takes one of the offer's lines, by tag and suite.
        const auto crypto = media.crypto();
        if (const auto *reason = std::get_if<QString>(&crypto))
            return NegotiationError { QStringLiteral("the answer has no usable SRTP key: %1").arg(*reason) };
        const auto &taken = std::get<SdpCrypto>(crypto);
        const auto ours = offered.crypto();
        if (taken.tag != OfferedCryptoTag || taken.suite != std::get<SdpCrypto>(ours).suite)
            return NegotiationError {
                QStringLiteral("the answer's a=crypto tag %1 does not match the offer's").arg(taken.tag)
            };
        srtp = SrtpKeys { taken.suite, std::get<SdpCrypto>(ours).key, taken.key };
    }
    return negotiated(answer, 0, *codec, events, m_lastOffer->direction(0), std::move(srtp));
}

std::variant<OfferAnswer::Answer, NegotiationError> OfferAnswer::answerOffer(
    const SessionDescription &offer, Direction direction)
{
    // The first active audio this side can take; SRTP before plain RTP when signalling is secure.
    std::optional<qsizetype> found;
    std::optional<QString> refusal;
    for (qsizetype i = 0; i < offer.media.size(); ++i) {
        const MediaDescription &section = offer.media[i];
        if (section.media != "audio" || section.port == 0)
            continue;
        if (const auto reason = unusable(section, m_secure)) {
            refusal = refusal.value_or(*reason);
            continue;
        }
        if (!found || (section.isSecureRtp() && !offer.media[*found].isSecureRtp()))
            found = i;
    }
    if (!found)
        return NegotiationError { refusal.value_or(QStringLiteral("the offer has no active audio stream")) };
    const qsizetype index = *found;
    const MediaDescription &audio = offer.media[index];
    const auto codec = firstSupported(audio);
    if (!codec)
        return NegotiationError { QStringLiteral("no common codec: the offer has %1, Parla speaks Opus, PCMU and PCMA")
                                      .arg(QString::fromLatin1(audio.formats.join(' '))) };
    if (!offer.connectionOf(index))
        return NegotiationError { QStringLiteral("the offer gives no address for its audio") };
    const auto events = telephoneEvent(audio, codec->clockRate);
    std::optional<SdpCrypto> crypto;
    std::optional<SrtpKeys> srtp;
    if (audio.isSecureRtp()) {
        const SdpCrypto taken = std::get<SdpCrypto>(audio.crypto());
        crypto = SdpCrypto { taken.tag, taken.suite, localKey() };
        srtp = SrtpKeys { taken.suite, localKey(), taken.key };
    }

    Answer answer;
    answer.media = negotiated(offer, index, *codec, events, direction, std::move(srtp));
    QList<MediaDescription> sections;
    for (qsizetype i = 0; i < offer.media.size(); ++i) {
        if (i != index) {
            sections.append(rejected(offer.media[i]));
            continue;
        }
        QList<RtpMap> formats { *codec };
        if (events)
            formats.append(*events);
        sections.append(audioSection(m_port, audio.protocol, formats, answer.media.localDirection, crypto));
    }
    answer.description = describe(std::move(sections));
    return answer;
}

} // namespace parla::media
