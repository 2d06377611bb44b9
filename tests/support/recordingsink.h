// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/audiosink.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <vector>

namespace parla::test {

// A sink that keeps every frame written to it, for tests that analyse what was played
// (a cadence, a level) after the fact. Bounded (MaxFrames, then it drops and counts).
// Thread-safe readers: the sink may live on a media thread while the test reads. Header-only
// and without Q_OBJECT, like ToneCaptureSink.
class RecordingSink : public media::AudioSink
{
public:
    static constexpr int MaxFrames = 50 * 60; // a minute

    using media::AudioSink::AudioSink;

    void start() override
    {
        m_active = true;
        ++starts;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

    void write(const media::AudioFrame &frame) override
    {
        QMutexLocker lock(&m_mutex);
        if (std::ssize(m_frames) >= MaxFrames) {
            ++dropped;
            return;
        }
        m_frames.push_back(frame);
    }

    std::vector<media::AudioFrame> frames() const
    {
        QMutexLocker lock(&m_mutex);
        return m_frames;
    }
    int frameCount() const
    {
        QMutexLocker lock(&m_mutex);
        return int(m_frames.size());
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_frames.clear();
    }

    std::atomic<int> starts { 0 };
    std::atomic<int> dropped { 0 };

private:
    mutable QMutex m_mutex;
    std::vector<media::AudioFrame> m_frames;
    std::atomic<bool> m_active { false };
};

} // namespace parla::test
