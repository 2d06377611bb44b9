// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdpchecks.h"

#include "sdplimits.h"

#include <QSet>

#include <algorithm>
#include <cstring>

namespace parla::media::detail {

namespace {

// Qt would also take "1.2.3" or "0x7f.1"; SDP's IP4-address is four decimal octets (RFC 4566 §9).
bool isDottedQuad(const QByteArray &text)
{
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 4)
        return false;
    for (const QByteArray &part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == '0'))
            return false;
        int value = 0;
        for (char c : part) {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        if (value > 255)
            return false;
    }
    return true;
}

std::optional<int> decimal(QByteArrayView text, int low, int high)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high || text.front() == '+' || text.front() == '-')
        return std::nullopt;
    return value;
}

std::optional<QString> checkFmtp(const QByteArray &value, const MediaDescription *media)
{
    const qsizetype space = value.indexOf(' ');
    const QByteArray format = space < 0 ? value : value.left(space);
    if (format.isEmpty())
        return QStringLiteral("a=fmtp needs a format");
    if (media && media->isRtp() && !decimal(format, 0, sdp::MaxPayloadType))
        return QStringLiteral("a=fmtp payload type must be 0-%1").arg(sdp::MaxPayloadType);
    return std::nullopt;
}

// RFC 4568 §9.1: a=crypto is a media attribute, its tag 1*9DIGIT and unique in the section.
// Bounded here; whether a line is usable (suite, key, MKI) is the offer/answer's concern, so a
// section may carry lines Parla cannot use beside one it can.
std::optional<QString> checkCrypto(const QByteArray &value, const MediaDescription *media, QSet<QByteArray> &tags)
{
    if (!media)
        return QStringLiteral("a=crypto belongs in a media section (RFC 4568 §9.1)");
    const QByteArray tag = value.left(value.indexOf(' '));
    if (tag.isEmpty() || tag.size() > 9
        || !std::all_of(tag.begin(), tag.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return QStringLiteral("a=crypto tag must be 1-9 digits");
    if (tags.contains(tag))
        return QStringLiteral("a=crypto tag %1 is used twice").arg(QString::fromLatin1(tag));
    if (tags.size() >= sdp::MaxCryptoPerMedia)
        return QStringLiteral("more than %1 a=crypto lines in a section").arg(sdp::MaxCryptoPerMedia);
    tags.insert(tag);
    return std::nullopt;
}

} // namespace

std::variant<SdpConnection, QString> parseConnection(
    const char *networkType, const char *addressType, const char *address)
{
    if (!networkType || !addressType || !address)
        return QStringLiteral("c= needs network type, address type and address");
    if (std::strcmp(networkType, "IN") != 0)
        return QStringLiteral("c= network type must be IN (RFC 4566 §5.7)");
    // oSIP leaves a multicast "/ttl/count" out of the address; be sure of it anyway.
    const QByteArray text = QByteArray(address).split('/').front();
    SdpConnection connection;
    if (std::strcmp(addressType, "IP4") == 0) {
        if (!isDottedQuad(text) || !connection.address.setAddress(QString::fromLatin1(text)))
            return QStringLiteral("c= address is not an IPv4 address (host names are not resolved)");
    } else if (std::strcmp(addressType, "IP6") == 0) {
        if (!text.contains(':') || !connection.address.setAddress(QString::fromLatin1(text))
            || connection.address.protocol() != QAbstractSocket::IPv6Protocol)
            return QStringLiteral("c= address is not an IPv6 address (host names are not resolved)");
    } else {
        return QStringLiteral("c= address type must be IP4 or IP6");
    }
    return connection;
}

std::optional<AttributeError> checkAttributes(const QList<SdpAttribute> &attributes, const MediaDescription *media)
{
    QSet<int> mapped;
    QSet<QByteArray> cryptoTags;
    bool directionSeen = false;
    bool rtcpSeen = false;
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        const SdpAttribute &attribute = attributes[i];
        if (directionFromAttribute(attribute.name)) {
            if (directionSeen)
                return AttributeError { i, QStringLiteral("more than one direction attribute in a section") };
            if (!attribute.value.isEmpty())
                return AttributeError { i, QStringLiteral("a direction attribute takes no value") };
            directionSeen = true;
        } else if (attribute.name == "ptime" || attribute.name == "maxptime") {
            // Milliseconds of audio per packet; a second is far beyond any codec's frame.
            if (!decimal(attribute.value, 1, 1000))
                return AttributeError { i,
                    QStringLiteral("a=%1 must be 1-1000 ms").arg(QString::fromLatin1(attribute.name)) };
        } else if (media && attribute.name == "rtpmap") {
            const auto map = RtpMap::parse(attribute.value);
            if (!map)
                return AttributeError { i,
                    QStringLiteral("malformed a=rtpmap (want <payload type> <encoding>/<clock rate>[/<channels>])") };
            if (mapped.contains(map->payloadType))
                return AttributeError { i,
                    QStringLiteral("second a=rtpmap for payload type %1").arg(map->payloadType) };
            mapped.insert(map->payloadType);
        } else if (media && attribute.name == "fmtp") {
            if (const auto reason = checkFmtp(attribute.value, media))
                return AttributeError { i, *reason };
        } else if (attribute.name == "rtcp") {
            // RFC 3605 §2.1: a media attribute, one per section.
            if (!media)
                return AttributeError { i, QStringLiteral("a=rtcp belongs in a media section (RFC 3605)") };
            if (rtcpSeen)
                return AttributeError { i, QStringLiteral("more than one a=rtcp in a section") };
            rtcpSeen = true;
            const auto rtcp = SdpRtcp::parse(attribute.value);
            if (const auto *reason = std::get_if<QString>(&rtcp))
                return AttributeError { i, *reason };
        } else if (attribute.name == "crypto") {
            if (const auto reason = checkCrypto(attribute.value, media, cryptoTags))
                return AttributeError { i, *reason };
        }
    }
    return std::nullopt;
}

} // namespace parla::media::detail
