// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiodevices.h"

#include "audioframe.h"
#include "logging.h"

#include <QMediaDevices>

#include <mutex>

namespace parla::media {

namespace {

QList<AudioDeviceInfo> describe(const QList<QAudioDevice> &devices, const QAudioDevice &defaultDevice)
{
    QList<AudioDeviceInfo> list;
    for (const QAudioDevice &device : devices)
        list.append({ device.id(), device.description(), device.id() == defaultDevice.id() });
    return list;
}

QAudioDevice choose(
    const char *kind, const QByteArray &id, const QList<QAudioDevice> &devices, const QAudioDevice &defaultDevice)
{
    if (id.isEmpty())
        return defaultDevice;
    for (const QAudioDevice &device : devices) {
        if (device.id() == id)
            return device;
    }
    qCWarning(lcMedia).nospace() << "audio " << kind << " device " << id << " is gone; using the default "
                                 << defaultDevice.id();
    return defaultDevice;
}

} // namespace

void AudioDevices::tagStreamsAsPhone()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Keep whatever the user's environment adds; a role already chosen there wins.
        QByteArray properties = qgetenv("PULSE_PROP");
        if (properties.contains("media.role"))
            return;
        if (!properties.isEmpty())
            properties += ' ';
        qputenv("PULSE_PROP", properties + "media.role=phone");
    });
}

QList<AudioDeviceInfo> AudioDevices::inputs()
{
    tagStreamsAsPhone();
    return describe(QMediaDevices::audioInputs(), QMediaDevices::defaultAudioInput());
}

QList<AudioDeviceInfo> AudioDevices::outputs()
{
    tagStreamsAsPhone();
    return describe(QMediaDevices::audioOutputs(), QMediaDevices::defaultAudioOutput());
}

QAudioDevice AudioDevices::input(const QByteArray &id)
{
    tagStreamsAsPhone();
    return choose("input", id, QMediaDevices::audioInputs(), QMediaDevices::defaultAudioInput());
}

QAudioDevice AudioDevices::output(const QByteArray &id)
{
    tagStreamsAsPhone();
    return choose("output", id, QMediaDevices::audioOutputs(), QMediaDevices::defaultAudioOutput());
}

QAudioFormat AudioDevices::format()
{
    QAudioFormat format;
    format.setSampleRate(AudioSampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}

} // namespace parla::media
