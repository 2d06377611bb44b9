// SPDX-License-Identifier: GPL-3.0-or-later
#include "opusaudioencoder.h"

#include "logging.h"

#include <opus/opus.h>

namespace parla::media {

OpusAudioEncoder::OpusAudioEncoder()
{
    int error = OPUS_OK;
    m_encoder = opus_encoder_create(SampleRate, Channels, OPUS_APPLICATION_VOIP, &error);
    if (error != OPUS_OK) {
        qCWarning(lcMedia) << "Opus encoder not created:" << opus_strerror(error);
        m_encoder = nullptr;
        return;
    }
    opus_encoder_ctl(m_encoder, OPUS_SET_INBAND_FEC(1));
}

OpusAudioEncoder::~OpusAudioEncoder()
{
    if (m_encoder)
        opus_encoder_destroy(m_encoder);
}

bool OpusAudioEncoder::setExpectedPacketLoss(int percent)
{
    return m_encoder && percent >= 0 && percent <= 100
        && opus_encoder_ctl(m_encoder, OPUS_SET_PACKET_LOSS_PERC(percent)) == OPUS_OK;
}

bool OpusAudioEncoder::setBitrate(int bitsPerSecond)
{
    return m_encoder && opus_encoder_ctl(m_encoder, OPUS_SET_BITRATE(bitsPerSecond)) == OPUS_OK;
}

QByteArray OpusAudioEncoder::encode(const QList<qint16> &frame)
{
    return encode(std::span<const std::int16_t>(frame.constData(), std::size_t(frame.size())));
}

QByteArray OpusAudioEncoder::encode(std::span<const std::int16_t> frame)
{
    if (!m_encoder || frame.size() != std::size_t(FrameSamples))
        return {};
    QByteArray packet(MaxPacketBytes, Qt::Uninitialized);
    const opus_int32 length = opus_encode(
        m_encoder, frame.data(), FrameSamples, reinterpret_cast<unsigned char *>(packet.data()), MaxPacketBytes);
    if (length < 0) {
        qCWarning(lcMedia) << "Opus encode failed:" << opus_strerror(length);
        return {};
    }
    packet.truncate(length);
    return packet;
}

} // namespace parla::media
