#pragma once

#include <QByteArray>
#include <QList>

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

    // The samples of one packet; empty when it does not decode.
    QList<qint16> decode(const QByteArray &packet);
    // A 20 ms frame in place of a lost packet (PLC).
    QList<qint16> conceal();
    // The lost frame before `nextPacket`, from its FEC data (PLC when it carries none).
    QList<qint16> recover(const QByteArray &nextPacket);

private:
    QList<qint16> run(const QByteArray &packet, int frameSamples, bool fec);

    ::OpusDecoder *m_decoder = nullptr;
};

} // namespace parla::media
