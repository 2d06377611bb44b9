// SPDX-License-Identifier: GPL-3.0-or-later
// SRTP end to end: two Parla phones call each other through the project's Kamailio. Over its
// TLS listener (wss://, certificates from TestPki) the SDP is RTP/SAVP with a=crypto and each
// side's tone is heard at its frequency on the other, through libsrtp both ways; over ws:// on
// the same Kamailio the SDP is RTP/AVP and carries no key. Hold and resume keep the keys.
// baresip (libre's SDES and libsrtp, over UDP to the same Kamailio) calls Parla and is called
// with SRTP both ways; a plain baresip is still answered over wss://, unencrypted, and says so,
// but refuses Parla's SRTP-only offer (488).
#include "baresippeer.h"
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "phonepair.h"
#include "testpki.h"
#include "tonecapturesink.h"
#include "tonevoice.h"

#include "calls/audiocallmedia.h"
#include "calls/call.h"
#include "client/callclient.h"
#include "media/goertzeldetector.h"
#include "media/mediaengine.h"

#include <QMutex>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QFile>

#include <memory>
#include <span>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::calls::Call;
using parla::client::Session;
using parla::media::GoertzelDetector;
using parla::media::MediaEngine;
using parla::test::BaresipPeer;
using parla::test::KamailioServer;
using parla::test::PhonePair;
using parla::test::TestPhone;
using parla::test::TestPki;
using parla::test::ToneCaptureSink;
using parla::test::ToneVoice;

namespace {

constexpr int Timeout = 10000;
constexpr int ToneFrames = 10; // 200 ms of the tone without a break
constexpr double BaresipToneHz = 1100; // baresip's ausine

// AudioCallMedia that keeps every SDP it writes, so the test can read what went on the wire.
class RecordingMedia : public AudioCallMedia
{
public:
    using AudioCallMedia::AudioCallMedia;
    QList<QByteArray> written;

    QByteArray createOffer(bool hold) override
    {
        written.append(AudioCallMedia::createOffer(hold));
        return written.back();
    }
    std::variant<QByteArray, QString> answerOffer(const QByteArray &offer) override
    {
        auto answer = AudioCallMedia::answerOffer(offer);
        if (const auto *bytes = std::get_if<QByteArray>(&answer))
            written.append(*bytes);
        return answer;
    }
};

} // namespace

