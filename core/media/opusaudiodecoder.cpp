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

QList<qint16> OpusAudioDecoder::run(const QByteArray &packet, int frameSamples, bool fec)
{
    if (!m_decoder)
        return {};
    QList<qint16> samples(frameSamples);
    const auto *data = packet.isEmpty() ? nullptr : reinterpret_cast<const unsigned char *>(packet.constData());
    const int decoded
        = opus_decode(m_decoder, data, opus_int32(packet.size()), samples.data(), frameSamples, fec ? 1 : 0);
    if (decoded < 0) {
        qCDebug(lcMedia) << "Opus decode failed:" << opus_strerror(decoded);
        return {};
    }
    samples.resize(decoded);
    return samples;
}

QList<qint16> OpusAudioDecoder::decode(const QByteArray &packet)
{
    if (packet.isEmpty())
        return {};
    return run(packet, MaxFrameSamples, false);
}

QList<qint16> OpusAudioDecoder::conceal()
{
    return run({}, FrameSamples, false);
}

QList<qint16> OpusAudioDecoder::recover(const QByteArray &nextPacket)
{
    // With FEC the frame size must be the lost packet's duration: 20 ms, as Parla sends.
    return run(nextPacket, FrameSamples, !nextPacket.isEmpty());
}

} // namespace parla::media
