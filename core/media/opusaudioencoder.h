// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <span>

struct OpusEncoder;

namespace parla::media {

// libopus for a call: 48 kHz mono, 20 ms frames, VoIP mode, in-band FEC on (RFC 7587 §6.1:
// what Parla's offer asks for with useinbandfec=1), so a lost packet can be rebuilt from
// the next one. The expected loss tells the encoder how much redundancy to spend; at 0% it
// spends none (libopus codes FEC only when it expects loss).
//
// No signal hint: OPUS_SIGNAL_VOICE forces SILK or hybrid coding for whatever the microphone
// gives, and for a tone or music that cost three times the CPU of the CELT coding libopus
// picks by itself (300 vs 80-110 us per frame, measured). For speech libopus's own analysis
// picks hybrid anyway, at the same cost as with the hint.
class OpusAudioEncoder
{
public:
    static constexpr int SampleRate = 48000;
    static constexpr int Channels = 1;
    static constexpr int FrameSamples = SampleRate / 50; // 20 ms
    // RFC 6716 §3.2.1: no frame is longer than 1275 bytes.
    static constexpr int MaxPacketBytes = 1275;

    OpusAudioEncoder();
    ~OpusAudioEncoder();
    OpusAudioEncoder(const OpusAudioEncoder &) = delete;
    OpusAudioEncoder &operator=(const OpusAudioEncoder &) = delete;

    bool isValid() const { return m_encoder != nullptr; }
    bool setExpectedPacketLoss(int percent); // 0-100
    bool setBitrate(int bitsPerSecond);

    // One frame of FrameSamples samples; empty on a wrong size or an encoder error.
    QByteArray encode(std::span<const std::int16_t> frame);
    QByteArray encode(const QList<qint16> &frame);

private:
    ::OpusEncoder *m_encoder = nullptr;
};

} // namespace parla::media
