// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAudioDevice>
#include <QAudioFormat>
#include <QByteArray>
#include <QList>
#include <QString>

namespace parla::media {

struct AudioDeviceInfo
{
    QByteArray id; // QAudioDevice::id(): PulseAudio's sink or source name, stable across runs
    QString description;
    bool isDefault = false;
};

// The audio devices through Qt Multimedia (PulseAudio on Linux), for the `devices` command
// and the device endpoints. Qt 6.4 does not report hot-plug (PLATFORM.md), so lists are
// read fresh on every call, and a device chosen by id is looked up when a stream starts.
class AudioDevices
{
public:
    static QList<AudioDeviceInfo> inputs();
    static QList<AudioDeviceInfo> outputs();

    // The device with this id; an empty id means the default. A device that is gone falls
    // back to the default, with a warning in parla.media. Null if there is no device at all.
    static QAudioDevice input(const QByteArray &id);
    static QAudioDevice output(const QByteArray &id);

    // The pipeline's format on the wire to the sound server: 48 kHz mono 16-bit.
    static QAudioFormat format();

    // Tags the process's audio streams media.role=phone, so the desktop treats them as a
    // call (ducking music, the headset's call profile). Qt sets no role; libpulse reads
    // PULSE_PROP when Qt Multimedia first connects, so this must run before the first audio
    // object. Every entry point here calls it; idempotent and thread-safe.
    static void tagStreamsAsPhone();
};

} // namespace parla::media
