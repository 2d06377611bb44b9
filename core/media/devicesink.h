// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiosink.h"

#include <QByteArray>
#include <QIODevice>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <cstdint>

class QAudioSink;

namespace parla::media {

// The speaker: frames to a QAudioSink in push mode, worked around Qt 6.4's pitfalls
// (PLATFORM.md):
// - write() only queues; a 5 ms timer writes min(bytesFree(), queued), because Qt's push
//   device does not respect bytesFree() itself and latency drifts to hundreds of ms;
// - the queue is small (MaxQueuedFrames) and drops the oldest frame when full: a late
//   frame is worth less than the present one in a call; and a backlog that stands (the
//   queue never held less than a frame over StandingWindowFrames writes, as after a stall
//   of the server or of the media thread) is dropped, or it would add its latency for good;
// - the buffer size is set before every start, on a new QAudioSink each time (the buffer
//   of a restarted sink shrinks, QTBUG-116519);
// - a dead PulseAudio server is not waited for: Qt 6.4's write error path keeps the
//   server's mainloop lock, and stopping or deleting that sink would then block, so the
//   sink is abandoned (leaked, on purpose) and errorOccurred() reports it;
// - a stopped QAudioSink is deleted RetireDelay later, not at once: when its stream runs dry
//   Qt 6.4.2 asks PulseAudio to drain it with the sink itself as the callback's data, and
//   neither stop() nor the destructor cancels that request, so a reply that comes after the
//   delete runs on PulseAudio's thread into freed memory (parla crashed so, in about 1 of 30
//   calls, just as the ringtone stopped on answer).
//
// The device is chosen by id when start() runs; a vanished device falls back to the
// default (logged in parla.media).
//
// Thread-affine: create it on, or move it to, the media thread before start(); every call
// comes from that thread. The QAudioSink is created by start(), on that thread.
class DeviceSink : public AudioSink
{
    Q_OBJECT

public:
    // Asked for; PulseAudio grants about 75% (~15 ms). 11-14 ms round trips were measured
    // with 15 ms here and a 20 ms source buffer.
    static constexpr std::chrono::milliseconds DefaultBuffer { 20 };
    static constexpr std::chrono::milliseconds PollInterval { 5 };
    static constexpr int MaxQueuedFrames = 5; // 100 ms
    static constexpr int StandingWindowFrames = 25; // 500 ms
    // Far longer than PulseAudio takes to answer a drain of a stream it was told to drop.
    static constexpr std::chrono::milliseconds RetireDelay { 1000 };
    // Stopped sinks still waiting out RetireDelay, in the whole process (for tests).
    static int retiredSinkCount();

    explicit DeviceSink(const QByteArray &deviceId = {}, QObject *parent = nullptr);
    ~DeviceSink() override;

    void setBuffer(std::chrono::milliseconds buffer) { m_buffer = buffer; }

    void start() override;
    void stop() override;
    bool isActive() const override { return m_io != nullptr; }
    void write(const AudioFrame &frame) override;

    // The device in use after start() (the default if the chosen one was gone).
    QByteArray activeDeviceId() const { return m_activeDeviceId; }
    // What PulseAudio granted, in bytes, after start().
    qsizetype grantedBufferBytes() const;
    std::int64_t droppedFrames() const { return m_dropped; }

private:
    void pump();
    void fail(const QString &reason, bool serverStuck);
    static void retire(QAudioSink *sink);

    QByteArray m_deviceId;
    QByteArray m_activeDeviceId;
    std::chrono::milliseconds m_buffer = DefaultBuffer;
    QPointer<QAudioSink> m_sink;
    QPointer<QIODevice> m_io;
    QTimer m_poll;
    QByteArray m_queue;
    qsizetype m_leastQueued = 0; // bytes, at a write(), over the current window
    int m_windowWrites = 0;
    std::int64_t m_dropped = 0;
};

} // namespace parla::media
