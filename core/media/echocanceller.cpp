// SPDX-License-Identifier: GPL-3.0-or-later
#include "echocanceller.h"

#include "logging.h"

#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

#include <algorithm>

namespace parla::media {

namespace {

constexpr int BlockSamples = AudioSampleRate / 100; // webrtc's 10 ms
static_assert(AudioFrameSamples == 2 * BlockSamples);

void setBlock(webrtc::AudioFrame &block, const std::int16_t *samples)
{
    block.sample_rate_hz_ = AudioSampleRate;
    block.num_channels_ = 1;
    block.samples_per_channel_ = BlockSamples;
    std::copy_n(samples, BlockSamples, block.data_);
}

} // namespace

void EchoCanceller::Deleter::operator()(webrtc::AudioProcessing *processing) const
{
    delete processing;
}

EchoCanceller::EchoCanceller()
    : EchoCanceller(Options {})
{
}

EchoCanceller::EchoCanceller(const Options &options)
{
    webrtc::Config config;
    config.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(true));
    config.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(true));
    m_processing.reset(webrtc::AudioProcessing::Create(config));
    if (!m_processing) {
        qCWarning(lcMedia) << "webrtc-audio-processing could not be created; audio goes through unprocessed";
        return;
    }
    const auto layout = webrtc::AudioProcessing::kMono;
    int error = m_processing->Initialize(AudioSampleRate, AudioSampleRate, AudioSampleRate, layout, layout, layout);

    webrtc::EchoCancellation *aec = m_processing->echo_cancellation();
    error |= aec->enable_drift_compensation(false);
    error |= aec->set_suppression_level(webrtc::EchoCancellation::kHighSuppression);
    error |= aec->enable_metrics(true);
    error |= aec->Enable(options.echoCancellation);

    error |= m_processing->noise_suppression()->set_level(webrtc::NoiseSuppression::kHigh);
    error |= m_processing->noise_suppression()->Enable(options.noiseSuppression);

    webrtc::GainControl *agc = m_processing->gain_control();
    error |= agc->set_mode(webrtc::GainControl::kAdaptiveDigital);
    error |= agc->set_target_level_dbfs(3);
    error |= agc->set_compression_gain_db(9);
    error |= agc->enable_limiter(true);
    error |= agc->Enable(options.gainControl);

    error |= m_processing->high_pass_filter()->Enable(options.highPassFilter);
    if (error != webrtc::AudioProcessing::kNoError) {
        qCWarning(lcMedia) << "webrtc-audio-processing refused its configuration; audio goes through unprocessed";
        m_processing.reset();
    }
}

EchoCanceller::~EchoCanceller() = default;

void EchoCanceller::playback(const AudioFrame &farEnd)
{
    if (!m_processing)
        return;
    webrtc::AudioFrame block;
    for (int offset = 0; offset < AudioFrameSamples; offset += BlockSamples) {
        setBlock(block, farEnd.data() + offset);
        m_processing->ProcessReverseStream(&block);
    }
}

void EchoCanceller::capture(AudioFrame &nearEnd)
{
    if (!m_processing)
        return;
    webrtc::AudioFrame block;
    for (int offset = 0; offset < AudioFrameSamples; offset += BlockSamples) {
        setBlock(block, nearEnd.data() + offset);
        m_processing->set_stream_delay_ms(m_delayHintMs);
        if (m_processing->ProcessStream(&block) == webrtc::AudioProcessing::kNoError)
            std::copy_n(block.data_, BlockSamples, nearEnd.data() + offset);
    }
}

std::optional<EchoCanceller::Metrics> EchoCanceller::metrics() const
{
    if (!m_processing || !m_processing->echo_cancellation()->is_enabled())
        return std::nullopt;
    webrtc::EchoCancellation::Metrics metrics;
    if (m_processing->echo_cancellation()->GetMetrics(&metrics) != webrtc::AudioProcessing::kNoError)
        return std::nullopt;
    return Metrics { double(metrics.echo_return_loss.average), double(metrics.echo_return_loss_enhancement.average) };
}

} // namespace parla::media
