// SPDX-License-Identifier: GPL-3.0-or-later
// The device endpoints against a real sound server: a private PulseAudio whose null sink is
// the speaker and whose remapped monitor is the microphone (tests/support/pulseaudioserver).
// A DeviceSink plays a 1 kHz tone, a DeviceSource captures it, the Goertzel detector finds
// it, and the round trip (tone written -> tone detected) is measured and printed. The
// endpoints run on a media thread of their own, as in a call.
#include "media/audiodevices.h"
#include "media/audiopacer.h"
#include "media/devicesink.h"
#include "media/devicesource.h"
#include "media/goertzeldetector.h"
#include "pulseaudioserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

using namespace std::chrono_literals;
using parla::media::AudioDevices;
using parla::media::AudioFrame;
using parla::media::AudioFrameSamples;
using parla::media::AudioPacer;
using parla::media::AudioSampleRate;
using parla::media::DeviceSink;
using parla::media::DeviceSource;
using parla::media::GoertzelDetector;
using parla::test::PulseAudioServer;

namespace {

constexpr double ToneHz = 1000.0;

// 1 kHz at -12 dBFS, phase-continuous across frames.
AudioFrame toneFrame(std::int64_t &sampleIndex)
{
    AudioFrame frame;
    for (std::int16_t &sample : frame) {
        sample = std::int16_t(
            std::lround(8192.0 * std::sin(2.0 * std::numbers::pi * ToneHz * double(sampleIndex) / AudioSampleRate)));
        ++sampleIndex;
    }
    return frame;
}

bool hasTone(const AudioFrame &frame)
{
    const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
    return energy > 1e-4 && GoertzelDetector(ToneHz).power(frame) > 0.3 * energy
        && GoertzelDetector(ToneHz).power(frame) > 10.0 * GoertzelDetector(1500.0).power(frame);
}

// Runs a callable on the object's thread and waits for it (the endpoints are thread-affine).
template<typename F> void onThreadOf(QObject *object, F &&f)
{
    QMetaObject::invokeMethod(object, std::forward<F>(f), Qt::BlockingQueuedConnection);
}

} // namespace

class TestAudioDevices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsDevices();
    void vanishedDeviceFallsBackToDefault();
    void firstCaptureIsQuick();
    void toneRoundTrip();
    void stoppedAroundAnUnderflow();
    void deadServerIsReportedWithoutBlocking(); // last: it kills the server

private:
    PulseAudioServer m_pulse;
    QThread m_mediaThread;
};

void TestAudioDevices::initTestCase()
{
    if (!PulseAudioServer::isAvailable())
        QSKIP("pulseaudio, pactl and pacat are needed (scripts/setup.sh installs them)");
    QVERIFY2(m_pulse.start(), qPrintable(m_pulse.error()));
    m_mediaThread.setObjectName(QStringLiteral("media"));
    m_mediaThread.start();
}

void TestAudioDevices::cleanupTestCase()
{
    m_mediaThread.quit();
    // Bounded: a media thread stuck in Qt's audio code must not hang the suite.
    if (!m_mediaThread.wait(5000))
        qFatal("the media thread is stuck");
    m_pulse.stop();
}

void TestAudioDevices::listsDevices()
{
    const auto outputs = AudioDevices::outputs();
    const auto inputs = AudioDevices::inputs();
    const auto speaker = std::find_if(
        outputs.begin(), outputs.end(), [](const auto &d) { return d.id == PulseAudioServer::SinkName; });
    const auto microphone = std::find_if(
        inputs.begin(), inputs.end(), [](const auto &d) { return d.id == PulseAudioServer::SourceName; });
    QVERIFY(speaker != outputs.end());
    QVERIFY(microphone != inputs.end());
    QVERIFY(speaker->isDefault);
    QVERIFY(microphone->isDefault);
    QCOMPARE(speaker->description, QStringLiteral("Parla-test-speaker"));
    QCOMPARE(std::count_if(outputs.begin(), outputs.end(), [](const auto &d) { return d.isDefault; }), 1);
    // Monitors are hidden from Qt: that is why the server remaps one.
    QVERIFY(std::none_of(inputs.begin(), inputs.end(), [](const auto &d) { return d.id.endsWith(".monitor"); }));
}

void TestAudioDevices::vanishedDeviceFallsBackToDefault()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no-such-speaker.*gone.*default")));
    DeviceSink sink("no-such-speaker");
    QSignalSpy errors(&sink, &DeviceSink::errorOccurred);
    sink.start();
    QVERIFY(sink.isActive());
    QCOMPARE(sink.activeDeviceId(), QByteArray(PulseAudioServer::SinkName));
    sink.stop();

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no-such-microphone.*gone.*default")));
    DeviceSource source("no-such-microphone");
    source.start();
    QVERIFY(source.isActive());
    QCOMPARE(source.activeDeviceId(), QByteArray(PulseAudioServer::SourceName));
    source.stop();
    QCOMPARE(errors.size(), 0);
}

