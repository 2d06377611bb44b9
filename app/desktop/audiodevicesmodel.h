// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/audiodevices.h"

#include <QMutex>
#include <QObject>
#include <QSettings>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace parla::desktop {

// The input and output devices for the settings and in-call views, by PulseAudio id (stable
// across runs). The chosen ids are remembered in QSettings; a chosen device that is unplugged
// falls back to the default and is used again when it comes back, since the choice is kept.
// currentInputId()/currentOutputId() are safe from any thread: the engine's endpoint factory
// reads them on the media thread when a call starts.
class AudioDevicesModel : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(AudioDevices)
    Q_PROPERTY(QVariantList inputs READ inputs NOTIFY devicesChanged)
    Q_PROPERTY(QVariantList outputs READ outputs NOTIFY devicesChanged)
    Q_PROPERTY(QString chosenInputId READ chosenInputId NOTIFY choiceChanged)
    Q_PROPERTY(QString chosenOutputId READ chosenOutputId NOTIFY choiceChanged)
    Q_PROPERTY(int inputIndex READ inputIndex NOTIFY choiceChanged)
    Q_PROPERTY(int outputIndex READ outputIndex NOTIFY choiceChanged)
    // The ringtone's output, chosen apart from the call's: a loud speaker rings while the call
    // stays in the headset. Same fallback to the default when unplugged.
    Q_PROPERTY(QString chosenRingtoneId READ chosenRingtoneId NOTIFY choiceChanged)
    Q_PROPERTY(int ringtoneIndex READ ringtoneIndex NOTIFY choiceChanged)
public:
    using Lister = std::function<QList<media::AudioDeviceInfo>()>;

    explicit AudioDevicesModel(QObject *parent = nullptr);
    // Tests: their own settings file and device lists.
    AudioDevicesModel(const QString &settingsFile, Lister inputs, Lister outputs, QObject *parent = nullptr);
    ~AudioDevicesModel() override;

    QVariantList inputs() const { return describe(m_inputs); }
    QVariantList outputs() const { return describe(m_outputs); }
    QString chosenInputId() const;
    QString chosenOutputId() const;
    QString chosenRingtoneId() const;
    // Where the chosen device is in the lists; else the default's.
    int inputIndex() const { return indexOf(m_inputs, chosenInputId()); }
    int outputIndex() const { return indexOf(m_outputs, chosenOutputId()); }
    int ringtoneIndex() const { return indexOf(m_outputs, chosenRingtoneId()); }

    // The device a call uses: the chosen one when present, else "" (the default). Any thread.
    QByteArray currentInputId() const;
    QByteArray currentOutputId() const;
    QByteArray currentRingtoneId() const;

    Q_INVOKABLE void refresh(); // Qt 6.4 reports no hot-plug: read the lists again
    Q_INVOKABLE void chooseInput(const QString &id);
    Q_INVOKABLE void chooseOutput(const QString &id);
    Q_INVOKABLE void chooseRingtone(const QString &id);

Q_SIGNALS:
    void devicesChanged();
    void choiceChanged();

private:
    static QVariantList describe(const QList<media::AudioDeviceInfo> &devices);
    static int indexOf(const QList<media::AudioDeviceInfo> &devices, const QString &id);
    static QByteArray present(const QList<media::AudioDeviceInfo> &devices, const QString &id);
    void updateCurrent();

    std::unique_ptr<QSettings> m_settings;
    Lister m_listInputs;
    Lister m_listOutputs;
    QList<media::AudioDeviceInfo> m_inputs;
    QList<media::AudioDeviceInfo> m_outputs;
    mutable QMutex m_mutex; // guards the two below, read by the media thread
    QByteArray m_currentInput;
    QByteArray m_currentOutput;
    QByteArray m_currentRingtone;
};

} // namespace parla::desktop
