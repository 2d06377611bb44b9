// SPDX-License-Identifier: GPL-3.0-or-later
// AudioDevicesModel: the chosen device is remembered by id, falls back to the default while
// unplugged and is used again when it comes back (linphone-desktop #676, #528).
#include "audiodevicesmodel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::desktop::AudioDevicesModel;
using parla::media::AudioDeviceInfo;

class TestAudioDevicesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rememberedFallsBackAndComesBack()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("parla.conf"));
        QList<AudioDeviceInfo> outputs { { "builtin", QStringLiteral("Speakers"), true },
            { "usb-headset", QStringLiteral("USB headset"), false } };
        const QList<AudioDeviceInfo> inputs { { "builtin-mic", QStringLiteral("Microphone"), true } };
        const auto listInputs = [&] { return inputs; };
        const auto listOutputs = [&] { return outputs; };
        {
            AudioDevicesModel devices(file, listInputs, listOutputs);
            QCOMPARE(devices.outputIndex(), 0); // nothing chosen: the default
            QCOMPARE(devices.currentOutputId(), QByteArray());
            QSignalSpy choice(&devices, &AudioDevicesModel::choiceChanged);
            devices.chooseOutput(QStringLiteral("usb-headset"));
            QCOMPARE(choice.size(), 1);
            QCOMPARE(devices.currentOutputId(), QByteArray("usb-headset"));
            QCOMPARE(devices.outputIndex(), 1);
        }
        // Unplugged: the default plays, the choice is kept.
        outputs.removeLast();
        AudioDevicesModel devices(file, listInputs, listOutputs);
        QCOMPARE(devices.chosenOutputId(), QStringLiteral("usb-headset"));
        QCOMPARE(devices.currentOutputId(), QByteArray());
        QCOMPARE(devices.outputIndex(), 0);
        // Plugged in again: used again.
        outputs.append({ "usb-headset", QStringLiteral("USB headset"), false });
        devices.refresh();
        QCOMPARE(devices.currentOutputId(), QByteArray("usb-headset"));
        QCOMPARE(devices.outputIndex(), 1);
        QCOMPARE(devices.outputs().size(), 2);
        QCOMPARE(devices.outputs().at(1).toMap().value(QStringLiteral("description")).toString(),
            QStringLiteral("USB headset"));
    }

    void ringtoneIsChosenApartFromTheSpeaker()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("parla.conf"));
        QList<AudioDeviceInfo> outputs { { "builtin", QStringLiteral("Speakers"), true },
            { "usb-headset", QStringLiteral("USB headset"), false } };
        const auto listOutputs = [&] { return outputs; };
        const auto noInputs = [] { return QList<AudioDeviceInfo>(); };
        {
            AudioDevicesModel devices(file, noInputs, listOutputs);
            devices.chooseOutput(QStringLiteral("usb-headset"));
            QSignalSpy choice(&devices, &AudioDevicesModel::choiceChanged);
            devices.chooseRingtone(QStringLiteral("builtin"));
            QCOMPARE(choice.size(), 1);
            QCOMPARE(devices.currentRingtoneId(), QByteArray("builtin"));
            QCOMPARE(devices.currentOutputId(), QByteArray("usb-headset")); // untouched
            QCOMPARE(devices.ringtoneIndex(), 0);
            devices.chooseRingtone(QStringLiteral("usb-headset"));
        }
        // Remembered; unplugged rings on the default, plugged in again rings there again.
        outputs.removeLast();
        AudioDevicesModel devices(file, noInputs, listOutputs);
        QCOMPARE(devices.chosenRingtoneId(), QStringLiteral("usb-headset"));
        QCOMPARE(devices.currentRingtoneId(), QByteArray());
        outputs.append({ "usb-headset", QStringLiteral("USB headset"), false });
        devices.refresh();
        QCOMPARE(devices.currentRingtoneId(), QByteArray("usb-headset"));
        QCOMPARE(devices.ringtoneIndex(), 1);
    }

    void noDevicesAtAll()
    {
        QTemporaryDir dir;
        const auto none = [] { return QList<AudioDeviceInfo>(); };
        AudioDevicesModel devices(dir.filePath(QStringLiteral("parla.conf")), none, none);
        QCOMPARE(devices.inputIndex(), -1);
        QVERIFY(devices.inputs().isEmpty());
        QCOMPARE(devices.currentInputId(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestAudioDevicesModel)
#include "tst_audiodevicesmodel.moc"
