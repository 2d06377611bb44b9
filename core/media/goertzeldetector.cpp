// SPDX-License-Identifier: GPL-3.0-or-later
#include "goertzeldetector.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace parla::media {

namespace {
constexpr double FullScale = 32768.0;
}

GoertzelDetector::GoertzelDetector(double frequencyHz, int sampleRate)
    : m_frequency(frequencyHz)
    , m_coefficient(2.0 * std::cos(2.0 * std::numbers::pi * frequencyHz / sampleRate))
{
}

double GoertzelDetector::power(std::span<const std::int16_t> samples) const
{
    if (samples.empty())
        return 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    for (const std::int16_t sample : samples) {
        const double s0 = sample / FullScale + m_coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    // |X(f)|^2 for a frequency that need not fall on a bin; a sine of amplitude A gives
    // (A * N / 2)^2, hence the scaling to A^2.
    const double magnitude2 = s1 * s1 + s2 * s2 - m_coefficient * s1 * s2;
    const double n = double(samples.size());
    return std::max(0.0, magnitude2 * 4.0 / (n * n));
}

double GoertzelDetector::meanSquare(std::span<const std::int16_t> samples)
{
    if (samples.empty())
        return 0.0;
    double sum = 0.0;
    for (const std::int16_t sample : samples)
        sum += (sample / FullScale) * (sample / FullScale);
    return sum / double(samples.size());
}

double GoertzelDetector::toDecibels(double power)
{
    return power > 0.0 ? 10.0 * std::log10(power) : -std::numeric_limits<double>::infinity();
}

std::optional<std::size_t> GoertzelDetector::dominant(
    std::span<const std::int16_t> samples, std::span<const double> frequencies, double minShare, int sampleRate)
{
    const double energy = 2.0 * meanSquare(samples);
    if (energy <= 0.0)
        return std::nullopt;
    std::optional<std::size_t> best;
    double bestPower = 0.0;
    for (std::size_t i = 0; i < frequencies.size(); ++i) {
        const double p = GoertzelDetector(frequencies[i], sampleRate).power(samples);
        if (p > bestPower) {
            bestPower = p;
            best = i;
        }
    }
    if (!best || bestPower < minShare * energy)
        return std::nullopt;
    return best;
}

} // namespace parla::media
