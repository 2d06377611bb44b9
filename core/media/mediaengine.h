// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace parla::media {

// The media thread (DESIGN.md, "Threads"): one QThread with its own event loop for the audio
// of every call of an engine — sources, sinks, codecs, RTP sockets and their timers — so
// neither a busy UI nor the SIP engine delays a 20 ms frame, and audio work never delays a
// keepalive. Created by the front end (one per process is enough) and handed to each
// AudioCallMedia.
//
// Objects are created on the thread through run() (blocking: a stream must be bound before
// its port goes into an SDP offer) as children of context(), and talked to by queued
// QMetaObject::invokeMethod. Destroying the engine quits the thread and waits for it; what is
// still parented to context() is deleted there, on the media thread, before it ends.
//
// The engine object itself belongs to the thread that created it; run() and context() may be
// called from any thread.
class MediaEngine : public QObject
{
    Q_OBJECT
public:
    explicit MediaEngine(QObject *parent = nullptr);
    ~MediaEngine() override;

    QThread *mediaThread() const { return m_thread; }
    // An object living on the media thread: the parent for what is created there.
    QObject *context() const { return m_context; }
    // Runs `work` on the media thread and returns when it is done; directly when called there.
    // Blocks the caller for as long as `work` takes (a socket bind: microseconds) plus the
    // time the media thread needs to finish the frame at hand.
    void run(const std::function<void()> &work) const;

private:
    QThread *m_thread;
    QObject *m_context; // deleted on the media thread when it finishes
};

} // namespace parla::media
