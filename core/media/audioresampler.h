// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace parla::media {

// Mono PCM16 sample-rate conversion with speexdsp's resampler (a windowed-sinc filter, the
// one the jitter buffer's library ships, good enough for speech at quality 5 and cheap).
// Equal rates pass samples through untouched.
class AudioResampler
{
public:
    static constexpr int DefaultQuality = 5; // SPEEX_RESAMPLER_QUALITY_DESKTOP

    AudioResampler(int inputRate, int outputRate, int quality = DefaultQuality);
    ~AudioResampler();
    AudioResampler(const AudioResampler &) = delete;
    AudioResampler &operator=(const AudioResampler &) = delete;

    bool isValid() const { return m_passThrough || m_state; }
    // Appends the resampled input to output.
    void process(std::span<const std::int16_t> input, std::vector<std::int16_t> &output);
    // Pushes the filter's delay line out (feeds it silence), for the end of a stream.
    void flush(std::vector<std::int16_t> &output);

private:
    struct Deleter
    {
        void operator()(void *state) const;
    };

    std::unique_ptr<void, Deleter> m_state; // SpeexResamplerState, kept out of this header
    int m_inputRate;
    int m_outputRate;
    bool m_passThrough;
};

} // namespace parla::media
