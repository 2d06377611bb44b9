// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "parseerror.h"

#include <QByteArray>
#include <QList>

#include <variant>

namespace parla::media {

// RFC 3550 §6.4.1: one report block, about one source this side receives.
struct ReportBlock
{
    quint32 ssrc = 0;
    quint8 fractionLost = 0; // fixed point, lost/expected * 256
    qint32 cumulativeLost = 0; // 24-bit signed on the wire; clamped when written
    quint32 extendedHighestSequence = 0;
    quint32 jitter = 0; // timestamp units
    quint32 lastSenderReport = 0; // middle 32 bits of the last SR's NTP timestamp
    quint32 delaySinceLastSenderReport = 0; // units of 1/65536 s

    bool operator==(const ReportBlock &) const = default;
};

struct SenderReport // PT 200
{
    quint32 ssrc = 0;
    quint64 ntpTimestamp = 0;
    quint32 rtpTimestamp = 0;
    quint32 packetCount = 0;
    quint32 octetCount = 0;
    QList<ReportBlock> reports;
    bool operator==(const SenderReport &) const = default;
};

struct ReceiverReport // PT 201
{
    quint32 ssrc = 0;
    QList<ReportBlock> reports;
    bool operator==(const ReceiverReport &) const = default;
};

// PT 202. Only CNAME is kept; the other items (NAME, EMAIL, TOOL, ...) are checked and skipped.
struct SourceDescription
{
    struct Chunk
    {
        quint32 ssrc = 0;
        QByteArray cname;
        bool operator==(const Chunk &) const = default;
    };
    QList<Chunk> chunks;
    bool operator==(const SourceDescription &) const = default;
};

struct Goodbye // PT 203
{
    QList<quint32> ssrcs;
    QByteArray reason;
    bool operator==(const Goodbye &) const = default;
};

// APP, RTPFB, PSFB, XR and others: their length was checked, their content is not read.
struct OtherRtcp
{
    quint8 packetType = 0;
    bool operator==(const OtherRtcp &) const = default;
};

using RtcpPacket = std::variant<SenderReport, ReceiverReport, SourceDescription, Goodbye, OtherRtcp>;

// A compound RTCP packet (RFC 3550 §6.1), checked as Appendix A.2 says: version 2 throughout,
// an SR or RR first, padding only in the last packet, lengths that add up to what arrived.
struct RtcpCompound
{
    static constexpr int Version = 2;
    static constexpr int MaxCount = 31; // the RC/SC field is 5 bits
    static constexpr int MaxItemBytes = 255;

    QList<RtcpPacket> packets;

    static std::variant<RtcpCompound, ParseError> parse(const QByteArray &bytes);
    // Empty when something cannot be written (more than 31 blocks, sources or chunks, a CNAME
    // or BYE reason over 255 bytes, an OtherRtcp, which carries no content to write).
    QByteArray toBytes() const;

    bool operator==(const RtcpCompound &) const = default;
};

} // namespace parla::media
