// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtcpreporter.h"

#include <QRandomGenerator>

#include <algorithm>

namespace parla::media {

namespace {
// Seconds from the NTP epoch (1900) to the Unix epoch (1970).
constexpr std::uint64_t NtpUnixOffset = 2208988800ull;
constexpr int CumulativeLostMax = 0x7fffff; // 24-bit signed field
} // namespace

RtcpReporter::RtcpReporter(std::uint32_t ssrc, QByteArray cname)
    : m_ssrc(ssrc)
    , m_cname(std::move(cname))
{
}

std::uint64_t RtcpReporter::ntpNow()
{
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(sinceEpoch).count();
    const std::uint64_t seconds = std::uint64_t(micros / 1'000'000) + NtpUnixOffset;
    const std::uint64_t fraction = (std::uint64_t(micros % 1'000'000) << 32) / 1'000'000;
    return (seconds << 32) | fraction;
}

std::chrono::milliseconds RtcpReporter::nextInterval()
{
    const double factor = 0.5 + QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(qint64(double(MinInterval.count()) * factor));
}

QByteArray RtcpReporter::report(
    const std::optional<Sending> &sending, const std::optional<Receiving> &receiving, bool bye)
{
    QList<ReportBlock> blocks;
    if (receiving && receiving->sequence && receiving->sequence->isValid()) {
        ReportBlock block;
        block.ssrc = receiving->ssrc;
        block.fractionLost = receiving->sequence->takeFractionLost();
        block.cumulativeLost
            = qint32(std::clamp<qint64>(receiving->sequence->cumulativeLost(), -CumulativeLostMax, CumulativeLostMax));
        block.extendedHighestSequence = receiving->sequence->extendedHighestSequence();
        block.jitter = receiving->jitter;
        if (m_sinceSenderReport.isValid()) {
            block.lastSenderReport = m_lastSenderReport;
            block.delaySinceLastSenderReport = quint32(m_sinceSenderReport.nsecsElapsed() * 65536 / 1'000'000'000);
        }
        blocks.append(block);
    }
    RtcpCompound compound;
    if (sending) {
        SenderReport sr;
        sr.ssrc = m_ssrc;
        sr.ntpTimestamp = ntpNow();
        sr.rtpTimestamp = sending->rtpTimestamp;
        sr.packetCount = sending->packets;
        sr.octetCount = sending->octets;
        sr.reports = blocks;
        compound.packets.append(sr);
    } else {
        compound.packets.append(ReceiverReport { m_ssrc, blocks });
    }
    compound.packets.append(SourceDescription { { { m_ssrc, m_cname } } });
    if (bye)
        compound.packets.append(Goodbye { { m_ssrc }, {} });
    return compound.toBytes();
}

void RtcpReporter::received(const RtcpCompound &compound, std::uint32_t peerSsrc)
{
    const auto readBlocks = [this](const QList<ReportBlock> &blocks) {
        for (const ReportBlock &block : blocks) {
            if (block.ssrc != m_ssrc)
                continue;
            m_peerView = PeerView { block.fractionLost / 256.0, block.jitter };
            if (block.lastSenderReport == 0)
                continue;
            // §6.4.1: A - LSR - DLSR, all in the middle 32 bits of NTP time (1/65536 s).
            const auto now = std::uint32_t(ntpNow() >> 16);
            const std::uint32_t rtt = now - block.lastSenderReport - block.delaySinceLastSenderReport;
            if (rtt < 65536u * 10) // a round trip over 10 s is a clock or a report gone wrong
                m_roundTripMs = double(rtt) * 1000.0 / 65536.0;
        }
    };
    for (const RtcpPacket &packet : compound.packets) {
        if (const auto *sr = std::get_if<SenderReport>(&packet)) {
            if (peerSsrc == 0 || sr->ssrc == peerSsrc) {
                m_lastSenderReport = std::uint32_t(sr->ntpTimestamp >> 16);
                m_sinceSenderReport.start();
            }
            readBlocks(sr->reports);
        } else if (const auto *rr = std::get_if<ReceiverReport>(&packet)) {
            readBlocks(rr->reports);
        }
    }
}

} // namespace parla::media
