// SPDX-License-Identifier: GPL-3.0-or-later
// AudioCallMedia without SIP: offers and answers handed across by the test (the engine
// thread here), audio on a MediaEngine's thread. Proves the real port in the SDP, the codec
// restriction, tones, DTMF, mute and hold across the two threads, the echo loop, and a
// microphone or speaker switched mid-call (a device that will not open keeps the old one).
#include "tonecapturesink.h"

#include "calls/audiocallmedia.h"
#include "media/mediaengine.h"
#include "media/tonesource.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::media::MediaEngine;
using parla::media::ToneGenerator;
using parla::media::ToneSource;
using parla::test::ToneCaptureSink;

namespace {

constexpr int Timeout = 5000;
constexpr int ToneFrames = 10;

// A tone out, a detector in; the detector is created on the media thread and owned by the stream.
struct Voice
{
    double speaks = 0.0;
    double hears = 0.0;
    std::atomic<ToneCaptureSink *> ears { nullptr };

    AudioCallMedia::EndpointFactory factory()
    {
        return [this] {
            auto *sink = new ToneCaptureSink(hears);
            ears = sink;
            return AudioCallMedia::Endpoints { new ToneSource(ToneGenerator({ { 600s, speaks } }, false, -10.0)),
                sink };
        };
    }
};

// Outlives the endpoint it watches: the stream deletes the one it replaces.
struct Watch
{
    std::atomic<int> frames { 0 };
    std::atomic<int> starts { 0 };
    std::atomic<bool> gone { false };
};

// Ears that count into a Watch and flag their deletion.
class WatchedEars : public ToneCaptureSink
{
public:
    WatchedEars(double frequency, std::shared_ptr<Watch> watch)
        : ToneCaptureSink(frequency)
        , m_watch(std::move(watch))
    {
    }
    ~WatchedEars() override { m_watch->gone = true; }
    void start() override
    {
        ToneCaptureSink::start();
        ++m_watch->starts;
    }
    void write(const parla::media::AudioFrame &frame) override
    {
        ToneCaptureSink::write(frame);
        ++m_watch->frames;
    }

private:
    std::shared_ptr<Watch> m_watch;
};

// A tone that flags its deletion.
class WatchedVoice : public ToneSource
{
public:
    WatchedVoice(double frequency, std::shared_ptr<Watch> watch)
        : ToneSource(ToneGenerator({ { 600s, frequency } }, false, -10.0))
        , m_watch(std::move(watch))
    {
    }
    ~WatchedVoice() override { m_watch->gone = true; }

private:
    std::shared_ptr<Watch> m_watch;
};

// Ears for two tones at once: the old voice and the new one.
class TwoEars : public parla::media::AudioSink
{
public:
    TwoEars(double first, double second)
        : old(first)
        , fresh(second)
    {
    }
    void start() override { m_active = true; }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }
    void write(const parla::media::AudioFrame &frame) override
    {
        old.write(frame);
        fresh.write(frame);
    }
    ToneCaptureSink old;
    ToneCaptureSink fresh;

private:
    std::atomic<bool> m_active { false };
};

// Devices that do not open: start() says why, as DeviceSink and DeviceSource do.
class BrokenSink : public parla::media::AudioSink
{
public:
    explicit BrokenSink(std::shared_ptr<Watch> watch)
        : m_watch(std::move(watch))
    {
    }
    ~BrokenSink() override { m_watch->gone = true; }
    void start() override { Q_EMIT errorOccurred(QStringLiteral("cannot open audio output broken")); }
    void stop() override { }
    bool isActive() const override { return false; }
    void write(const parla::media::AudioFrame &) override { ++m_watch->frames; }

private:
    std::shared_ptr<Watch> m_watch;
};

class BrokenSource : public parla::media::AudioSource
{
public:
    void start() override { Q_EMIT errorOccurred(QStringLiteral("cannot open audio input broken")); }
    void stop() override { }
    bool isActive() const override { return false; }
};

QByteArray audioLine(const QByteArray &sdp)
{
    for (const QByteArray &line : sdp.split('\n'))
        if (line.startsWith("m=audio"))
            return line.trimmed();
    return {};
}

} // namespace

class TestAudioCallMedia : public QObject
{
    Q_OBJECT
private:
    MediaEngine m_engine;

    AudioCallMedia::Options options(AudioCallMedia::EndpointFactory endpoints, QList<QByteArray> codecs = {})
    {
        AudioCallMedia::Options options;
        options.engine = &m_engine;
        options.endpoints = std::move(endpoints);
        options.codecs = std::move(codecs);
        return options;
    }

