// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiopacer.h"

#include "audioframe.h"

#include <algorithm>

namespace parla::media {

namespace {
constexpr std::int64_t FrameNs = std::chrono::nanoseconds(AudioFrameDuration).count();
}

AudioPacer::AudioPacer(QObject *parent)
    : QObject(parent)
    , m_timer(this) // a child, so moveToThread() takes it along
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &AudioPacer::onTimeout);
}

void AudioPacer::start()
{
    if (m_running)
        return;
    m_running = true;
    m_ticks = 0;
    m_skipped = 0;
    m_clock.start();
    // The first frame is due at once: a source starts with audio, not with 20 ms of nothing.
    m_timer.start(0);
}

void AudioPacer::stop()
{
    m_running = false;
    m_timer.stop();
}

void AudioPacer::onTimeout()
{
    const std::int64_t due = m_clock.nsecsElapsed() / FrameNs + 1;
    std::int64_t pending = due - m_ticks;
    if (pending > MaxCatchUpFrames) {
        m_skipped += pending - MaxCatchUpFrames;
        m_ticks += pending - MaxCatchUpFrames;
        pending = MaxCatchUpFrames;
    }
    // A receiver may stop() us (or delete the source that owns us) from a tick.
    QPointer<AudioPacer> self(this);
    for (; pending > 0 && self && m_running; --pending) {
        ++m_ticks;
        Q_EMIT tick();
    }
    if (self && m_running)
        scheduleNext();
}

void AudioPacer::scheduleNext()
{
    const std::int64_t nextNs = m_ticks * FrameNs;
    const std::int64_t waitMs = std::max<std::int64_t>(0, (nextNs - m_clock.nsecsElapsed() + 999'999) / 1'000'000);
    m_timer.start(int(waitMs));
}

} // namespace parla::media