class TestSrtpCall : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<MediaEngine> m_engine;
    std::unique_ptr<PhonePair> m_phones;
    ToneVoice m_alice;
    ToneVoice m_bob;

    bool signIn(TestPhone &phone, const QString &user, const QUrl &server, AudioCallMedia::EndpointFactory endpoints)
    {
        AudioCallMedia::Options options;
        options.engine = m_engine.get();
        options.localAddress = QHostAddress::LocalHost;
        options.endpoints = std::move(endpoints);
        phone.client()->setMediaFactory([options]() { return new RecordingMedia(options); });
        Session session = TestPhone::demoSession(user, server);
        session.domain = QStringLiteral("127.0.0.1");
        session.caFile = m_pki->caCertificate();
        return phone.signIn(session);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = std::make_unique<TestPki>(m_dir.path());
        QVERIFY2(m_pki->create(), qPrintable(m_pki->errorString()));
        m_kamailio = std::make_unique<KamailioServer>();
        m_kamailio->setTls(m_pki->valid().certificate, m_pki->valid().key);
        QVERIFY2(m_kamailio->start(), qPrintable(m_kamailio->errorString()));
        QVERIFY(m_kamailio->secureWebSocketUrl().isValid());
        m_engine = std::make_unique<MediaEngine>();
    }
    void init() { m_phones = std::make_unique<PhonePair>(); }
    void cleanup()
    {
        QVERIFY(m_phones->stop());
        m_phones.reset();
    }
    void cleanupTestCase()
    {
        m_engine.reset();
        m_kamailio.reset();
    }

    void tonesCrossOverSrtp()
    {
        const QUrl wss = m_kamailio->secureWebSocketUrl();
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), wss, m_alice.factory(1000.0, 700.0)));
        QVERIFY(signIn(m_phones->bob, QStringLiteral("bob"), wss, m_bob.factory(700.0, 1000.0)));
        auto [outgoing, incoming] = m_phones->connectCall(Timeout);
        QVERIFY(outgoing && incoming);

        auto *aliceMedia = outgoing->findChild<RecordingMedia *>();
        auto *bobMedia = incoming->findChild<RecordingMedia *>();
        QVERIFY(aliceMedia && bobMedia);
        // The negotiated profile is SRTP on both sides, and says so to the user.
        QVERIFY(outgoing->isSecure());
        QVERIFY(incoming->isSecure());
        QVERIFY(outgoing->property("secure").toBool());
        QCOMPARE(aliceMedia->negotiated()->srtp->suite, QByteArray("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(bobMedia->negotiated()->srtp->suite, QByteArray("AES_CM_128_HMAC_SHA1_80"));
        // Each side receives with the key the other sends with.
        QCOMPARE(aliceMedia->negotiated()->srtp->remoteKey, bobMedia->negotiated()->srtp->localKey);
        QCOMPARE(bobMedia->negotiated()->srtp->remoteKey, aliceMedia->negotiated()->srtp->localKey);
        for (const QByteArray &sdp : aliceMedia->written + bobMedia->written) {
            QVERIFY2(sdp.contains(" RTP/SAVP ") && sdp.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"),
                sdp.constData());
        }

        ToneCaptureSink *bobEars = m_bob.ears();
        ToneCaptureSink *aliceEars = m_alice.ears();
        QVERIFY(bobEars && aliceEars);
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->maxToneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->maxToneRun >= ToneFrames, Timeout);
        const auto aliceStats = aliceMedia->stats();
        const auto bobStats = bobMedia->stats();
        QVERIFY(aliceStats.packetsReceived > 0 && bobStats.packetsReceived > 0);
        QCOMPARE(aliceStats.srtpRejected + bobStats.srtpRejected, 0u);
        QCOMPARE(aliceStats.malformed + bobStats.malformed, 0u);
        qInfo("SRTP call: alice received %llu packets, bob %llu, none refused", qulonglong(aliceStats.packetsReceived),
            qulonglong(bobStats.packetsReceived));

        // Hold and resume are re-INVITEs: the same keys are offered and answered again, so the
        // SRTP contexts (and their rollover counters) carry on and nothing is refused.
        const auto keys = aliceMedia->negotiated()->srtp;
        outgoing->hold();
        QVERIFY(parla::test::waitForCallState(outgoing, Call::State::Held, Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->silentRun >= ToneFrames, Timeout);
        outgoing->unhold();
        QVERIFY(parla::test::waitForCallState(outgoing, Call::State::Active, Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->toneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(aliceEars->toneRun >= ToneFrames, Timeout);
        QCOMPARE(aliceMedia->negotiated()->srtp, keys);
        QVERIFY(outgoing->isSecure() && incoming->isSecure());
        QCOMPARE(aliceMedia->stats().srtpRejected + bobMedia->stats().srtpRejected, 0u);
        QVERIFY(aliceMedia->written.size() >= 3); // offer, hold, resume

        outgoing->hangUp();
        QVERIFY(parla::test::waitForCallState(incoming, Call::State::Ended, Timeout));
    }

    void baresip_data()
    {
        QTest::addColumn<QString>("mediaEncryption");
        QTest::addColumn<bool>("baresipCalls");
        QTest::addColumn<bool>("secure");
        QTest::newRow("baresip calls with SRTP") << QStringLiteral("srtp-mand") << true << true;
        QTest::newRow("Parla calls baresip with SRTP") << QStringLiteral("srtp-mand") << false << true;
        QTest::newRow("plain baresip calls over wss://") << QString() << true << false;
    }

    void baresip()
    {
        QFETCH(QString, mediaEncryption);
        QFETCH(bool, baresipCalls);
        QFETCH(bool, secure);
        if (!BaresipPeer::isAvailable() || !QFile::exists(QStringLiteral("/usr/lib/baresip/modules/srtp.so")))
            QSKIP("baresip with its srtp module is not installed");
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), m_kamailio->secureWebSocketUrl(),
            m_alice.factory(700.0, BaresipToneHz)));
        BaresipPeer::Options options;
        options.user = QStringLiteral("carol");
        options.registrarPort = m_kamailio->udpPort();
        options.toneHz = BaresipToneHz;
        options.mediaEncryption = mediaEncryption;
        BaresipPeer carol(options);
        QVERIFY2(carol.start(), qPrintable(carol.errorString()));

        QPointer<Call> call;
        if (baresipCalls) {
            QVERIFY2(carol.dial(QStringLiteral("sip:alice@127.0.0.1:%1").arg(m_kamailio->udpPort())),
                qPrintable(carol.errorString()));
            call = m_phones->alice.waitForIncoming(0, Timeout);
            QVERIFY(parla::test::waitForCallState(call, Call::State::Ringing, Timeout));
            call->answer();
        } else {
            call = m_phones->alice.client()->call(QStringLiteral("carol"));
            QVERIFY(call);
            QVERIFY2(
                !carol.waitForEvent(QStringLiteral("CALL_INCOMING")).isEmpty(), qPrintable(carol.log().right(3000)));
            QVERIFY2(carol.accept(), qPrintable(carol.errorString()));
        }
        QVERIFY2(
            parla::test::waitForCallState(call, Call::State::Active, Timeout), qPrintable(carol.log().right(3000)));
        QVERIFY2(
            !carol.waitForEvent(QStringLiteral("CALL_ESTABLISHED")).isEmpty(), qPrintable(carol.log().right(3000)));
        auto *media = call->findChild<RecordingMedia *>();
        QVERIFY(media && media->negotiated());
        QCOMPARE(call->isSecure(), secure);
        QCOMPARE(media->negotiated()->isSecure(), secure);

        // Each hears the other: Parla's sink the ausine, baresip's recording Parla's tone.
        ToneCaptureSink *ears = m_alice.ears();
        QVERIFY(ears);
        QTRY_VERIFY_WITH_TIMEOUT(ears->maxToneRun >= ToneFrames, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            BaresipPeer::readWav(carol.receivedRecordingPath()).value_or(BaresipPeer::Recording {}).toneSeconds(700.0)
                >= 1.0,
            Timeout);
        // No RTP refused. (baresip's RTCP may be: a lone APP packet, or one sent before its
        // SRTCP is keyed; both count as rtcpMalformed, as the RTCP of a plain call would.)
        const auto stats = media->stats();
        QCOMPARE(stats.srtpRejected, 0u);
        if (secure)
            qInfo("baresip: %s, Parla received %llu SRTP packets, none refused",
                media->negotiated()->srtp->suite.constData(), qulonglong(stats.packetsReceived));
        call->hangUp();
        QVERIFY(parla::test::waitForCallState(call, Call::State::Ended, Timeout));
    }

    // The other way round Parla offers only SRTP: a peer without it refuses the offer, and the
    // call ends with the peer's reason rather than going on unencrypted.
    void plainBaresipRefusesTheSrtpOffer()
    {
        if (!BaresipPeer::isAvailable())
            QSKIP("baresip is not installed");
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), m_kamailio->secureWebSocketUrl(),
            m_alice.factory(700.0, BaresipToneHz)));
        BaresipPeer::Options options;
        options.user = QStringLiteral("carol");
        options.registrarPort = m_kamailio->udpPort();
        options.autoAnswer = true;
        BaresipPeer carol(options);
        QVERIFY2(carol.start(), qPrintable(carol.errorString()));
        QPointer<Call> call = m_phones->alice.client()->call(QStringLiteral("carol"));
        QVERIFY(call);
        QVERIFY2(parla::test::waitForCallState(call, Call::State::Ended, Timeout), qPrintable(carol.log().right(3000)));
        qInfo().noquote() << "ended:" << call->endReasonText();
        QCOMPARE(call->endReason(), Call::EndReason::Failed);
        QVERIFY2(call->endReasonText().contains(QLatin1String("488")), qPrintable(call->endReasonText()));
        QVERIFY(!call->isSecure());
    }

    void noKeyOverPlainWebSocket()
    {
        const QUrl ws = m_kamailio->webSocketUrl();
        QVERIFY(signIn(m_phones->alice, QStringLiteral("alice"), ws, m_alice.factory(1000.0, 700.0)));
        QVERIFY(signIn(m_phones->bob, QStringLiteral("bob"), ws, m_bob.factory(700.0, 1000.0)));
        auto [outgoing, incoming] = m_phones->connectCall(Timeout);
        QVERIFY(outgoing && incoming);
        auto *aliceMedia = outgoing->findChild<RecordingMedia *>();
        auto *bobMedia = incoming->findChild<RecordingMedia *>();
        QVERIFY(aliceMedia && bobMedia);
        QVERIFY(!outgoing->isSecure());
        QVERIFY(!incoming->isSecure());
        QVERIFY(!aliceMedia->written.isEmpty() && !bobMedia->written.isEmpty());
        for (const QByteArray &sdp : aliceMedia->written + bobMedia->written) {
            QVERIFY2(sdp.contains(" RTP/AVP ") && !sdp.contains("a=crypto") && !sdp.contains("SAVP"), sdp.constData());
        }
        ToneCaptureSink *bobEars = m_bob.ears();
        QVERIFY(bobEars);
        QTRY_VERIFY_WITH_TIMEOUT(bobEars->maxToneRun >= ToneFrames, Timeout);
        outgoing->hangUp();
        QVERIFY(parla::test::waitForCallState(incoming, Call::State::Ended, Timeout));
    }
};

QTEST_GUILESS_MAIN(TestSrtpCall)
#include "tst_srtpcall.moc"
