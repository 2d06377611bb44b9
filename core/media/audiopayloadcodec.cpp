// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiopayloadcodec.h"

#include "audiocodecs.h"
#include "g711.h"

#include <algorithm>

namespace parla::media {

std::unique_ptr<AudioPayloadCodec> AudioPayloadCodec::create(const RtpMap &format)
{
    if (!codecs::isSupported(format))
        return nullptr;
    std::unique_ptr<AudioPayloadCodec> codec;
    if (codecs::isOpus(format)) {
        codec.reset(new AudioPayloadCodec(Kind::Opus, codecs::OpusClockRate));
        codec->m_opusEncoder = std::make_unique<OpusAudioEncoder>();
        codec->m_opusDecoder = std::make_unique<OpusAudioDecoder>();
        if (!codec->m_opusEncoder->isValid() || !codec->m_opusDecoder->isValid())
            return nullptr;
        return codec;
    }
    const bool muLaw = format.encodingName.compare("PCMU", Qt::CaseInsensitive) == 0;
    codec.reset(new AudioPayloadCodec(muLaw ? Kind::Pcmu : Kind::Pcma, codecs::G711ClockRate));
    codec->m_down = std::make_unique<AudioResampler>(AudioSampleRate, codecs::G711ClockRate);
    codec->m_up = std::make_unique<AudioResampler>(codecs::G711ClockRate, AudioSampleRate);
    if (!codec->m_down->isValid() || !codec->m_up->isValid())
        return nullptr;
    return codec;
}

AudioPayloadCodec::AudioPayloadCodec(Kind kind, int clockRate)
    : m_kind(kind)
    , m_clockRate(clockRate)
{
}

AudioPayloadCodec::~AudioPayloadCodec() = default;

void AudioPayloadCodec::setExpectedPacketLoss(int percent)
{
    if (m_opusEncoder)
        m_opusEncoder->setExpectedPacketLoss(std::clamp(percent, 0, 100));
}

QByteArray AudioPayloadCodec::encode(const AudioFrame &frame)
{
    if (m_kind == Kind::Opus)
        return m_opusEncoder->encode(frame);
    m_scratch.clear();
    m_down->process(frame, m_scratch);
    const QList<qint16> samples(m_scratch.begin(), m_scratch.end());
    return m_kind == Kind::Pcmu ? g711::encodeMuLaw(samples) : g711::encodeALaw(samples);
}

QByteArray AudioPayloadCodec::encodeSilence()
{
    return encode(AudioFrame {});
}

bool AudioPayloadCodec::decode(const QByteArray &payload, std::vector<std::int16_t> &output)
{
    if (m_kind == Kind::Opus)
        return m_opusDecoder->decode(payload, output);
    if (payload.isEmpty())
        return false;
    const QList<qint16> samples = m_kind == Kind::Pcmu ? g711::decodeMuLaw(payload) : g711::decodeALaw(payload);
    m_up->process(std::span<const std::int16_t>(samples.constData(), std::size_t(samples.size())), output);
    return true;
}

void AudioPayloadCodec::conceal(std::vector<std::int16_t> &output)
{
    if (m_kind == Kind::Opus && m_opusDecoder->conceal(output))
        return;
    output.insert(output.end(), AudioFrameSamples, 0);
}

bool AudioPayloadCodec::recover(const QByteArray &nextPayload, std::vector<std::int16_t> &output)
{
    if (m_kind != Kind::Opus || !OpusAudioDecoder::carriesFec(nextPayload))
        return false;
    const std::size_t before = output.size();
    if (!m_opusDecoder->recover(nextPayload, output))
        return false;
    if (output.size() - before == std::size_t(AudioFrameSamples))
        return true;
    output.resize(before); // not the 20 ms that was lost: conceal instead
    return false;
}

} // namespace parla::media
