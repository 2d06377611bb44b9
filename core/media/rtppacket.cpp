// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtppacket.h"

#include "bytereader.h"

namespace parla::media {

using namespace detail;

namespace {

ParseError error(const QString &reason)
{
    return { reason, 0, {} };
}

// RFC 5761 §4: with RTP and RTCP on one port, RTCP packet types 200-204 read as an RTP marker
// bit plus payload type 72-76; such a packet is RTCP, never audio.
constexpr int FirstRtcpLookalike = 72;
constexpr int LastRtcpLookalike = 76;
constexpr int MaxPayloadType = 127;
constexpr int MaxExtensionWords = 0xffff;

} // namespace

std::variant<RtpPacket, ParseError> RtpPacket::parse(const QByteArray &bytes)
{
    if (bytes.size() < FixedHeaderBytes)
        return error(QStringLiteral("%1 bytes is shorter than the 12-byte RTP header").arg(bytes.size()));
    const quint8 first = byteAt(bytes, 0);
    if ((first >> 6) != Version)
        return error(QStringLiteral("RTP version %1, not 2").arg(first >> 6));
    RtpPacket packet;
    const quint8 second = byteAt(bytes, 1);
    packet.marker = second & 0x80;
    packet.payloadType = second & 0x7f;
    if (packet.payloadType >= FirstRtcpLookalike && packet.payloadType <= LastRtcpLookalike)
        return error(
            QStringLiteral("payload type %1 is RTCP's range when multiplexed (RFC 5761 §4)").arg(packet.payloadType));
    packet.sequenceNumber = read16(bytes, 2);
    packet.timestamp = read32(bytes, 4);
    packet.ssrc = read32(bytes, 8);

    qsizetype offset = FixedHeaderBytes;
    const int csrcCount = first & 0x0f;
    if (offset + 4 * csrcCount > bytes.size())
        return error(QStringLiteral("%1 CSRCs do not fit in %2 bytes").arg(csrcCount).arg(bytes.size()));
    for (int i = 0; i < csrcCount; ++i, offset += 4)
        packet.csrcs.append(read32(bytes, offset));

    if (first & 0x10) {
        if (offset + 4 > bytes.size())
            return error(QStringLiteral("the extension header does not fit at byte %1").arg(offset));
        Extension extension;
        extension.profile = read16(bytes, offset);
        const qsizetype length = 4 * qsizetype(read16(bytes, offset + 2));
        offset += 4;
        if (offset + length > bytes.size())
            return error(QStringLiteral("the extension of %1 bytes runs past the packet's end").arg(length));
        extension.data = bytes.mid(offset, length);
        offset += length;
        packet.extension = extension;
    }

    qsizetype end = bytes.size();
    if (first & 0x20) {
        // RFC 3550 §5.1: the last octet counts the padding, itself included.
        packet.paddingBytes = byteAt(bytes, end - 1);
        if (packet.paddingBytes == 0)
            return error(QStringLiteral("padding bit set but the padding count is 0"));
        if (packet.paddingBytes > end - offset)
            return error(QStringLiteral("%1 bytes of padding are more than the %2 after the header")
                             .arg(packet.paddingBytes)
                             .arg(end - offset));
        end -= packet.paddingBytes;
    }
    packet.payload = bytes.mid(offset, end - offset);
    return packet;
}

QByteArray RtpPacket::toBytes() const
{
    if (csrcs.size() > MaxCsrcCount || payloadType > MaxPayloadType)
        return {};
    if (extension && (extension->data.size() % 4 != 0 || extension->data.size() / 4 > MaxExtensionWords))
        return {};
    QByteArray bytes;
    bytes.reserve(FixedHeaderBytes + 4 * csrcs.size() + payload.size() + paddingBytes + 4);
    bytes.append(char((Version << 6) | (paddingBytes ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs.size()));
    bytes.append(char((marker ? 0x80 : 0) | payloadType));
    append16(&bytes, sequenceNumber);
    append32(&bytes, timestamp);
    append32(&bytes, ssrc);
    for (quint32 csrc : csrcs)
        append32(&bytes, csrc);
    if (extension) {
        append16(&bytes, extension->profile);
        append16(&bytes, quint16(extension->data.size() / 4));
        bytes.append(extension->data);
    }
    bytes.append(payload);
    if (paddingBytes) {
        bytes.append(QByteArray(paddingBytes - 1, '\0'));
        bytes.append(char(paddingBytes));
    }
    return bytes;
}

} // namespace parla::media
