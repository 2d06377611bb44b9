// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tonecapturesink.h"

#include "calls/audiocallmedia.h"

#include <atomic>
#include <chrono>

namespace parla::test {

// What one test phone says and hears in a call with real audio: a tone for a voice and a
// ToneCaptureSink for ears, as AudioCallMedia endpoints. The endpoints are made on the media
// thread; the test reads the ears and the timing from its own, through atomics.
class ToneVoice
{
public:
    // Speaks `speaks` Hz (after `leadIn` of silence, so that its onset can be timed), listens
    // for `hears` Hz. Forgets the ears and onset of an earlier call: call it for each phone.
    calls::AudioCallMedia::EndpointFactory factory(
        double speaks, double hears, std::chrono::milliseconds leadIn = std::chrono::milliseconds::zero());

    // The sink of the newest call, owned by its stream: read it only while the call is up.
    ToneCaptureSink *ears() const { return m_ears; }
    // From the first frame with the tone at this mouth to the first tone heard by `other`'s
    // ears, in ms; -1 when either is unknown.
    double latencyMsTo(const ToneVoice &other) const;

private:
    double m_speaks = 0.0;
    double m_hears = 0.0;
    std::chrono::milliseconds m_leadIn {};
    std::atomic<qint64> m_onsetNs { 0 }; // when the source gave its first frame with the tone
    std::atomic<ToneCaptureSink *> m_ears { nullptr };
};

} // namespace parla::test
