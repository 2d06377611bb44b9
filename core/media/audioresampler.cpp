// SPDX-License-Identifier: GPL-3.0-or-later
#include "audioresampler.h"

#include <speex/speex_resampler.h>

#include <algorithm>

namespace parla::media {

void AudioResampler::Deleter::operator()(void *state) const
{
    speex_resampler_destroy(static_cast<SpeexResamplerState *>(state));
}

AudioResampler::AudioResampler(int inputRate, int outputRate, int quality)
    : m_inputRate(inputRate)
    , m_outputRate(outputRate)
    , m_passThrough(inputRate == outputRate)
{
    if (m_passThrough || inputRate <= 0 || outputRate <= 0)
        return;
    int error = 0;
    m_state.reset(speex_resampler_init(1, spx_uint32_t(inputRate), spx_uint32_t(outputRate), quality, &error));
    if (error != RESAMPLER_ERR_SUCCESS)
        m_state.reset();
    else
        speex_resampler_skip_zeros(static_cast<SpeexResamplerState *>(m_state.get()));
}

AudioResampler::~AudioResampler() = default;

void AudioResampler::process(std::span<const std::int16_t> input, std::vector<std::int16_t> &output)
{
    if (m_passThrough) {
        output.insert(output.end(), input.begin(), input.end());
        return;
    }
    if (!m_state || input.empty())
        return;
    auto *state = static_cast<SpeexResamplerState *>(m_state.get());
    // Room for all of it plus the filter's rounding; the loop copes if that is not enough.
    const std::size_t room = input.size() * std::size_t(m_outputRate) / std::size_t(m_inputRate) + 16;
    while (!input.empty()) {
        const std::size_t start = output.size();
        output.resize(start + room);
        spx_uint32_t consumed = spx_uint32_t(input.size());
        spx_uint32_t produced = spx_uint32_t(room);
        speex_resampler_process_int(state, 0, input.data(), &consumed, output.data() + start, &produced);
        output.resize(start + produced);
        if (consumed == 0 && produced == 0)
            break; // cannot happen with valid state; never spin
        input = input.subspan(consumed);
    }
}

void AudioResampler::flush(std::vector<std::int16_t> &output)
{
    if (m_passThrough || !m_state)
        return;
    const int latency = speex_resampler_get_input_latency(static_cast<SpeexResamplerState *>(m_state.get()));
    const std::vector<std::int16_t> silence(std::size_t(std::max(latency, 0)), 0);
    process(silence, output);
}

} // namespace parla::media
