// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"
#include "audioresampler.h"
#include "mediadescription.h"
#include "opusaudiodecoder.h"
#include "opusaudioencoder.h"

#include <QByteArray>

#include <cstdint>
#include <memory>
#include <vector>

namespace parla::media {

// The codec of a call's RTP payload, between the pipeline's 48 kHz frames and the wire:
// Opus at its own 48 kHz clock, or G.711 (PCMU, PCMA) resampled to and from 8 kHz at this edge
// (audioframe.h: the pipeline has one shape). One per stream and payload type; encoder and
// decoder keep state (Opus prediction, resampler filters) across frames.
class AudioPayloadCodec
{
public:
    enum class Kind { Opus, Pcmu, Pcma };

    // Null for a format Parla does not speak (codecs::isSupported is false).
    static std::unique_ptr<AudioPayloadCodec> create(const RtpMap &format);
    ~AudioPayloadCodec();

    Kind kind() const { return m_kind; }
    int clockRate() const { return m_clockRate; }
    // RTP timestamp units per 20 ms frame: 960 for Opus, 160 for G.711.
    std::uint32_t frameSpan() const { return std::uint32_t(m_clockRate / 50); }

    // The loss the peer reports (RTCP), for Opus to spend that much on in-band FEC: libopus
    // codes none at 0%. Nothing for G.711.
    void setExpectedPacketLoss(int percent);
    // One frame encoded; empty on an encoder error.
    QByteArray encode(const AudioFrame &frame);
    // A silent frame, as sent while muted (cheap for Opus: its DTX-less silence is a few bytes).
    QByteArray encodeSilence();
    // Appends the payload's audio at 48 kHz; false when it does not decode.
    bool decode(const QByteArray &payload, std::vector<std::int16_t> &output);
    // Appends 20 ms in place of a lost frame: Opus's PLC; for G.711, silence.
    void conceal(std::vector<std::int16_t> &output);
    // Appends the lost frame before `nextPayload` rebuilt from its Opus in-band FEC; false (and
    // nothing appended) when it carries none or the codec is not Opus: conceal() then.
    bool recover(const QByteArray &nextPayload, std::vector<std::int16_t> &output);

private:
    AudioPayloadCodec(Kind kind, int clockRate);

    Kind m_kind;
    int m_clockRate;
    std::unique_ptr<OpusAudioEncoder> m_opusEncoder;
    std::unique_ptr<OpusAudioDecoder> m_opusDecoder;
    std::unique_ptr<AudioResampler> m_down; // 48 kHz -> 8 kHz, G.711 only
    std::unique_ptr<AudioResampler> m_up; // 8 kHz -> 48 kHz, G.711 only
    std::vector<std::int16_t> m_scratch;
};

} // namespace parla::media
