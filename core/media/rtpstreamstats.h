// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

#include <cstdint>

namespace parla::media {

// One stream's figures, for a call-quality indicator and for tests. Counts run from the
// stream's creation; loss and jitter follow RFC 3550 (A.3, A.8) for the source we receive.
struct RtpStreamStats
{
    std::uint64_t packetsSent = 0;
    std::uint64_t octetsSent = 0; // payload octets, as an SR counts them
    std::uint64_t packetsReceived = 0; // accepted: right source, SSRC and payload type
    std::int64_t packetsLost = 0; // expected minus received (A.3); negative with duplicates
    double jitterMs = 0.0; // interarrival jitter
    std::uint64_t late = 0; // arrived after their time was played out
    std::uint64_t concealed = 0; // frames made up for a missing packet (Opus PLC, else silence)
    std::uint64_t fecRecovered = 0; // missing frames rebuilt from the next packet's Opus FEC
    std::uint64_t malformed = 0; // datagrams that are not RTP, or an unreadable payload
    std::uint64_t rejected = 0; // foreign sender address, SSRC or payload type
    std::uint64_t srtpRejected = 0; // SRTP that failed authentication or the replay check
    std::uint64_t dtmfReceived = 0;
    std::uint64_t rtcpSent = 0;
    std::uint64_t rtcpReceived = 0;
    std::uint64_t rtcpMalformed = 0; // refused RTCP datagrams, foreign and failed SRTCP included
    // What the peer reports about our stream in its last RTCP report block, if any.
    double remoteFractionLost = -1.0; // 0..1; -1 until reported
    double remoteJitterMs = -1.0;
    double roundTripMs = -1.0; // RFC 3550 §6.4.1 from LSR/DLSR; -1 until measured
};

} // namespace parla::media

Q_DECLARE_METATYPE(parla::media::RtpStreamStats)