void TestAudioDevices::firstCaptureIsQuick()
{
    // With the server warmed up (PulseAudioServer::start), the first frames of a new
    // DeviceSource come within a few tens of ms: no stall of Qt's or ours on top.
    DeviceSource source(PulseAudioServer::SourceName);
    QSignalSpy frames(&source, &DeviceSource::frameReady);
    QElapsedTimer clock;
    clock.start();
    source.start();
    QVERIFY(frames.wait(5000));
    const qint64 ms = clock.elapsed();
    std::printf("first captured frame %lld ms after start()\n", qlonglong(ms));
    source.stop();
    QVERIFY2(ms < 300, "the first capture stalled");
}

void TestAudioDevices::toneRoundTrip()
{
    // Endpoints and the pacer that feeds the sink live on the media thread.
    auto *sink = new DeviceSink(PulseAudioServer::SinkName);
    auto *source = new DeviceSource(PulseAudioServer::SourceName);
    auto *pacer = new AudioPacer;
    for (QObject *object : std::initializer_list<QObject *> { sink, source, pacer })
        object->moveToThread(&m_mediaThread);
    const auto cleanup = qScopeGuard([&] {
        onThreadOf(sink, [&] {
            pacer->stop();
            sink->stop();
            source->stop();
            delete pacer;
            delete sink;
            delete source;
        });
    });

    // Five onsets: 400 ms of silence, then tone until it is heard (or 1 s).
    constexpr int Onsets = 5;
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> onsetNs { -1 }; // when the first tone frame was written
    std::atomic<int> phase { 0 }; // even: silence, odd: tone
    std::atomic<qint64> phaseStartNs { 0 };
    std::int64_t toneSample = 0;
    std::vector<double> latenciesMs;
    std::vector<double> onsetLatenciesMs;
    QSignalSpy sinkErrors(sink, &DeviceSink::errorOccurred);
    QSignalSpy sourceErrors(source, &DeviceSource::errorOccurred);

    bool first = true;
    connect(pacer, &AudioPacer::tick, sink, [&] {
        // A burst at the start, as after a stall: the sink must not keep it as latency.
        for (int i = 0; first && i < 4; ++i)
            sink->write(AudioFrame {});
        first = false;
        const qint64 now = clock.nsecsElapsed();
        const int p = phase.load();
        if (p >= 2 * Onsets)
            return;
        if (p % 2 == 0 && now - phaseStartNs.load() >= 400'000'000) {
            phase.store(p + 1);
            phaseStartNs.store(now);
            onsetNs.store(now);
            toneSample = 0;
        }
        if (phase.load() % 2 == 1) {
            sink->write(toneFrame(toneSample));
        } else {
            sink->write(AudioFrame {});
        }
    });
    // Detection runs on the media thread too, stamped as the frame arrives.
    std::atomic<qint64> firstFrameNs { -1 };
    connect(source, &DeviceSource::frameReady, source, [&](const AudioFrame &frame) {
        if (firstFrameNs.load() < 0)
            firstFrameNs.store(clock.nsecsElapsed());
        const int p = phase.load();
        if (p % 2 == 0 || !hasTone(frame))
            return;
        const qint64 now = clock.nsecsElapsed();
        // The tone's first sample in this frame: the frame ends now, so the tone reached the
        // microphone (960 - first) samples ago.
        const double threshold = 0.1 * 8192.0;
        const auto first
            = std::find_if(frame.begin(), frame.end(), [&](std::int16_t s) { return std::abs(s) > threshold; });
        const double tailMs = double(frame.end() - first) * 1000.0 / AudioSampleRate;
        latenciesMs.push_back(double(now - onsetNs.load()) / 1e6);
        onsetLatenciesMs.push_back(double(now - onsetNs.load()) / 1e6 - tailMs);
        phase.store(p + 1);
        phaseStartNs.store(now);
    });

    onThreadOf(sink, [&] {
        source->start();
        sink->start();
        pacer->start();
    });
    QVERIFY(sink->isActive());
    QVERIFY(source->isActive());
    std::printf("sink buffer granted: %lld bytes (%.1f ms)\n", qlonglong(sink->grantedBufferBytes()),
        double(sink->grantedBufferBytes()) / 96.0);

    // The stream is tagged as a call for the desktop (PULSE_PROP).
    QTRY_VERIFY_WITH_TIMEOUT(m_pulse.pactl({ QStringLiteral("list"), QStringLiteral("sink-inputs") })
                                 .contains(QStringLiteral("media.role = \"phone\"")),
        5000);

    QTRY_VERIFY_WITH_TIMEOUT(phase.load() >= 2 * Onsets || !sinkErrors.isEmpty() || !sourceErrors.isEmpty(), 15000);
    QCOMPARE(sinkErrors.size(), 0);
    QCOMPARE(sourceErrors.size(), 0);
    QCOMPARE(int(latenciesMs.size()), Onsets);

    auto sorted = latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    auto sortedOnsets = onsetLatenciesMs;
    std::sort(sortedOnsets.begin(), sortedOnsets.end());
    std::printf("round trip, tone written -> detected in a captured frame: min %.1f median %.1f max %.1f ms\n",
        sorted.front(), sorted[sorted.size() / 2], sorted.back());
    std::printf("round trip, tone written -> its first sample captured:    min %.1f median %.1f max %.1f ms\n",
        sortedOnsets.front(), sortedOnsets[sortedOnsets.size() / 2], sortedOnsets.back());
    std::printf("first captured frame %.1f ms after start; each onset:", double(firstFrameNs.load()) / 1e6);
    for (double ms : onsetLatenciesMs)
        std::printf(" %.1f", ms);
    std::printf(" ms\n");
    std::printf("sink frames dropped: %lld\n", qlonglong(sink->droppedFrames()));
    // PLATFORM.md measured 11-14 ms with these buffers; a loaded 2-core machine may add a
    // few frames. A default 145 ms sink buffer or a drifting push would fail this.
    QVERIFY2(sorted[sorted.size() / 2] < 80.0, "the round trip is far above PLATFORM.md's figures");
}

