// SPDX-License-Identifier: GPL-3.0-or-later
#include "toneplayer.h"

#include "audiosink.h"
#include "logging.h"

namespace parla::media {

TonePlayer::TonePlayer(AudioSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_pacer(this) // a child, so moveToThread() takes it along
{
    if (sink) {
        sink->setParent(this);
        // A device that fails (gone, server dead) has stopped itself; stop the clock too.
        connect(sink, &AudioSink::errorOccurred, this, [this](const QString &reason) {
            qCWarning(lcMedia) << "tone not played:" << reason;
            m_pacer.stop();
        });
    }
    connect(&m_pacer, &AudioPacer::tick, this, &TonePlayer::onTick);
}

TonePlayer::~TonePlayer()
{
    stop();
}

void TonePlayer::play(ToneGenerator tone)
{
    m_tone = std::move(tone);
    if (m_sink && !m_sink->isActive())
        m_sink->start();
    m_pacer.start();
}

void TonePlayer::stop()
{
    m_pacer.stop();
    m_tone.reset();
    if (m_sink && m_sink->isActive())
        m_sink->stop();
}

void TonePlayer::onTick()
{
    if (!m_tone)
        return;
    const AudioFrame frame = m_tone->nextFrame();
    if (m_sink) {
        m_sink->write(frame);
        ++m_frames;
    }
    if (m_tone->isFinished()) {
        stop();
        Q_EMIT finished();
    }
}

} // namespace parla::media
