// SPDX-License-Identifier: GPL-3.0-or-later
// A call's speaker switched mid-call on a real sound server: a private PulseAudio with two
// null sinks (the speaker and a "headset"), each monitor remapped into a source Qt can capture.
// Alice sends a 1 kHz tone; Bob plays it on a DeviceSink; the test listens on both monitors
// and switches Bob's output through AudioCallMedia, as the in-call view does, on the media
// thread. The tone then comes out of the headset and no longer out of the speaker.
#include "pulseaudioserver.h"
#include "tonecapturesink.h"

#include "calls/audiocallmedia.h"
#include "media/devicesink.h"
#include "media/devicesource.h"
#include "media/mediaengine.h"
#include "media/tonesource.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::media::DeviceSink;
using parla::media::DeviceSource;
using parla::media::MediaEngine;
using parla::media::ToneGenerator;
using parla::media::ToneSource;
using parla::test::PulseAudioServer;
using parla::test::ToneCaptureSink;

namespace {

constexpr int Timeout = 10000; // a fresh null sink's first capture can take ~2 s
constexpr int ToneFrames = 10;
constexpr char HeadsetName[] = "parla_test_headset";
constexpr char HeadsetMonitorName[] = "parla_test_headset_monitor";
constexpr double ToneHz = 1000.0;

// What a sink plays, as heard on its remapped monitor, on a thread of the test's own.
struct Ear
{
    DeviceSource *source = nullptr;
    ToneCaptureSink *detector = nullptr;
};

} // namespace

class TestCallDeviceSwitch : public QObject
{
    Q_OBJECT
private:
    PulseAudioServer m_pulse;
    QThread m_captureThread;
    std::unique_ptr<MediaEngine> m_engine;

    Ear listen(const QByteArray &sourceId)
    {
        Ear ear { new DeviceSource(sourceId), new ToneCaptureSink(ToneHz) };
        ear.source->moveToThread(&m_captureThread);
        ear.detector->moveToThread(&m_captureThread);
        connect(ear.source, &DeviceSource::frameReady, ear.detector, &ToneCaptureSink::write);
        QMetaObject::invokeMethod(
            ear.source, [ear] { ear.source->start(); }, Qt::BlockingQueuedConnection);
        return ear;
    }

    void deafen(const Ear &ear)
    {
        QMetaObject::invokeMethod(
            ear.source,
            [ear] {
                delete ear.source;
                delete ear.detector;
            },
            Qt::BlockingQueuedConnection);
    }

    AudioCallMedia::Options options(AudioCallMedia::EndpointFactory endpoints)
    {
        AudioCallMedia::Options options;
        options.engine = m_engine.get();
        options.endpoints = std::move(endpoints);
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PulseAudioServer::isAvailable())
            QSKIP("pulseaudio, pactl and pacat are needed (scripts/setup.sh installs them)");
        QVERIFY2(m_pulse.start(), qPrintable(m_pulse.error()));
        // Before the first Qt Multimedia object: Qt 6.4 does not see devices added later.
        QVERIFY(!m_pulse
                     .pactl({ QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                         QStringLiteral("sink_name=%1").arg(QLatin1String(HeadsetName)), QStringLiteral("rate=48000"),
                         QStringLiteral("channels=1") })
                     .isNull());
        QVERIFY(!m_pulse
                     .pactl({ QStringLiteral("load-module"), QStringLiteral("module-remap-source"),
                         QStringLiteral("source_name=%1").arg(QLatin1String(HeadsetMonitorName)),
                         QStringLiteral("master=%1.monitor").arg(QLatin1String(HeadsetName)) })
                     .isNull());
        m_captureThread.setObjectName(QStringLiteral("capture"));
        m_captureThread.start();
        m_engine = std::make_unique<MediaEngine>();
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_captureThread.quit();
        if (!m_captureThread.wait(5000))
            qFatal("the capture thread is stuck");
        m_pulse.stop();
    }

    void speakerSwitchesToTheHeadset()
    {
        const Ear speaker = listen(PulseAudioServer::SourceName);
        const Ear headset = listen(HeadsetMonitorName);
        {
            AudioCallMedia alice(options([] {
                return AudioCallMedia::Endpoints { new ToneSource(ToneGenerator({ { 600s, ToneHz } }, false, -10.0)),
                    nullptr };
            }));
            AudioCallMedia bob(options([] {
                return AudioCallMedia::Endpoints { nullptr, new DeviceSink(PulseAudioServer::SinkName) };
            }));
            QSignalSpy failures(&bob, &AudioCallMedia::deviceSwitchFailed);
            const auto answer = bob.answerOffer(alice.createOffer());
            QVERIFY(std::holds_alternative<QByteArray>(answer));
            QVERIFY(!alice.applyAnswer(std::get<QByteArray>(answer)));
            alice.start();
            bob.start();
            QTRY_VERIFY_WITH_TIMEOUT(speaker.detector->maxToneRun >= ToneFrames, Timeout);
            QCOMPARE(headset.detector->maxToneRun.load(), 0);

            bob.setOutputDevice(HeadsetName);
            QTRY_VERIFY_WITH_TIMEOUT(headset.detector->maxToneRun >= ToneFrames, Timeout);
            // Once the headset plays it, the speaker falls silent: half a second more on the
            // headset with no tone at all on the speaker.
            const int heardOnHeadset = headset.detector->frames;
            QTRY_VERIFY_WITH_TIMEOUT(speaker.detector->toneRun == 0, Timeout);
            QTRY_VERIFY_WITH_TIMEOUT(speaker.detector->silentRun >= ToneFrames, Timeout);
            const int speakerTones = speaker.detector->maxToneRun;
            speaker.detector->maxToneRun = 0;
            QTRY_VERIFY_WITH_TIMEOUT(headset.detector->frames >= heardOnHeadset + 25, Timeout);
            QVERIFY(headset.detector->toneRun >= ToneFrames);
            QCOMPARE(speaker.detector->maxToneRun.load(), 0);
            QVERIFY(speakerTones >= ToneFrames);
            QCOMPARE(failures.size(), 0);
            alice.stop();
            bob.stop();
        }
        deafen(speaker);
        deafen(headset);
    }
};

QTEST_GUILESS_MAIN(TestCallDeviceSwitch)
#include "tst_calldeviceswitch.moc"
