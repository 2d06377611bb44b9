// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rtcppacket.h"
#include "rtpsequence.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <chrono>
#include <cstdint>
#include <optional>

namespace parla::media {

// The RTCP half of one stream (RFC 3550 §6): writes our compound reports (an SR while we
// send, else an RR; a report block about the source we receive; SDES CNAME, which every
// compound must carry; BYE at the end), and reads the peer's for the round trip (§6.4.1:
// now - LSR - DLSR) and what it says of our stream. Pure logic with a monotonic clock; the
// stream owns the socket and the timer.
class RtcpReporter
{
public:
    static constexpr std::chrono::milliseconds MinInterval { 5000 }; // §6.2, the fixed minimum

    struct Sending
    {
        std::uint32_t rtpTimestamp = 0; // the stream's timestamp now
        std::uint32_t packets = 0;
        std::uint32_t octets = 0;
    };
    struct Receiving
    {
        std::uint32_t ssrc = 0;
        RtpSequence *sequence = nullptr; // its fraction lost is taken (reset) per report
        std::uint32_t jitter = 0;
    };
    struct PeerView // what the peer's last report block said about us
    {
        double fractionLost = 0.0;
        std::uint32_t jitter = 0; // timestamp units
    };

    RtcpReporter(std::uint32_t ssrc, QByteArray cname);

    // A compound to send now. `sending` when we sent RTP since the last report.
    QByteArray report(const std::optional<Sending> &sending, const std::optional<Receiving> &receiving, bool bye);
    // A compound from the peer, whose RTP SSRC is `peerSsrc` (0 if not known yet).
    void received(const RtcpCompound &compound, std::uint32_t peerSsrc);

    std::optional<PeerView> peerView() const { return m_peerView; }
    std::optional<double> roundTripMs() const { return m_roundTripMs; }
    // The next interval: the minimum, randomised over [0.5, 1.5] (§6.3.5) so peers that
    // started together do not report in lockstep.
    static std::chrono::milliseconds nextInterval();

private:
    static std::uint64_t ntpNow();

    std::uint32_t m_ssrc;
    QByteArray m_cname;
    std::uint32_t m_lastSenderReport = 0; // middle 32 bits of the peer's last SR's NTP time
    QElapsedTimer m_sinceSenderReport;
    std::optional<PeerView> m_peerView;
    std::optional<double> m_roundTripMs;
};

} // namespace parla::media
