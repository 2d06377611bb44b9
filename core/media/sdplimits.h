// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

// What Parla accepts from a peer's SDP. Generous for every real offer seen (a browser's full
// offer with video and data is about 8 KiB and 60 attributes in its largest section), small
// enough that a hostile one costs nothing.
namespace parla::media::sdp {

constexpr std::size_t MaxBytes = 32 * 1024;
constexpr std::size_t MaxLineBytes = 1024;
// The hardening issue's hard limit: a 17th m= line is refused, not ignored.
constexpr int MaxMediaDescriptions = 16;
constexpr int MaxAttributesPerSection = 256;
constexpr int MaxBandwidthsPerSection = 8;
constexpr int MaxFormatsPerMedia = 64;
// a=crypto lines in one m= (RFC 4568): peers offer one to three suites.
constexpr int MaxCryptoPerMedia = 8;
// RFC 3551 §3: RTP payload types are 7 bits.
constexpr int MaxPayloadType = 127;
// RFC 3264 §5.1: port 0 rejects or disables a stream; 65535 is the top of a UDP port.
constexpr int MaxPort = 65535;

} // namespace parla::media::sdp