    // Alice offers, Bob answers, both start.
    static bool connectCall(AudioCallMedia &alice, AudioCallMedia &bob)
    {
        const auto answer = bob.answerOffer(alice.createOffer());
        if (!std::holds_alternative<QByteArray>(answer) || alice.applyAnswer(std::get<QByteArray>(answer)))
            return false;
        alice.start();
        bob.start();
        return true;
    }

private Q_SLOTS:
    void offerCarriesTheBoundPort()
    {
        AudioCallMedia media(options({}));
        QVERIFY2(media.isValid(), qPrintable(media.errorString()));
        QCOMPARE(media.rtpPort() % 2, 0);
        QVERIFY(audioLine(media.createOffer()).startsWith("m=audio " + QByteArray::number(media.rtpPort()) + ' '));
    }

    void restrictedOfferHasOnlyThatCodec()
    {
        AudioCallMedia media(options({}, { "PCMU" }));
        const QByteArray offer = media.createOffer();
        // PCMU (0) and its telephone-event/8000 (101); no Opus, no PCMA, no telephone-event/48000.
        QCOMPARE(audioLine(offer), "m=audio " + QByteArray::number(media.rtpPort()) + " RTP/AVP 0 101");
        QVERIFY(!offer.contains("opus"));
        // As the answerer, it picks PCMU even when Opus comes first in the offer.
        AudioCallMedia offerer(options({}));
        AudioCallMedia answerer(options({}, { "PCMU" }));
        const auto answer = answerer.answerOffer(offerer.createOffer());
        QVERIFY(std::holds_alternative<QByteArray>(answer));
        QCOMPARE(answerer.negotiated()->codec.encodingName, QByteArray("PCMU"));
        QVERIFY(!offerer.applyAnswer(std::get<QByteArray>(answer)));
        QCOMPARE(offerer.negotiated()->codec.encodingName, QByteArray("PCMU"));
    }

    // Over wss:// both sides key SRTP and tones still cross; over ws:// no key is ever written.
    void srtpOnlyWhenSignallingIsSecure()
    {
        Voice aliceVoice { 1000.0, 700.0 };
        Voice bobVoice { 700.0, 1000.0 };
        AudioCallMedia alice(options(aliceVoice.factory()));
        AudioCallMedia bob(options(bobVoice.factory()));
        alice.setSignallingSecure(true);
        bob.setSignallingSecure(true);
        const QByteArray offer = alice.createOffer();
        QVERIFY(audioLine(offer).contains(" RTP/SAVP "));
        QVERIFY(offer.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
        const auto answer = bob.answerOffer(offer);
        QVERIFY(std::holds_alternative<QByteArray>(answer));
        QVERIFY(!alice.applyAnswer(std::get<QByteArray>(answer)));
        QVERIFY(alice.isSecure());
        QVERIFY(bob.isSecure());
        alice.start();
        bob.start();
        QTRY_VERIFY_WITH_TIMEOUT(aliceVoice.ears.load() && aliceVoice.ears.load()->toneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(bobVoice.ears.load() && bobVoice.ears.load()->toneRun >= ToneFrames, Timeout);
        QCOMPARE(alice.stats().srtpRejected + bob.stats().srtpRejected, 0u);

        AudioCallMedia plain(options({}));
        const QByteArray plainOffer = plain.createOffer();
        QVERIFY(!plainOffer.contains("a=crypto"));
        QVERIFY(!plainOffer.contains("SAVP"));
        // An SRTP offer arriving over ws:// is refused, with the reason the 488 carries.
        const auto refused = plain.answerOffer(offer);
        QVERIFY(std::holds_alternative<QString>(refused));
        QVERIFY2(std::get<QString>(refused).contains(QStringLiteral("keys would travel in clear")),
            qPrintable(std::get<QString>(refused)));
        QVERIFY(!plain.isSecure());
    }

    void audioDtmfMuteAndHoldAcrossThreads()
    {
        Voice aliceVoice { 1000.0, 700.0 };
        Voice bobVoice { 700.0, 1000.0 };
        AudioCallMedia alice(options(aliceVoice.factory()));
        AudioCallMedia bob(options(bobVoice.factory()));
        QVERIFY(connectCall(alice, bob));
        ToneCaptureSink *aliceEars = aliceVoice.ears;
        ToneCaptureSink *bobEars = bobVoice.ears;
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->toneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->toneRun >= ToneFrames, Timeout);

        // DTMF is reported on this thread, once per digit.
        QSignalSpy digits(&bob, &AudioCallMedia::dtmfReceived);
        QVERIFY(alice.sendDtmf(QLatin1Char('5')));
        QVERIFY(!alice.sendDtmf(QLatin1Char('x')));
        QTRY_COMPARE_WITH_TIMEOUT(digits.size(), 1, Timeout);
        QCOMPARE(digits.first().first().value<QChar>(), QLatin1Char('5'));

        // Mute: Bob hears silence while packets keep coming.
        alice.setMuted(true);
        const auto received = bob.stats().packetsReceived;
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->silentRun >= ToneFrames, Timeout);
        QVERIFY(bob.stats().packetsReceived >= received + ToneFrames);
        alice.setMuted(false);
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->toneRun >= ToneFrames, Timeout);

