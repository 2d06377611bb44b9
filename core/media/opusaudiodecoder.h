// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <vector>

struct OpusDecoder;

namespace parla::media {

// libopus's decoder for a call's audio at 48 kHz mono, with its two ways over a lost packet:
// packet loss concealment (a frame guessed from what came before) and in-band FEC (the lost
// frame rebuilt from the redundancy carried by the packet after it).
class OpusAudioDecoder
{
public:
    static constexpr int SampleRate = 48000;
    static constexpr int Channels = 1;
    static constexpr int FrameSamples = SampleRate / 50; // 20 ms
    // RFC 6716 §2: a packet holds at most 120 ms.
    static constexpr int MaxFrameSamples = SampleRate * 120 / 1000;

    OpusAudioDecoder();
    ~OpusAudioDecoder();
    OpusAudioDecoder(const OpusAudioDecoder &) = delete;
    OpusAudioDecoder &operator=(const OpusAudioDecoder &) = delete;

    bool isValid() const { return m_decoder != nullptr; }

    // Whether `packet` carries in-band FEC for the frame before it: a single 20 ms mono frame
    // coded with SILK (or hybrid) whose LBRR flag is set. False for anything else (CELT has no
    // FEC; several frames or stereo are not what Parla's peers send for FEC), so the caller
    // conceals instead of asking libopus for redundancy that is not there (it would fall back
    // to PLC silently).
    static bool carriesFec(const QByteArray &packet);

    // The samples of one packet; empty when it does not decode.
    QList<qint16> decode(const QByteArray &packet);
    // A 20 ms frame in place of a lost packet (PLC).
    QList<qint16> conceal();
    // The lost frame before `nextPacket`, from its FEC data (PLC when it carries none).
    QList<qint16> recover(const QByteArray &nextPacket);

    // The same, appended to `output` (the media thread's path: no allocation per frame once
    // `output` has grown); false, with `output` unchanged, when nothing decodes.
    bool decode(const QByteArray &packet, std::vector<std::int16_t> &output);
    bool conceal(std::vector<std::int16_t> &output);
    bool recover(const QByteArray &nextPacket, std::vector<std::int16_t> &output);

private:
    bool run(const QByteArray &packet, int frameSamples, bool fec, std::vector<std::int16_t> &output);
    QList<qint16> toList(bool decoded) const;

    std::vector<std::int16_t> m_scratch; // for the QList forms

    ::OpusDecoder *m_decoder = nullptr;
};

} // namespace parla::media
