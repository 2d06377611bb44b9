// SPDX-License-Identifier: GPL-3.0-or-later
#include "echoloop.h"

namespace parla::media {

void EchoLoopSource::push(const AudioFrame &frame)
{
    if (m_active)
        Q_EMIT frameReady(frame);
}

EchoLoopSink::EchoLoopSink(EchoLoopSource *source, QObject *parent)
    : AudioSink(parent)
    , m_source(source)
{
}

void EchoLoopSink::write(const AudioFrame &frame)
{
    if (m_active && m_source)
        m_source->push(frame);
}

EchoLoop EchoLoop::create()
{
    EchoLoop loop;
    loop.source = new EchoLoopSource;
    loop.sink = new EchoLoopSink(loop.source);
    return loop;
}

} // namespace parla::media
