// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtcppacket.h"

#include "bytereader.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace parla::media {

using namespace detail;

namespace {

// RFC 3550 §12.1.
enum PacketType : quint8 { SR = 200, RR = 201, SDES = 202, BYE = 203 };
constexpr quint8 CnameItem = 1; // §6.5.1
constexpr qsizetype ReportBlockBytes = 24;
constexpr qsizetype SenderInfoBytes = 24; // SSRC, NTP timestamp, RTP timestamp, counts
constexpr qint32 MaxCumulativeLost = 0x7fffff; // 24-bit signed
constexpr qint32 MinCumulativeLost = -0x800000;

using Result = std::variant<RtcpPacket, QString>;

ReportBlock readBlock(const QByteArray &body, qsizetype offset)
{
    ReportBlock block;
    block.ssrc = read32(body, offset);
    block.fractionLost = byteAt(body, offset + 4);
    const quint32 lost = read32(body, offset + 4) & 0xffffff;
    block.cumulativeLost = (lost & 0x800000) ? qint32(lost) - 0x1000000 : qint32(lost); // sign-extend
    block.extendedHighestSequence = read32(body, offset + 8);
    block.jitter = read32(body, offset + 12);
    block.lastSenderReport = read32(body, offset + 16);
    block.delaySinceLastSenderReport = read32(body, offset + 20);
    return block;
}

std::optional<QString> readBlocks(const QByteArray &body, qsizetype offset, int count, QList<ReportBlock> *blocks)
{
    if (offset + count * ReportBlockBytes > body.size())
        return QStringLiteral("%1 report blocks do not fit in %2 bytes").arg(count).arg(body.size());
    for (int i = 0; i < count; ++i)
        blocks->append(readBlock(body, offset + i * ReportBlockBytes));
    return std::nullopt;
}

Result readSenderReport(const QByteArray &body, int count)
{
    if (body.size() < SenderInfoBytes)
        return QStringLiteral("a sender report needs 24 bytes of sender information");
    SenderReport report;
    report.ssrc = read32(body, 0);
    report.ntpTimestamp = (quint64(read32(body, 4)) << 32) | read32(body, 8);
    report.rtpTimestamp = read32(body, 12);
    report.packetCount = read32(body, 16);
    report.octetCount = read32(body, 20);
    if (auto error = readBlocks(body, SenderInfoBytes, count, &report.reports))
        return *error;
    return report;
}

Result readReceiverReport(const QByteArray &body, int count)
{
    if (body.size() < 4)
        return QStringLiteral("a receiver report needs its SSRC");
    ReceiverReport report;
    report.ssrc = read32(body, 0);
    if (auto error = readBlocks(body, 4, count, &report.reports))
        return *error;
    return report;
}

// RFC 3550 §6.5: chunks of SSRC then items, each list ended by null octets up to a word boundary.
Result readSourceDescription(const QByteArray &body, int count)
{
    SourceDescription description;
    qsizetype offset = 0;
    for (int i = 0; i < count; ++i) {
        if (offset + 4 > body.size())
            return QStringLiteral("SDES chunk %1 does not fit").arg(i + 1);
        SourceDescription::Chunk chunk;
        chunk.ssrc = read32(body, offset);
        offset += 4;
        while (true) {
            if (offset >= body.size())
                return QStringLiteral("SDES chunk %1 has no end item").arg(i + 1);
            const quint8 type = byteAt(body, offset);
            if (type == 0) {
                offset = (offset + 4) & ~qsizetype(3); // the null octet and the padding after it
                break;
            }
            const qsizetype length = byteAt(body, offset + 1);
            if (offset + 2 + length > body.size())
                return QStringLiteral("SDES item of %1 bytes runs past the packet").arg(length);
            if (type == CnameItem)
                chunk.cname = body.mid(offset + 2, length);
            offset += 2 + length;
        }
        description.chunks.append(chunk);
    }
    return description;
}

Result readGoodbye(const QByteArray &body, int count)
{
    if (4 * count > body.size())
        return QStringLiteral("%1 SSRCs do not fit in BYE's %2 bytes").arg(count).arg(body.size());
    Goodbye goodbye;
    for (int i = 0; i < count; ++i)
        goodbye.ssrcs.append(read32(body, 4 * i));
    const qsizetype offset = 4 * count;
    if (offset < body.size()) {
        const qsizetype length = byteAt(body, offset);
        if (offset + 1 + length > body.size())
            return QStringLiteral("BYE reason of %1 bytes runs past the packet").arg(length);
        goodbye.reason = body.mid(offset + 1, length);
    }
    return goodbye;
}

Result readPacket(quint8 type, const QByteArray &body, int count)
{
    switch (type) {
    case SR:
        return readSenderReport(body, count);
    case RR:
        return readReceiverReport(body, count);
    case SDES:
        return readSourceDescription(body, count);
    case BYE:
        return readGoodbye(body, count);
    default:
        return OtherRtcp { type };
    }
}

void appendBlocks(QByteArray *body, const QList<ReportBlock> &blocks)
{
    for (const ReportBlock &block : blocks) {
        append32(body, block.ssrc);
        const qint32 lost = std::clamp(block.cumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        append32(body, (quint32(block.fractionLost) << 24) | (quint32(lost) & 0xffffff));
        append32(body, block.extendedHighestSequence);
        append32(body, block.jitter);
        append32(body, block.lastSenderReport);
        append32(body, block.delaySinceLastSenderReport);
    }
}

void padToWord(QByteArray *body)
{
    while (body->size() % 4)
        body->append('\0');
}

// The body of one packet and its count field; nullopt when it cannot be written.
std::optional<std::pair<QByteArray, int>> writePacket(const RtcpPacket &packet, quint8 *type)
{
    QByteArray body;
    int count = 0;
    if (const auto *sr = std::get_if<SenderReport>(&packet)) {
        *type = SR;
        append32(&body, sr->ssrc);
        append32(&body, quint32(sr->ntpTimestamp >> 32));
        append32(&body, quint32(sr->ntpTimestamp));
        append32(&body, sr->rtpTimestamp);
        append32(&body, sr->packetCount);
        append32(&body, sr->octetCount);
        appendBlocks(&body, sr->reports);
        count = int(sr->reports.size());
    } else if (const auto *rr = std::get_if<ReceiverReport>(&packet)) {
        *type = RR;
        append32(&body, rr->ssrc);
        appendBlocks(&body, rr->reports);
        count = int(rr->reports.size());
    } else if (const auto *sdes = std::get_if<SourceDescription>(&packet)) {
        *type = SDES;
        for (const auto &chunk : sdes->chunks) {
            if (chunk.cname.size() > RtcpCompound::MaxItemBytes)
                return std::nullopt;
            append32(&body, chunk.ssrc);
            body.append(char(CnameItem));
            body.append(char(chunk.cname.size()));
            body.append(chunk.cname);
            body.append('\0'); // end of the item list, then padding
            padToWord(&body);
        }
        count = int(sdes->chunks.size());
    } else if (const auto *bye = std::get_if<Goodbye>(&packet)) {
        *type = BYE;
        for (quint32 ssrc : bye->ssrcs)
            append32(&body, ssrc);
        if (bye->reason.size() > RtcpCompound::MaxItemBytes)
            return std::nullopt;
        if (!bye->reason.isEmpty()) {
            body.append(char(bye->reason.size()));
            body.append(bye->reason);
            padToWord(&body);
        }
        count = int(bye->ssrcs.size());
    } else {
        return std::nullopt;
    }
    if (count > RtcpCompound::MaxCount)
        return std::nullopt;
    return std::make_pair(body, count);
}

} // namespace

std::variant<RtcpCompound, ParseError> RtcpCompound::parse(const QByteArray &bytes)
{
    const auto error = [](qsizetype offset, const QString &reason) {
        return ParseError { QStringLiteral("RTCP at byte %1: %2").arg(offset).arg(reason), 0, {} };
    };
    if (bytes.size() < 4 || bytes.size() % 4 != 0)
        return error(0, QStringLiteral("%1 bytes is not a whole number of 32-bit words").arg(bytes.size()));
    RtcpCompound compound;
    qsizetype offset = 0;
    while (offset < bytes.size()) {
        const quint8 first = byteAt(bytes, offset);
        const quint8 type = byteAt(bytes, offset + 1);
        const qsizetype length = 4 * (qsizetype(read16(bytes, offset + 2)) + 1);
        if ((first >> 6) != Version)
            return error(offset, QStringLiteral("version %1, not 2").arg(first >> 6));
        if (offset == 0 && type != SR && type != RR)
            return error(offset, QStringLiteral("a compound packet starts with SR or RR, not type %1").arg(type));
        if (offset + length > bytes.size())
            return error(
                offset, QStringLiteral("length field says %1 bytes, %2 remain").arg(length).arg(bytes.size() - offset));
        QByteArray body = bytes.mid(offset + 4, length - 4);
        if (first & 0x20) {
            if (offset + length != bytes.size())
                return error(offset, QStringLiteral("padding in a packet that is not the last"));
            const quint8 padding = byteAt(bytes, offset + length - 1);
            if (padding == 0 || padding > body.size())
                return error(offset, QStringLiteral("padding count %1 does not fit the packet").arg(padding));
            body.chop(padding);
        }
        auto packet = readPacket(type, body, first & 0x1f);
        if (const auto *reason = std::get_if<QString>(&packet))
            return error(offset, *reason);
        compound.packets.append(std::get<RtcpPacket>(std::move(packet)));
        offset += length;
    }
    return compound;
}

QByteArray RtcpCompound::toBytes() const
{
    QByteArray bytes;
    for (const RtcpPacket &packet : packets) {
        quint8 type = 0;
        const auto written = writePacket(packet, &type);
        if (!written)
            return {};
        const auto &[body, count] = *written;
        bytes.append(char((Version << 6) | count));
        bytes.append(char(type));
        append16(&bytes, quint16(body.size() / 4)); // length in words minus one, header included
        bytes.append(body);
    }
    return bytes;
}

} // namespace parla::media
