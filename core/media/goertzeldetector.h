// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

#include <cstdint>
#include <optional>
#include <span>

namespace parla::media {

// The Goertzel algorithm: the power of one frequency over a block of samples, for far less
// work than an FFT when only a few frequencies matter (tones in tests, DTMF heard as audio).
// Powers are normalised to the squared amplitude of a sine relative to full scale: a
// full-scale sine at the frequency gives 1.0, one at -20 dBFS gives 0.01.
//
// The block is not windowed: over a 20 ms frame (50 Hz bins) a tone leaks little into
// frequencies a few bins away, which is all a detector of well-separated tones needs.
class GoertzelDetector
{
public:
    explicit GoertzelDetector(double frequencyHz, int sampleRate = AudioSampleRate);

    double frequency() const { return m_frequency; }
    double power(std::span<const std::int16_t> samples) const;

    // The block's mean square on the same scale (a full-scale sine gives 0.5), so that
    // power / (2 * meanSquare) is the share of the block's energy at the frequency.
    static double meanSquare(std::span<const std::int16_t> samples);
    static double toDecibels(double power);

    // The index of the frequency that holds the most power, if that power is at least
    // minShare of the block's energy; nullopt for silence, noise or an unlisted tone.
    static std::optional<std::size_t> dominant(std::span<const std::int16_t> samples,
        std::span<const double> frequencies, double minShare = 0.5, int sampleRate = AudioSampleRate);

private:
    double m_frequency;
    double m_coefficient;
};

} // namespace parla::media
