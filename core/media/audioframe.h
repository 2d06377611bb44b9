// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

#include <array>
#include <chrono>
#include <cstdint>

namespace parla::media {

// The media pipeline's unit of audio: 20 ms of 16-bit mono PCM at 48 kHz. Every source gives
// and every sink takes exactly this, so codecs, files, devices and the echo canceller agree on
// one shape and nothing in between converts. 48 kHz is Opus's and PulseAudio's native rate;
// G.711 resamples at its own edge.
inline constexpr int AudioSampleRate = 48000;
inline constexpr std::chrono::milliseconds AudioFrameDuration { 20 };
inline constexpr int AudioFrameSamples = AudioSampleRate / 1000 * 20;
inline constexpr int AudioFrameBytes = AudioFrameSamples * int(sizeof(std::int16_t));

static_assert(AudioFrameSamples == 960);

using AudioFrame = std::array<std::int16_t, AudioFrameSamples>;

} // namespace parla::media

Q_DECLARE_METATYPE(parla::media::AudioFrame)
