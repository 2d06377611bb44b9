// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiosource.h"

#include <QByteArray>
#include <QIODevice>
#include <QPointer>

#include <chrono>

class QAudioSource;

namespace parla::media {

// The microphone: a QAudioSource in push mode (Qt hands over a QIODevice and says
// readyRead), cut into 20 ms frames as the bytes come. The buffer size is set before every
// start, on a new QAudioSource each time (PLATFORM.md: a source honours it exactly).
// The device is chosen by id when start() runs; a vanished device falls back to the
// default (logged in parla.media). A stream that the server drops ends in errorOccurred().
//
// Thread-affine: create it on, or move it to, the media thread before start(); frames are
// emitted on that thread. The QAudioSource is created by start(), on that thread.
class DeviceSource : public AudioSource
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultBuffer { 20 };

    explicit DeviceSource(const QByteArray &deviceId = {}, QObject *parent = nullptr);
    ~DeviceSource() override;

    void setBuffer(std::chrono::milliseconds buffer) { m_buffer = buffer; }

    void start() override;
    void stop() override;
    bool isActive() const override { return m_io != nullptr; }

    QByteArray activeDeviceId() const { return m_activeDeviceId; }

private:
    void onReadyRead();
    void fail(const QString &reason);

    QByteArray m_deviceId;
    QByteArray m_activeDeviceId;
    std::chrono::milliseconds m_buffer = DefaultBuffer;
    QPointer<QAudioSource> m_source;
    QPointer<QIODevice> m_io;
    QByteArray m_pending; // less than a frame, carried to the next readyRead
};

} // namespace parla::media
