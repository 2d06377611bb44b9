// SPDX-License-Identifier: GPL-3.0-or-later
#include "opusaudiodecoder.h"

#include "logging.h"

#include <opus/opus.h>

namespace parla::media {

OpusAudioDecoder::OpusAudioDecoder()
{
    int error = OPUS_OK;
    m_decoder = opus_decoder_create(SampleRate, Channels, &error);
    if (error != OPUS_OK) {
        qCWarning(lcMedia) << "Opus decoder not created:" << opus_strerror(error);
        m_decoder = nullptr;
    }
}

OpusAudioDecoder::~OpusAudioDecoder()
{
    if (m_decoder)
        opus_decoder_destroy(m_decoder);
}

bool OpusAudioDecoder::carriesFec(const QByteArray &packet)
{
    if (packet.size() < 2)
        return false;
    // RFC 6716 §3.1: the TOC byte. Configurations 0-15 are SILK-only or hybrid; s = 0 is mono;
    // c = 0 is one frame.
    const auto toc = quint8(packet[0]);
    const int configuration = toc >> 3;
    const bool stereo = toc & 0x04;
    const int frameCountCode = toc & 0x03;
    // Table 2: SILK-only configurations run 10, 20, 40, 60 ms in fours; hybrid 10, 20 in twos.
    const bool twentyMs = configuration < 12 ? configuration % 4 == 1 : configuration % 2 == 1;
    if (configuration >= 16 || stereo || frameCountCode != 0 || !twentyMs)
        return false;
    // §4.2.3: a mono 20 ms SILK frame starts with its VAD flag and then the LBRR flag, each
    // coded at probability 1/2, which the range coder (§4.1) writes as the first two bits of
    // the first byte after the TOC.
    return (quint8(packet[1]) & 0x40) != 0;
}

bool OpusAudioDecoder::run(const QByteArray &packet, int frameSamples, bool fec, std::vector<std::int16_t> &output)
{
    if (!m_decoder)
        return false;
    const std::size_t start = output.size();
    output.resize(start + std::size_t(frameSamples));
    const auto *data = packet.isEmpty() ? nullptr : reinterpret_cast<const unsigned char *>(packet.constData());
    const int decoded
        = opus_decode(m_decoder, data, opus_int32(packet.size()), output.data() + start, frameSamples, fec ? 1 : 0);
    if (decoded < 0) {
        output.resize(start);
        qCDebug(lcMedia) << "Opus decode failed:" << opus_strerror(decoded);
        return false;
    }
    output.resize(start + std::size_t(decoded));
    return true;
}

bool OpusAudioDecoder::decode(const QByteArray &packet, std::vector<std::int16_t> &output)
{
    return !packet.isEmpty() && run(packet, MaxFrameSamples, false, output);
}

bool OpusAudioDecoder::conceal(std::vector<std::int16_t> &output)
{
    return run({}, FrameSamples, false, output);
}

bool OpusAudioDecoder::recover(const QByteArray &nextPacket, std::vector<std::int16_t> &output)
{
    // With FEC the frame size must be the lost packet's duration: 20 ms, as Parla sends.
    return run(nextPacket, FrameSamples, !nextPacket.isEmpty(), output);
}

QList<qint16> OpusAudioDecoder::toList(bool decoded) const
{
    return decoded ? QList<qint16>(m_scratch.begin(), m_scratch.end()) : QList<qint16>();
}

QList<qint16> OpusAudioDecoder::decode(const QByteArray &packet)
{
    m_scratch.clear();
    return toList(decode(packet, m_scratch));
}

QList<qint16> OpusAudioDecoder::conceal()
{
    m_scratch.clear();
    return toList(conceal(m_scratch));
}

QList<qint16> OpusAudioDecoder::recover(const QByteArray &nextPacket)
{
    m_scratch.clear();
    return toList(recover(nextPacket, m_scratch));
}

} // namespace parla::media
