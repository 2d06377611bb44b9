// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <cstdint>

namespace parla::media {

// Real-time clock for sources that have none of their own (files, tones): tick() once per
// 20 ms frame, on average exactly 50 per second. Each tick is scheduled against the start
// time, not the previous tick, so timer lateness never accumulates into drift. After a stall
// (the media thread was busy) it catches up with a short burst, but never more than
// MaxCatchUpFrames: older frames are skipped, because a call wants the present, not a backlog.
//
// Thread-affine: lives on, and ticks on, the thread of its owner.
class AudioPacer : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxCatchUpFrames = 3;

    explicit AudioPacer(QObject *parent = nullptr);

    void start();
    void stop();
    bool isActive() const { return m_running; }
    // Frames skipped after stalls, since start().
    std::int64_t skippedFrames() const { return m_skipped; }

Q_SIGNALS:
    void tick();

private:
    void onTimeout();
    void scheduleNext();

    QTimer m_timer;
    QElapsedTimer m_clock;
    std::int64_t m_ticks = 0; // frames due so far, emitted or skipped
    std::int64_t m_skipped = 0;
    bool m_running = false;
};

} // namespace parla::media
