// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiodevicesmodel.h"

#include "desktoplogging.h"

#include <QVariantMap>

namespace parla::desktop {

namespace {
const QString InputKey = QStringLiteral("audio/input");
const QString OutputKey = QStringLiteral("audio/output");
const QString RingtoneKey = QStringLiteral("audio/ringtone");
} // namespace

AudioDevicesModel::AudioDevicesModel(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
    , m_listInputs(&media::AudioDevices::inputs)
    , m_listOutputs(&media::AudioDevices::outputs)
{
    refresh();
}

AudioDevicesModel::AudioDevicesModel(const QString &settingsFile, Lister inputs, Lister outputs, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
    , m_listInputs(std::move(inputs))
    , m_listOutputs(std::move(outputs))
{
    refresh();
}

AudioDevicesModel::~AudioDevicesModel() = default;

QString AudioDevicesModel::chosenInputId() const
{
    return m_settings->value(InputKey).toString();
}

QString AudioDevicesModel::chosenOutputId() const
{
    return m_settings->value(OutputKey).toString();
}

QString AudioDevicesModel::chosenRingtoneId() const
{
    return m_settings->value(RingtoneKey).toString();
}

QByteArray AudioDevicesModel::currentInputId() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentInput;
}

QByteArray AudioDevicesModel::currentOutputId() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentOutput;
}

QByteArray AudioDevicesModel::currentRingtoneId() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentRingtone;
}

void AudioDevicesModel::refresh()
{
    m_inputs = m_listInputs();
    m_outputs = m_listOutputs();
    updateCurrent();
    Q_EMIT devicesChanged();
    Q_EMIT choiceChanged(); // the indexes may have moved
}

void AudioDevicesModel::chooseInput(const QString &id)
{
    m_settings->setValue(InputKey, id);
    updateCurrent();
    Q_EMIT choiceChanged();
}

void AudioDevicesModel::chooseOutput(const QString &id)
{
    m_settings->setValue(OutputKey, id);
    updateCurrent();
    Q_EMIT choiceChanged();
}

void AudioDevicesModel::chooseRingtone(const QString &id)
{
    m_settings->setValue(RingtoneKey, id);
    updateCurrent();
    Q_EMIT choiceChanged();
}

QVariantList AudioDevicesModel::describe(const QList<media::AudioDeviceInfo> &devices)
{
    QVariantList list;
    for (const auto &device : devices) {
        list.append(QVariantMap { { QStringLiteral("id"), QString::fromUtf8(device.id) },
            { QStringLiteral("description"), device.description }, { QStringLiteral("isDefault"), device.isDefault } });
    }
    return list;
}

int AudioDevicesModel::indexOf(const QList<media::AudioDeviceInfo> &devices, const QString &id)
{
    int fallback = -1;
    for (int i = 0; i < devices.size(); ++i) {
        if (!id.isEmpty() && QString::fromUtf8(devices.at(i).id) == id)
            return i;
        if (devices.at(i).isDefault && fallback < 0)
            fallback = i;
    }
    return fallback;
}

QByteArray AudioDevicesModel::present(const QList<media::AudioDeviceInfo> &devices, const QString &id)
{
    for (const auto &device : devices) {
        if (!id.isEmpty() && QString::fromUtf8(device.id) == id)
            return device.id;
    }
    return {}; // the default
}

void AudioDevicesModel::updateCurrent()
{
    const QByteArray input = present(m_inputs, chosenInputId());
    const QByteArray output = present(m_outputs, chosenOutputId());
    if (input.isEmpty() && !chosenInputId().isEmpty())
        qCInfo(lcDesktopApp) << "the chosen input" << chosenInputId() << "is absent: using the default";
    if (output.isEmpty() && !chosenOutputId().isEmpty())
        qCInfo(lcDesktopApp) << "the chosen output" << chosenOutputId() << "is absent: using the default";
    const QByteArray ringtone = present(m_outputs, chosenRingtoneId());
    QMutexLocker lock(&m_mutex);
    m_currentInput = input;
    m_currentOutput = output;
    m_currentRingtone = ringtone;
}

} // namespace parla::desktop
