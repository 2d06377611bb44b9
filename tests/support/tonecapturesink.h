// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/audiosink.h"
#include "media/goertzeldetector.h"

#include <QElapsedTimer>

#include <atomic>
#include <chrono>

namespace parla::test {

// A sink for audio tests: tells, frame by frame, whether it hears one tone (Goertzel at the
// frequency, with little at neighbours 30% below and above, so broadband noise or another tone
// does not count) or silence, and keeps the runs of each. Counters are atomic: the sink lives
// on the media thread, the test reads from its own. Header-only and without Q_OBJECT (it adds
// no signals), so any test links it.
class ToneCaptureSink : public media::AudioSink
{
public:
    static constexpr double MinPower = 0.005; // a tone at about -23 dBFS or louder
    static constexpr double MinRatio = 10.0; // 10 dB above the neighbours
    static constexpr double SilenceMeanSquare = 1e-6; // about -60 dBFS

    explicit ToneCaptureSink(double frequency, QObject *parent = nullptr)
        : media::AudioSink(parent)
        , m_tone(frequency)
        , m_below(frequency * 0.7)
        , m_above(frequency * 1.3)
    {
    }

    void start() override { m_active = true; }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

    void write(const media::AudioFrame &frame) override
    {
        ++frames;
        const double power = m_tone.power(frame);
        const double neighbours = std::max(m_below.power(frame), m_above.power(frame));
        if (power > MinPower && power > MinRatio * neighbours) {
            if (toneRun.fetch_add(1) + 1 == 1 && firstToneNs.load() == 0)
                firstToneNs = nowNs();
            maxToneRun = std::max(maxToneRun.load(), toneRun.load());
        } else {
            toneRun = 0;
        }
        if (media::GoertzelDetector::meanSquare(frame) < SilenceMeanSquare)
            ++silentRun;
        else
            silentRun = 0;
    }

    // Monotonic nanoseconds, comparable across threads (steady_clock).
    static qint64 nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    std::atomic<int> frames { 0 };
    std::atomic<int> toneRun { 0 }; // consecutive frames with the tone, up to now
    std::atomic<int> maxToneRun { 0 };
    std::atomic<int> silentRun { 0 };
    std::atomic<qint64> firstToneNs { 0 }; // when the first frame with the tone was written

private:
    media::GoertzelDetector m_tone;
    media::GoertzelDetector m_below;
    media::GoertzelDetector m_above;
    bool m_active = false;
};

} // namespace parla::test
