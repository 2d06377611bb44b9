// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicesource.h"

#include "audiodevices.h"
#include "logging.h"

#include <QAudioSource>
#include <QThread>

#include <cstring>

namespace parla::media {

DeviceSource::DeviceSource(const QByteArray &deviceId, QObject *parent)
    : AudioSource(parent)
    , m_deviceId(deviceId)
{
    AudioDevices::tagStreamsAsPhone();
}

DeviceSource::~DeviceSource()
{
    stop();
}

void DeviceSource::start()
{
    Q_ASSERT_X(thread() == QThread::currentThread(), "DeviceSource::start", "called from another thread");
    if (m_io)
        return;
    const QAudioDevice device = AudioDevices::input(m_deviceId);
    if (device.isNull()) {
        Q_EMIT errorOccurred(QStringLiteral("no audio input device"));
        return;
    }
    m_activeDeviceId = device.id();
    m_pending.clear();
    m_source = new QAudioSource(device, AudioDevices::format(), this);
    m_source->setBufferSize(AudioDevices::format().bytesForDuration(
        std::chrono::duration_cast<std::chrono::microseconds>(m_buffer).count()));
    m_io = m_source->start();
    if (!m_io || m_source->error() != QAudio::NoError) {
        fail(QStringLiteral("cannot open audio input %1 (error %2)")
                 .arg(QString::fromUtf8(m_activeDeviceId))
                 .arg(int(m_source->error())));
        return;
    }
    connect(m_io, &QIODevice::readyRead, this, &DeviceSource::onReadyRead);
    connect(m_source, &QAudioSource::stateChanged, this, [this](QAudio::State state) {
        if (state == QAudio::StoppedState && m_source && m_source->error() != QAudio::NoError)
            fail(QStringLiteral("audio input %1 stopped (error %2)")
                     .arg(QString::fromUtf8(m_activeDeviceId))
                     .arg(int(m_source->error())));
    });
    qCDebug(lcMedia) << "input" << m_activeDeviceId << "buffer" << m_source->bufferSize() << "bytes";
}

void DeviceSource::stop()
{
    m_io = nullptr;
    m_pending.clear();
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
        delete m_source;
    }
}

void DeviceSource::onReadyRead()
{
    if (!m_io)
        return;
    m_pending.append(m_io->readAll());
    // Everything whole is emitted at once, so m_pending never holds a full frame afterwards.
    qsizetype offset = 0;
    AudioFrame frame;
    QPointer<DeviceSource> self(this);
    for (; m_pending.size() - offset >= AudioFrameBytes; offset += AudioFrameBytes) {
        std::memcpy(frame.data(), m_pending.constData() + offset, AudioFrameBytes);
        Q_EMIT frameReady(frame);
        if (!self || !m_io)
            return; // a receiver stopped or deleted us
    }
    m_pending.remove(0, offset);
}

void DeviceSource::fail(const QString &reason)
{
    qCWarning(lcMedia) << reason;
    m_io = nullptr;
    m_pending.clear();
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
        m_source->deleteLater(); // possibly inside its own signal
    }
    Q_EMIT errorOccurred(reason);
}

} // namespace parla::media
