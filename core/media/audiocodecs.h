// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mediadescription.h"

#include <QList>

// The audio formats Parla speaks, as SDP names them.
namespace parla::media::codecs {

// RFC 7587 §4.1: Opus is always opus/48000/2 in SDP, whatever is actually sent.
constexpr int OpusClockRate = 48000;
constexpr int OpusSdpChannels = 2;
// RFC 3551 §4.5.14: G.711 samples at 8000 Hz.
constexpr int G711ClockRate = 8000;
// Dynamic payload types (RFC 3551 §3: 96-127), numbered as browsers do so traces compare.
constexpr int OpusPayloadType = 111;
constexpr int TelephoneEventPayloadType = 101; // telephone-event/8000, beside PCMU and PCMA
constexpr int TelephoneEventOpusPayloadType = 110; // telephone-event/48000, beside Opus
// RFC 4733 §3.2: DTMF digits are events 0-15, flash is 16.
constexpr const char *TelephoneEvents = "0-16";
// RFC 7587 §6.1: ask the peer for in-band forward error correction.
constexpr const char *OpusFormatParameters = "useinbandfec=1";
constexpr int PacketMilliseconds = 20;

// In order of preference: Opus, PCMU, PCMA.
QList<RtpMap> preferredCodecs();
// Whether Parla can send and receive this format; names compare case-insensitively (RFC 4566 §6).
bool isSupported(const RtpMap &format);
bool isTelephoneEvent(const RtpMap &format);
bool isOpus(const RtpMap &format);

} // namespace parla::media::codecs
