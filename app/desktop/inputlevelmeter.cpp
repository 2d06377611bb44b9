// SPDX-License-Identifier: GPL-3.0-or-later
#include "inputlevelmeter.h"

#include "audiodevicesmodel.h"
#include "desktoplogging.h"

#include "media/devicesource.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace parla::desktop {

namespace {

double dbfs(double amplitude)
{
    // Full scale is 32768: a square wave at full scale is 0 dBFS RMS and peak.
    return amplitude > 0 ? std::max(InputLevelMeter::Floor, 20.0 * std::log10(amplitude / 32768.0))
                         : InputLevelMeter::Floor;
}

} // namespace

InputLevelMeter::InputLevelMeter(QObject *parent)
    : InputLevelMeter(SourceFactory(), parent)
{
    m_factory = [this]() -> media::AudioSource * {
        return new media::DeviceSource(m_devices ? m_devices->currentInputId() : QByteArray());
    };
}

InputLevelMeter::InputLevelMeter(SourceFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
}

InputLevelMeter::~InputLevelMeter()
{
    setActive(false);
}

void InputLevelMeter::follow(AudioDevicesModel *devices)
{
    m_devices = devices;
}

InputLevelMeter::Level InputLevelMeter::measure(const media::AudioFrame &frame)
{
    double sumOfSquares = 0.0;
    int peak = 0;
    for (const std::int16_t sample : frame) {
        sumOfSquares += double(sample) * double(sample);
        peak = std::max(peak, std::abs(int(sample)));
    }
    return { dbfs(std::sqrt(sumOfSquares / double(frame.size()))), dbfs(peak) };
}

void InputLevelMeter::setActive(bool active)
{
    if (active == isActive())
        return;
    m_error.clear();
    if (active) {
        m_source = m_factory();
        m_source->setParent(this);
        connect(m_source, &media::AudioSource::frameReady, this, &InputLevelMeter::onFrame);
        connect(m_source, &media::AudioSource::errorOccurred, this, [this](const QString &reason) {
            qCWarning(lcDesktopApp).noquote() << "level meter:" << reason;
            setActive(false);
            m_error = reason;
            Q_EMIT activeChanged();
        });
        m_source->start();
    } else {
        m_source->stop();
        m_source->deleteLater();
        m_source = nullptr;
        m_rms = m_peak = Floor;
        Q_EMIT levelChanged();
    }
    Q_EMIT activeChanged();
}

void InputLevelMeter::onFrame(const media::AudioFrame &frame)
{
    const Level level = measure(frame);
    m_rms = level.rmsDbfs;
    m_peak = level.peakDbfs;
    Q_EMIT levelChanged();
}

} // namespace parla::desktop
