// SPDX-License-Identifier: GPL-3.0-or-later
#include "tonegenerator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace parla::media {

using namespace std::chrono_literals;

namespace {

constexpr int FadeSamples = AudioSampleRate * 5 / 1000;
constexpr double TwoPi = 2.0 * std::numbers::pi;

// Levels: ringback sits well below speech; the ringtone is louder (it must be heard across
// a room); DTMF feedback is quiet, it only confirms a key press.
constexpr double RingbackDbfs = -16.0;
constexpr double RingtoneDbfs = -12.0;
constexpr double DtmfDbfs = -18.0;

} // namespace

ToneGenerator::ToneGenerator(std::vector<Segment> cadence, bool repeat, double levelDbfs)
    : m_cadence(std::move(cadence))
    , m_repeat(repeat)
    , m_amplitude(32767.0 * std::pow(10.0, levelDbfs / 20.0))
{
    for (const Segment &segment : m_cadence)
        m_segmentSamples.push_back(int(segment.duration.count() * AudioSampleRate / 1000));
    // An empty or all-zero-length cadence has nothing to play.
    m_finished = std::all_of(m_segmentSamples.begin(), m_segmentSamples.end(), [](int n) { return n <= 0; });
}

ToneGenerator ToneGenerator::ringback()
{
    return ToneGenerator({ { 1000ms, 425.0 }, { 4000ms } }, true, RingbackDbfs);
}

ToneGenerator ToneGenerator::northAmericanRingback()
{
    return ToneGenerator({ { 2000ms, 440.0, 480.0 }, { 4000ms } }, true, RingbackDbfs);
}

ToneGenerator ToneGenerator::ringtone()
{
    return ToneGenerator(
        { { 400ms, 523.25, 659.25 }, { 200ms }, { 400ms, 523.25, 659.25 }, { 2000ms } }, true, RingtoneDbfs);
}

std::optional<std::pair<double, double>> ToneGenerator::dtmfFrequencies(char key)
{
    static constexpr char Keys[4][5] = { "123A", "456B", "789C", "*0#D" };
    static constexpr double Rows[4] = { 697.0, 770.0, 852.0, 941.0 };
    static constexpr double Columns[4] = { 1209.0, 1336.0, 1477.0, 1633.0 };
    if (key >= 'a' && key <= 'd')
        key = char(key - 'a' + 'A');
    for (int row = 0; row < 4; ++row) {
        for (int column = 0; column < 4; ++column) {
            if (Keys[row][column] == key)
                return std::make_pair(Rows[row], Columns[column]);
        }
    }
    return std::nullopt;
}

std::optional<ToneGenerator> ToneGenerator::dtmf(char key, std::chrono::milliseconds duration)
{
    const auto pair = dtmfFrequencies(key);
    if (!pair)
        return std::nullopt;
    return ToneGenerator({ { duration, pair->first, pair->second } }, false, DtmfDbfs);
}

AudioFrame ToneGenerator::nextFrame()
{
    AudioFrame frame;
    for (std::int16_t &out : frame) {
        if (m_finished) {
            out = 0;
            continue;
        }
        out = std::int16_t(std::lround(std::clamp(sample(), -32768.0, 32767.0)));
        advance();
    }
    return frame;
}

void ToneGenerator::reset()
{
    m_segment = 0;
    m_position = 0;
    m_phase1 = m_phase2 = 0.0;
    m_finished = std::all_of(m_segmentSamples.begin(), m_segmentSamples.end(), [](int n) { return n <= 0; });
}

double ToneGenerator::sample()
{
    const Segment &segment = m_cadence[m_segment];
    if (segment.frequency1 <= 0.0)
        return 0.0;
    const int length = m_segmentSamples[m_segment];
    const int edge = std::min({ m_position, length - 1 - m_position, FadeSamples });
    const double envelope = edge >= FadeSamples ? 1.0 : 0.5 - 0.5 * std::cos(std::numbers::pi * edge / FadeSamples);
    double value = std::sin(m_phase1);
    m_phase1 = std::fmod(m_phase1 + TwoPi * segment.frequency1 / AudioSampleRate, TwoPi);
    if (segment.frequency2 > 0.0) {
        value += std::sin(m_phase2);
        m_phase2 = std::fmod(m_phase2 + TwoPi * segment.frequency2 / AudioSampleRate, TwoPi);
    }
    return m_amplitude * envelope * value;
}

void ToneGenerator::advance()
{
    if (++m_position < m_segmentSamples[m_segment])
        return;
    m_position = 0;
    // Skip zero-length segments; the constructor made sure at least one has samples.
    do {
        if (++m_segment == m_cadence.size()) {
            m_segment = 0;
            if (!m_repeat) {
                m_finished = true;
                return;
            }
        }
    } while (m_segmentSamples[m_segment] <= 0);
}

} // namespace parla::media