// Qt 6.4.2 drains a sink's stream when it runs dry, with the sink as the callback's data; a
// sink deleted before PulseAudio answers had the answer run into freed memory. Here sinks
// run dry and are stopped at every moment around the underflow: the waits only spread the
// stop over that window; the checks are that the process lives and that every stopped sink
// is deleted once it has waited out RetireDelay.
void TestAudioDevices::stoppedAroundAnUnderflow()
{
    std::int64_t sampleIndex = 0;
    for (int round = 0; round < 3; ++round) {
        for (int waitMs = 0; waitMs <= 40; waitMs += 1) {
            DeviceSink sink(PulseAudioServer::SinkName);
            QSignalSpy errors(&sink, &DeviceSink::errorOccurred);
            sink.start();
            QVERIFY(sink.isActive());
            sink.write(toneFrame(sampleIndex)); // 20 ms, then nothing: the stream runs dry
            QTest::qWait(waitMs);
            sink.stop();
            QCOMPARE(errors.size(), 0);
        }
    }
    QVERIFY(DeviceSink::retiredSinkCount() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(DeviceSink::retiredSinkCount(), 0, int(2 * DeviceSink::RetireDelay.count()));
}

void TestAudioDevices::deadServerIsReportedWithoutBlocking()
{
    // Runs last: it kills the server. The endpoints must report it, not hang the thread.
    auto *sink = new DeviceSink(PulseAudioServer::SinkName);
    auto *source = new DeviceSource(PulseAudioServer::SourceName);
    auto *pacer = new AudioPacer;
    for (QObject *object : std::initializer_list<QObject *> { sink, source, pacer })
        object->moveToThread(&m_mediaThread);
    std::int64_t toneSample = 0;
    connect(pacer, &AudioPacer::tick, sink, [&] { sink->write(toneFrame(toneSample)); });
    QSignalSpy sinkErrors(sink, &DeviceSink::errorOccurred);
    QSignalSpy sourceErrors(source, &DeviceSource::errorOccurred);
    QSignalSpy frames(source, &DeviceSource::frameReady);
    onThreadOf(sink, [&] {
        source->start();
        sink->start();
        pacer->start();
    });
    QVERIFY(frames.wait(5000));

    m_pulse.kill();
    QTRY_VERIFY_WITH_TIMEOUT(!sinkErrors.isEmpty() && !sourceErrors.isEmpty(), 10000);
    std::printf("after the server died: sink said \"%s\", source said \"%s\"\n",
        qPrintable(sinkErrors.first().first().toString()), qPrintable(sourceErrors.first().first().toString()));

    // The media thread still runs events: stopping and deleting on it completes.
    std::atomic<bool> done { false };
    QMetaObject::invokeMethod(sink, [&] {
        pacer->stop();
        sink->stop();
        source->stop();
        delete pacer;
        delete sink;
        delete source;
        done.store(true);
    });
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
}

QTEST_GUILESS_MAIN(TestAudioDevices)
#include "tst_audiodevices.moc"
