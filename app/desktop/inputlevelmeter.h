// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/audioframe.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace parla::media {
class AudioSource;
}

namespace parla::desktop {

class AudioDevicesModel;

// The live level of the chosen microphone for the settings page: RMS and peak of each 20 ms
// frame in dBFS. The device is open only while `active` (the page is visible), so Parla does
// not hold the microphone, or show in the desktop's recording indicator, the rest of the time.
class InputLevelMeter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(double rmsDbfs READ rmsDbfs NOTIFY levelChanged)
    Q_PROPERTY(double peakDbfs READ peakDbfs NOTIFY levelChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY activeChanged)
    Q_PROPERTY(double floor READ floor CONSTANT)
public:
    static constexpr double Floor = -96.0; // 16-bit silence: nothing quieter can be measured
    using SourceFactory = std::function<media::AudioSource *()>;

    // QML: the default input device (the chosen one once a devices model is set).
    explicit InputLevelMeter(QObject *parent = nullptr);
    // Tests: their own source.
    explicit InputLevelMeter(SourceFactory factory, QObject *parent = nullptr);
    ~InputLevelMeter() override;

    bool isActive() const { return m_source != nullptr; }
    void setActive(bool active);
    double floor() const { return Floor; }
    double rmsDbfs() const { return m_rms; }
    double peakDbfs() const { return m_peak; }
    QString errorString() const { return m_error; }
    // The devices model whose chosen input is measured (read at each activation).
    Q_INVOKABLE void follow(parla::desktop::AudioDevicesModel *devices);

    struct Level
    {
        double rmsDbfs;
        double peakDbfs;
    };
    static Level measure(const media::AudioFrame &frame);

Q_SIGNALS:
    void activeChanged();
    void levelChanged();

private:
    void onFrame(const media::AudioFrame &frame);

    SourceFactory m_factory;
    QPointer<AudioDevicesModel> m_devices;
    media::AudioSource *m_source = nullptr; // a child while active
    double m_rms = Floor;
    double m_peak = Floor;
    QString m_error;
};

} // namespace parla::desktop
