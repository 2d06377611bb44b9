#include "mediadescription.h"

#include "sdplimits.h"

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

} // namespace parla::media