        // Alice holds: Bob is told, stops sending (recvonly), and hears only silence from her.
        const auto holdAnswer = bob.answerOffer(alice.createOffer(true));
        QVERIFY(std::holds_alternative<QByteArray>(holdAnswer));
        QVERIFY(!alice.applyAnswer(std::get<QByteArray>(holdAnswer)));
        QVERIFY(bob.isRemoteHolding());
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->silentRun >= ToneFrames, Timeout);
        const auto bobSent = bob.stats().packetsSent;
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->silentRun >= ToneFrames, Timeout);
        QCOMPARE(bob.stats().packetsSent, bobSent);

        // Resume: both voices come back.
        const auto resumeAnswer = bob.answerOffer(alice.createOffer(false));
        QVERIFY(std::holds_alternative<QByteArray>(resumeAnswer));
        QVERIFY(!alice.applyAnswer(std::get<QByteArray>(resumeAnswer)));
        QVERIFY(!bob.isRemoteHolding());
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->toneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->toneRun >= ToneFrames, Timeout);
        alice.stop();
        bob.stop();
    }

    // The quality path: asked on this (engine) thread, answered queued from the media thread.
    void statsArriveWithoutBlocking()
    {
        Voice aliceVoice { 1000.0, 700.0 };
        Voice bobVoice { 700.0, 1000.0 };
        AudioCallMedia alice(options(aliceVoice.factory(), { QByteArrayLiteral("PCMU") }));
        AudioCallMedia bob(options(bobVoice.factory()));
        QVERIFY(connectCall(alice, bob));
        QCOMPARE(alice.codecName(), QStringLiteral("PCMU"));
        ToneCaptureSink *aliceEars = aliceVoice.ears;
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->toneRun >= ToneFrames, Timeout);

        QSignalSpy ready(&alice, &AudioCallMedia::statsReady);
        alice.requestStats();
        QCOMPARE(ready.size(), 0); // nothing waited for the media thread
        QVERIFY(ready.wait(Timeout));
        const auto stats = ready.first().first().value<parla::media::RtpStreamStats>();
        QVERIFY(stats.packetsReceived >= std::uint64_t(ToneFrames));
        QVERIFY(stats.packetsSent > 0);
        alice.stop();
        bob.stop();
    }

    void echoLoopSendsTheCallerBack()
    {
        Voice caller { 1000.0, 1000.0 };
        AudioCallMedia alice(options(caller.factory()));
        AudioCallMedia bot(options(AudioCallMedia::echo()));
        QVERIFY(connectCall(alice, bot));
        QTRY_VERIFY_WITH_TIMEOUT(caller.ears.load() && caller.ears.load()->toneRun >= ToneFrames, Timeout);
    }

    // Bob moves to another speaker mid-call: Alice is then heard there and no longer on the old
    // one, which is closed. His echo canceller is replaced on the way (the echo path changed).
    void speakerSwitchesMidCall()
    {
        const auto oldWatch = std::make_shared<Watch>();
        const auto newWatch = std::make_shared<Watch>();
        std::atomic<WatchedEars *> newEars { nullptr };
        std::atomic<WatchedEars *> oldEars { nullptr };
        AudioCallMedia alice(options([] {
            return AudioCallMedia::Endpoints { new ToneSource(ToneGenerator({ { 600s, 1000.0 } }, false, -10.0)),
                nullptr };
        }));
        auto bobOptions = options([&] {
            oldEars = new WatchedEars(1000.0, oldWatch);
            return AudioCallMedia::Endpoints { nullptr, oldEars.load() };
        });
        bobOptions.echoCancellation = true;
        QByteArray asked;
        bobOptions.outputDevice = [&](const QByteArray &id) -> parla::media::AudioSink * {
            asked = id;
            newEars = new WatchedEars(1000.0, newWatch);
            return newEars;
        };
        AudioCallMedia bob(bobOptions);
        QSignalSpy failures(&bob, &AudioCallMedia::deviceSwitchFailed);
        QVERIFY(connectCall(alice, bob));
        QTRY_VERIFY_WITH_TIMEOUT(oldEars.load()->toneRun >= ToneFrames, Timeout);

        bob.setOutputDevice(QByteArrayLiteral("headset"));
        QTRY_VERIFY_WITH_TIMEOUT(oldWatch->gone, Timeout);
        const int heardOnOld = oldWatch->frames;
        QTRY_VERIFY_WITH_TIMEOUT(newEars.load() && newEars.load()->toneRun >= ToneFrames, Timeout);
        QCOMPARE(asked, QByteArrayLiteral("headset"));
        QCOMPARE(newWatch->starts.load(), 1); // started by the switch, the call being up
        QCOMPARE(oldWatch->frames.load(), heardOnOld);
        QVERIFY(!newWatch->gone);
        QCOMPARE(failures.size(), 0);
        alice.stop();
        bob.stop();
    }

    // Alice moves to another microphone mid-call: Bob then hears the new voice, not the old.
    void microphoneSwitchesMidCall()
    {
        const auto oldWatch = std::make_shared<Watch>();
        std::atomic<TwoEars *> bobEars { nullptr };
        auto aliceOptions = options([&] {
            return AudioCallMedia::Endpoints { new WatchedVoice(1000.0, oldWatch), nullptr };
        });
        aliceOptions.inputDevice = [](const QByteArray &) -> parla::media::AudioSource * {
            return new ToneSource(ToneGenerator({ { 600s, 1400.0 } }, false, -10.0));
        };
        AudioCallMedia alice(aliceOptions);
        AudioCallMedia bob(options([&] {
            bobEars = new TwoEars(1000.0, 1400.0);
            return AudioCallMedia::Endpoints { nullptr, bobEars.load() };
        }));
        QSignalSpy failures(&alice, &AudioCallMedia::deviceSwitchFailed);
        QVERIFY(connectCall(alice, bob));
        TwoEars *ears = bobEars;
        QTRY_VERIFY_WITH_TIMEOUT(ears->old.toneRun >= ToneFrames, Timeout);
        QCOMPARE(ears->fresh.maxToneRun.load(), 0);

        alice.setInputDevice(QByteArrayLiteral("usb-mic"));
        QTRY_VERIFY_WITH_TIMEOUT(oldWatch->gone, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(ears->fresh.toneRun >= ToneFrames, Timeout);
        QCOMPARE(ears->old.toneRun.load(), 0);
        QCOMPARE(failures.size(), 0);
        alice.stop();
        bob.stop();
    }

    // A device that will not open: the call keeps the one it had, and the reason comes back.
    void brokenDeviceKeepsTheOldOne()
    {
        const auto oldWatch = std::make_shared<Watch>();
        const auto brokenWatch = std::make_shared<Watch>();
        std::atomic<WatchedEars *> bobEars { nullptr };
        auto aliceOptions = options([] {
            return AudioCallMedia::Endpoints { new WatchedVoice(1000.0, std::make_shared<Watch>()), nullptr };
        });
        aliceOptions.inputDevice = [](const QByteArray &) -> parla::media::AudioSource * { return new BrokenSource; };
        AudioCallMedia alice(aliceOptions);
        auto bobOptions = options([&] {
            bobEars = new WatchedEars(1000.0, oldWatch);
            return AudioCallMedia::Endpoints { nullptr, bobEars.load() };
        });
        bobOptions.outputDevice
            = [brokenWatch](const QByteArray &) -> parla::media::AudioSink * { return new BrokenSink(brokenWatch); };
        AudioCallMedia bob(bobOptions);
        QVERIFY(connectCall(alice, bob));
        QTRY_VERIFY_WITH_TIMEOUT(bobEars.load()->toneRun >= ToneFrames, Timeout);

        QSignalSpy speakerFailed(&bob, &AudioCallMedia::deviceSwitchFailed);
        bob.setOutputDevice(QByteArrayLiteral("broken"));
        QVERIFY(speakerFailed.wait(Timeout));
        QCOMPARE(speakerFailed.first().first().toString(), QStringLiteral("cannot open audio output broken"));
        QVERIFY(brokenWatch->gone);
        QCOMPARE(brokenWatch->frames.load(), 0);

        QSignalSpy microphoneFailed(&alice, &AudioCallMedia::deviceSwitchFailed);
        alice.setInputDevice(QByteArrayLiteral("broken"));
        QVERIFY(microphoneFailed.wait(Timeout));
        QCOMPARE(microphoneFailed.first().first().toString(), QStringLiteral("cannot open audio input broken"));

        // Both old devices go on: Bob still hears Alice's voice, on his old speaker.
        QVERIFY(!oldWatch->gone);
        const int heard = oldWatch->frames;
        QTRY_VERIFY_WITH_TIMEOUT(oldWatch->frames >= heard + ToneFrames, Timeout);
        QVERIFY(bobEars.load()->toneRun >= ToneFrames);
        alice.stop();
        bob.stop();
    }
};

QTEST_GUILESS_MAIN(TestAudioCallMedia)
#include "tst_audiocallmedia.moc"
