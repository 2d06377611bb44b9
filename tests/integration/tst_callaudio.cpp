// SPDX-License-Identifier: GPL-3.0-or-later
// Real audio in a Parla-to-Parla call through the project's Kamailio: AudioCallMedia on a
// MediaEngine's thread, tones for voices and tone detectors for ears. Alice's 1 kHz is heard
// at Bob and Bob's 700 Hz at Alice, DTMF crosses as RFC 4733 events, over Opus and over PCMU
// alone; mouth-to-ear latency on loopback is measured and printed.
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "phonepair.h"
#include "tonecapturesink.h"
#include "tonevoice.h"

#include "calls/audiocallmedia.h"
#include "calls/call.h"
#include "client/callclient.h"
#include "media/mediaengine.h"

#include <QPointer>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::calls::Call;
using parla::media::MediaEngine;
using parla::test::KamailioServer;
using parla::test::PhonePair;
using parla::test::TestPhone;
using parla::test::ToneCaptureSink;
using parla::test::ToneVoice;

namespace {

constexpr int Timeout = 10000;
constexpr int ToneFrames = 10; // 200 ms of the tone without a break
constexpr auto LeadIn = 600ms; // silence before the tone, so its onset can be timed

} // namespace

class TestCallAudio : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<MediaEngine> m_engine;
    std::unique_ptr<PhonePair> m_phones;
    ToneVoice m_alice;
    ToneVoice m_bob;

    bool signIn(TestPhone &phone, const QString &user, AudioCallMedia::EndpointFactory endpoints,
        const QList<QByteArray> &codecs)
    {
        AudioCallMedia::Options options;
        options.engine = m_engine.get();
        options.endpoints = std::move(endpoints);
        options.localAddress = QHostAddress::LocalHost;
        options.codecs = codecs;
        phone.client()->setMediaFactory(AudioCallMedia::factory(options));
        return phone.signIn(TestPhone::demoSession(user, m_kamailio->webSocketUrl()));
    }

    static bool waitForCallState(Call *call, Call::State state)
    {
        return parla::test::waitForCallState(call, state, Timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_kamailio = KamailioServer::attachFromEnvironment();
        QVERIFY(m_kamailio);
        m_engine = std::make_unique<MediaEngine>();
    }
    void init() { m_phones = std::make_unique<PhonePair>(); }
    void cleanup()
    {
        QVERIFY(m_phones->stop());
        m_phones.reset();
    }
    void cleanupTestCase() { m_engine.reset(); }

    void tonesAndDtmfCross_data()
    {
        QTest::addColumn<QList<QByteArray>>("aliceCodecs");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("Opus") << QList<QByteArray> {} << QByteArray("opus");
        // Alice offers PCMU alone (AudioCallMedia's codec restriction); Bob offers all.
        QTest::newRow("PCMU") << QList<QByteArray> { "PCMU" } << QByteArray("PCMU");
    }

    void tonesAndDtmfCross()
    {
        QFETCH(QList<QByteArray>, aliceCodecs);
        QFETCH(QByteArray, expected);
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), m_alice.factory(1000.0, 700.0, LeadIn), aliceCodecs));
        QVERIFY(signIn(m_phones->bob, QStringLiteral("bob"), m_bob.factory(700.0, 1000.0, LeadIn), {}));
        auto [outgoing, incoming] = m_phones->connectCall(Timeout);
        QVERIFY(outgoing && incoming);

        auto *aliceMedia = outgoing->findChild<AudioCallMedia *>();
        auto *bobMedia = incoming->findChild<AudioCallMedia *>();
        QVERIFY(aliceMedia && bobMedia);
        QVERIFY(aliceMedia->isValid() && bobMedia->isValid());
        QCOMPARE(aliceMedia->negotiated()->codec.encodingName, expected);
        QCOMPARE(bobMedia->negotiated()->codec.encodingName, expected);
        QCOMPARE(aliceMedia->negotiated()->remotePort, bobMedia->rtpPort());

        // Each hears the other's tone.
        ToneCaptureSink *bobEars = m_bob.ears();
        ToneCaptureSink *aliceEars = m_alice.ears();
        QVERIFY(bobEars && aliceEars);
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->maxToneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->maxToneRun >= ToneFrames, Timeout);

        // DTMF from Alice arrives at Bob, each digit once.
        QString digits;
        connect(incoming, &Call::dtmfReceived, this, [&digits](QChar digit) { digits += digit; });
        outgoing->sendDtmf(QStringLiteral("159"));
        QTRY_COMPARE_WITH_TIMEOUT(digits, QStringLiteral("159"), Timeout);

        const auto aliceStats = aliceMedia->stats();
        const auto bobStats = bobMedia->stats();
        QVERIFY(bobStats.packetsReceived > 0 && aliceStats.packetsReceived > 0);
        QCOMPARE(bobStats.rejected + bobStats.malformed, 0u);
        qInfo("%s mouth-to-ear on loopback: alice->bob %.1f ms, bob->alice %.1f ms", expected.constData(),
            m_alice.latencyMsTo(m_bob), m_bob.latencyMsTo(m_alice));
        qInfo("%s bob: %llu packets in, %lld lost, %llu late, %llu concealed, jitter %.2f ms", expected.constData(),
            qulonglong(bobStats.packetsReceived), qlonglong(bobStats.packetsLost), qulonglong(bobStats.late),
            qulonglong(bobStats.concealed), bobStats.jitterMs);

        outgoing->hangUp();
        QVERIFY(waitForCallState(incoming, Call::State::Ended));
    }
};

QTEST_GUILESS_MAIN(TestCallAudio)
#include "tst_callaudio.moc"
