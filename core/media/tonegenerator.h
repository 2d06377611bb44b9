// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

namespace parla::media {

// Call-progress and feedback tones as 48 kHz frames: a cadence of segments, each one or two
// sine tones or silence, played once or repeated. Phases run on across frames, and each tone
// segment fades in and out over 5 ms, so there are no clicks at frame or segment edges.
class ToneGenerator
{
public:
    struct Segment
    {
        std::chrono::milliseconds duration;
        double frequency1 = 0.0; // Hz; 0 for silence
        double frequency2 = 0.0; // Hz; 0 for a single tone
    };

    // levelDbfs is each tone's peak level (a sine at 0 dBFS touches full scale).
    ToneGenerator(std::vector<Segment> cadence, bool repeat, double levelDbfs);

    // Ringback (the far end is ringing), as ITU-T E.180 and ETSI ES 201 970 give it for most
    // of Europe: 425 Hz, 1 s on, 4 s off. North America's 440 + 480 Hz, 2 s on, 4 s off is
    // northAmericanRingback().
    static ToneGenerator ringback();
    static ToneGenerator northAmericanRingback();
    // The local ringtone for an incoming call: no standard says how a phone rings, so a soft
    // major third (C5 + E5, 523.25 + 659.25 Hz) in a double ring, 0.4 s on, 0.2 s off, 0.4 s
    // on, 2 s off, like a British telephone's rhythm.
    static ToneGenerator ringtone();
    // DTMF local feedback for a key press (0-9, *, #, A-D): the row and column pair of
    // ITU-T Q.23, once, for `duration`. nullopt for a character that is not a DTMF key.
    static std::optional<ToneGenerator> dtmf(
        char key, std::chrono::milliseconds duration = std::chrono::milliseconds(100));
    static std::optional<std::pair<double, double>> dtmfFrequencies(char key);

    // The next 20 ms; silence once a cadence played once is over.
    AudioFrame nextFrame();
    bool isFinished() const { return m_finished; }
    void reset();

private:
    double sample();
    void advance();

    std::vector<Segment> m_cadence;
    std::vector<int> m_segmentSamples;
    bool m_repeat;
    double m_amplitude;
    std::size_t m_segment = 0;
    int m_position = 0; // sample within the segment
    double m_phase1 = 0.0;
    double m_phase2 = 0.0;
    bool m_finished = false;
};

} // namespace parla::media
