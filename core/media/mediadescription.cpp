// SPDX-License-Identifier: GPL-3.0-or-later
#include "mediadescription.h"

#include "sdpchecks.h"
#include "sdplimits.h"
#include "srtpsession.h"

#include <algorithm>
#include <array>

namespace parla::media {

namespace {

// A decimal number within [low, high], nullopt otherwise (no sign, no blanks, no overflow).
std::optional<int> boundedNumber(QByteArrayView text, int low, int high)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < low || value > high)
        return std::nullopt;
    return value;
}

// Far above any real RTP clock (video uses 90 kHz), so a typo is caught and nothing overflows.
constexpr int MaxClockRate = 1'000'000;
constexpr int MaxChannels = 255;

// RFC 4568 §6.1: lifetime is "2^" 1*2DIGIT or a decimal; SRTP's index is 48 bits (RFC 3711 §3.3.1).
bool isLifetime(const QByteArray &text)
{
    if (text.startsWith("2^"))
        return boundedNumber(text.mid(2), 1, 48).has_value() && text.size() <= 4;
    return !text.isEmpty() && text.size() <= 15
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

QByteArray directionAttribute(Direction direction)
{
    switch (direction) {
    case Direction::SendOnly:
        return "sendonly";
    case Direction::RecvOnly:
        return "recvonly";
    case Direction::Inactive:
        return "inactive";
    case Direction::SendRecv:
        break;
    }
    return "sendrecv";
}

std::optional<Direction> directionFromAttribute(const QByteArray &name)
{
    for (Direction direction : { Direction::SendRecv, Direction::SendOnly, Direction::RecvOnly, Direction::Inactive }) {
        if (name == directionAttribute(direction))
            return direction;
    }
    return std::nullopt;
}

Direction mirrored(Direction offered)
{
    switch (offered) {
    case Direction::SendOnly:
        return Direction::RecvOnly;
    case Direction::RecvOnly:
        return Direction::SendOnly;
    case Direction::Inactive:
        return Direction::Inactive;
    case Direction::SendRecv:
        break;
    }
    return Direction::SendRecv;
}

std::optional<RtpMap> RtpMap::staticPayloadType(int payloadType)
{
    struct Static
    {
        int payloadType;
        const char *name;
        int clockRate;
    };
    // RFC 3551 Table 4, audio entries still met in the field.
    constexpr std::array<Static, 7> table { { { 0, "PCMU", 8000 }, { 3, "GSM", 8000 }, { 4, "G723", 8000 },
        { 8, "PCMA", 8000 }, { 9, "G722", 8000 }, { 13, "CN", 8000 }, { 18, "G729", 8000 } } };
    for (const Static &entry : table) {
        if (entry.payloadType == payloadType)
            return RtpMap { entry.payloadType, QByteArray(entry.name), entry.clockRate, 1 };
    }
    return std::nullopt;
}

std::optional<RtpMap> RtpMap::parse(const QByteArray &value)
{
    const qsizetype space = value.indexOf(' ');
    if (space < 0)
        return std::nullopt;
    const auto payloadType = boundedNumber(value.left(space), 0, sdp::MaxPayloadType);
    const QList<QByteArray> parts = value.mid(space + 1).split('/');
    if (!payloadType || parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[0].contains(' '))
        return std::nullopt;
    const auto clockRate = boundedNumber(parts[1], 1, MaxClockRate);
    const auto channels = parts.size() == 3 ? boundedNumber(parts[2], 1, MaxChannels) : std::optional<int>(1);
    if (!clockRate || !channels)
        return std::nullopt;
    return RtpMap { *payloadType, parts[0], *clockRate, *channels };
}

QByteArray RtpMap::toAttributeValue() const
{
    QByteArray value = QByteArray::number(payloadType) + ' ' + encodingName + '/' + QByteArray::number(clockRate);
    if (channels != 1)
        value += '/' + QByteArray::number(channels);
    return value;
}

std::variant<SdpCrypto, QString> SdpCrypto::parse(const QByteArray &value)
{
    const QList<QByteArray> fields = value.split(' ');
    if (fields.size() < 3 || fields.contains(QByteArray()))
        return QStringLiteral("a=crypto needs <tag> <crypto-suite> <key-params> (RFC 4568 §9.1)");
    const auto tag = boundedNumber(fields[0], 0, 999'999'999);
    if (!tag)
        return QStringLiteral("a=crypto tag must be 1-9 digits");
    if (!SrtpSession::isSupportedSuite(fields[1]))
        return QStringLiteral("crypto suite %1 is not supported (Parla takes AES_CM_128_HMAC_SHA1_80 and _32)")
            .arg(QString::fromLatin1(fields[1].left(40)));
    if (fields.size() > 3)
        return QStringLiteral("SRTP session parameters (%1) are not supported")
            .arg(QString::fromLatin1(fields[3].left(40)));
    const QByteArray &keyParams = fields[2];
    if (keyParams.contains(';'))
        return QStringLiteral("more than one key in a=crypto is not supported");
    if (!keyParams.startsWith("inline:"))
        return QStringLiteral("a=crypto key method must be inline:");
    const QList<QByteArray> parts = keyParams.mid(7).split('|');
    if (parts.size() > 3 || (parts.size() > 1 && parts.back().contains(':')))
        return QStringLiteral("a=crypto MKI is not supported");
    if (parts.size() == 3 || (parts.size() == 2 && !isLifetime(parts[1])))
        return QStringLiteral("a=crypto lifetime must be 2^<n> or a number");
    const auto decoded = QByteArray::fromBase64Encoding(parts[0], QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != SrtpSession::KeyBytes)
        return QStringLiteral("a=crypto key must be %1 bytes (key and salt) in base64").arg(SrtpSession::KeyBytes);
    return SdpCrypto { *tag, fields[1], *decoded };
}

QByteArray SdpCrypto::toAttributeValue() const
{
    return QByteArray::number(tag) + ' ' + suite + " inline:" + key.toBase64();
}

std::variant<SdpRtcp, QString> SdpRtcp::parse(const QByteArray &value)
{
    const QList<QByteArray> fields = value.split(' ');
    const auto port = boundedNumber(fields[0], 1, 65535);
    if (!port)
        return QStringLiteral("a=rtcp port must be 1-65535 (RFC 3605)");
    SdpRtcp rtcp;
    rtcp.port = quint16(*port);
    if (fields.size() == 1)
        return rtcp;
    if (fields.size() != 4)
        return QStringLiteral("a=rtcp takes a port and optionally IN IP4|IP6 <address> (RFC 3605)");
    auto connection = detail::parseConnection(fields[1].constData(), fields[2].constData(), fields[3].constData());
    if (const auto *reason = std::get_if<QString>(&connection))
        return QStringLiteral("a=rtcp: %1").arg(QString(*reason).replace(QStringLiteral("c= "), QString()));
    rtcp.address = std::get<SdpConnection>(connection).address;
    return rtcp;
}

QByteArray SdpRtcp::toAttributeValue() const
{
    QByteArray value = QByteArray::number(port);
    if (address)
        value += (address->protocol() == QAbstractSocket::IPv6Protocol ? " IN IP6 " : " IN IP4 ")
            + address->toString().toLatin1();
    return value;
}

std::optional<SdpRtcp> MediaDescription::rtcp() const
{
    const auto value = attribute("rtcp");
    if (!value)
        return std::nullopt;
    const auto parsed = SdpRtcp::parse(*value);
    const auto *rtcp = std::get_if<SdpRtcp>(&parsed);
    if (!rtcp
        || (rtcp->address && (*rtcp->address == QHostAddress::AnyIPv4 || *rtcp->address == QHostAddress::AnyIPv6)))
        return std::nullopt;
    return *rtcp;
}

bool MediaDescription::isRtp() const
{
    // RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVP(F) (RFC 3551, 3711, 4585, 5764).
    return protocol.startsWith("RTP/") || protocol.contains("/RTP/");
}

QList<int> MediaDescription::payloadTypes() const
{
    QList<int> result;
    if (!isRtp())
        return result;
    for (const QByteArray &format : formats) {
        if (const auto payloadType = boundedNumber(format, 0, sdp::MaxPayloadType))
            result.append(*payloadType);
    }
    return result;
}

std::optional<QByteArray> MediaDescription::attribute(const QByteArray &name) const
{
    for (const SdpAttribute &attribute : attributes) {
        if (attribute.name == name)
            return attribute.value;
    }
    return std::nullopt;
}

std::optional<RtpMap> MediaDescription::rtpMap(int payloadType) const
{
    const QByteArray prefix = QByteArray::number(payloadType) + ' ';
    for (const SdpAttribute &attribute : attributes) {
        if (attribute.name == "rtpmap" && attribute.value.startsWith(prefix))
            return RtpMap::parse(attribute.value);
    }
    return RtpMap::staticPayloadType(payloadType);
}

QByteArray MediaDescription::fmtp(int payloadType) const
{
    const QByteArray prefix = QByteArray::number(payloadType) + ' ';
    for (const SdpAttribute &attribute : attributes) {
        if (attribute.name == "fmtp" && attribute.value.startsWith(prefix))
            return attribute.value.mid(prefix.size()).trimmed();
    }
    return {};
}

std::optional<Direction> MediaDescription::direction() const
{
    for (const SdpAttribute &attribute : attributes) {
        if (const auto direction = directionFromAttribute(attribute.name))
            return direction;
    }
    return std::nullopt;
}

std::optional<int> MediaDescription::ptime() const
{
    if (const auto value = attribute("ptime"))
        return boundedNumber(*value, 1, 1000);
    return std::nullopt;
}

bool MediaDescription::isSecureRtp() const
{
    return protocol == "RTP/SAVP" || protocol == "RTP/SAVPF";
}

std::variant<SdpCrypto, QString> MediaDescription::crypto() const
{
    std::optional<QString> firstReason;
    for (const SdpAttribute &attribute : attributes) {
        if (attribute.name != "crypto")
            continue;
        auto parsed = SdpCrypto::parse(attribute.value);
        if (std::holds_alternative<SdpCrypto>(parsed))
            return parsed;
        if (!firstReason)
            firstReason = std::get<QString>(parsed);
    }
    return firstReason.value_or(QStringLiteral("no a=crypto line keys the SRTP stream"));
}

} // namespace parla::media
