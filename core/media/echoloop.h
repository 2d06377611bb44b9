// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiosink.h"
#include "audiosource.h"

#include <QPointer>

namespace parla::media {

// The echo loop of the `--echo` call-me bot: what the sink is given comes straight back out
// of the source, so a caller hears itself (after the network, the jitter buffer and one
// playout frame). The source has no clock of its own: it is paced by whoever writes to the
// sink (a call's 20 ms playout clock). Create both with EchoLoop::create(); the sink keeps a
// weak reference to the source, so either may be deleted first.
//
// Thread-affine: both live on, and are called on, one thread (the media thread).
class EchoLoopSource : public AudioSource
{
    Q_OBJECT
public:
    using AudioSource::AudioSource;
    void start() override { m_active = true; }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    // Emits the frame if started.
    void push(const AudioFrame &frame);

private:
    bool m_active = false;
};

class EchoLoopSink : public AudioSink
{
    Q_OBJECT
public:
    explicit EchoLoopSink(EchoLoopSource *source, QObject *parent = nullptr);
    void start() override { m_active = true; }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    void write(const AudioFrame &frame) override;

private:
    QPointer<EchoLoopSource> m_source;
    bool m_active = false;
};

struct EchoLoop
{
    EchoLoopSource *source = nullptr;
    EchoLoopSink *sink = nullptr;
    // A connected pair, unparented: the caller (a stream) takes ownership of both.
    static EchoLoop create();
};

} // namespace parla::media
