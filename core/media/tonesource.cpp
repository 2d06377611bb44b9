// SPDX-License-Identifier: GPL-3.0-or-later
#include "tonesource.h"

namespace parla::media {

ToneSource::ToneSource(ToneGenerator generator, QObject *parent)
    : AudioSource(parent)
    , m_generator(std::move(generator))
{
    connect(&m_pacer, &AudioPacer::tick, this, &ToneSource::onTick);
}

void ToneSource::start()
{
    m_pacer.start();
}

void ToneSource::stop()
{
    m_pacer.stop();
}

void ToneSource::setGenerator(ToneGenerator generator)
{
    m_generator = std::move(generator);
    m_finishedSignalled = false;
}

void ToneSource::onTick()
{
    const AudioFrame frame = m_generator.nextFrame();
    Q_EMIT frameReady(frame);
    if (m_generator.isFinished() && !m_finishedSignalled) {
        m_finishedSignalled = true;
        Q_EMIT finished();
    }
}

} // namespace parla::media
