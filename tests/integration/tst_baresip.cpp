// SPDX-License-Identifier: GPL-3.0-or-later
// Parla calls baresip and baresip calls Parla through the project's real Kamailio: Parla over
// WebSocket, baresip (Debian's 1.0.0, BaresipPeer) over UDP, over Opus and over PCMU only. The
// call rings, connects with the codec asked for, and ends cleanly from either side: the side
// that hangs up sees its own hang-up, the other the far end's, and neither a failure. Audio
// flows both ways: Parla's tone (AudioCallMedia, a ToneSource) is found at its frequency in
// what baresip received (its sndfile recording), baresip's (ausine) by Parla's ToneCaptureSink.
#include "baresippeer.h"
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "tonecapturesink.h"

#include "calls/audiocallmedia.h"
#include "calls/call.h"
#include "client/callclient.h"
#include "media/goertzeldetector.h"
#include "media/mediaengine.h"
#include "media/tonesource.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <span>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Session;
using parla::media::GoertzelDetector;
using parla::test::BaresipPeer;
using parla::test::KamailioServer;
using parla::test::ToneCaptureSink;
using State = CallClient::State;

Q_DECLARE_METATYPE(BaresipPeer::Codec)

class TestBaresip : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<CallClient> m_parla;
    std::unique_ptr<BaresipPeer> m_baresip;
    std::unique_ptr<parla::media::MediaEngine> m_mediaEngine;
    QList<QPointer<Call>> m_incoming;
    // What Parla hears in the current call; owned by its stream on the media thread, read only
    // while the call is up.
    std::atomic<ToneCaptureSink *> m_heard { nullptr };

    static constexpr double ParlaToneHz = 700; // Parla sends this
    static constexpr double BaresipToneHz = 1100; // baresip sends this (ausine)

    // Each side hears the other's tone: a second of it in baresip's recording, half a second
    // without a break at Parla's sink.
    void checkAudioBothWays(AudioCallMedia *media)
    {
        const bool heard = QTest::qWaitFor([this] { return m_heard.load() && m_heard.load()->maxToneRun >= 25; }, 5000);
        const auto stats = media->stats();
        const ToneCaptureSink *sink = m_heard.load();
        QVERIFY2(heard,
            qPrintable(QStringLiteral("Parla heard %1 frames, longest tone run %2; RTP sent %3, received %4, "
                                      "rejected %5, malformed %6, concealed %7")
                           .arg(sink ? sink->frames.load() : -1)
                           .arg(sink ? sink->maxToneRun.load() : -1)
                           .arg(stats.packetsSent)
                           .arg(stats.packetsReceived)
                           .arg(stats.rejected)
                           .arg(stats.malformed)
                           .arg(stats.concealed)));
        QTRY_VERIFY_WITH_TIMEOUT(BaresipPeer::readWav(m_baresip->receivedRecordingPath())
                                     .value_or(BaresipPeer::Recording {})
                                     .toneSeconds(ParlaToneHz)
                >= 1.0,
            5000);
    }

    static bool waitForCallState(Call *call, Call::State state, int timeoutMs = 5000)
    {
        return parla::test::waitForCallState(call, state, timeoutMs);
    }

    // baresip's encoding name for the codec asked for, as Parla's negotiation reports it.
    static QByteArray encodingName(BaresipPeer::Codec codec)
    {
        return codec == BaresipPeer::Codec::Opus ? QByteArrayLiteral("opus") : QByteArrayLiteral("PCMU");
    }

    bool startBaresip(BaresipPeer::Codec codec)
    {
        BaresipPeer::Options options;
        options.user = QStringLiteral("carol");
        options.registrarPort = m_kamailio->udpPort();
        options.codec = codec;
        options.toneHz = BaresipToneHz;
        m_baresip = std::make_unique<BaresipPeer>(options);
        if (m_baresip->start())
            return true;
        qWarning().noquote() << m_baresip->errorString();
        return false;
    }

    // The call has ended everywhere: Parla's side with `parlaReason`, baresip's with CALL_CLOSED.
    void checkEnded(Call *call, Call::EndReason parlaReason)
    {
        QVERIFY(waitForCallState(call, Call::State::Ended));
        QCOMPARE(call->endReason(), parlaReason);
        const QJsonObject closed = m_baresip->waitForEvent(QStringLiteral("CALL_CLOSED"));
        QVERIFY2(!closed.isEmpty(), qPrintable(m_baresip->log().right(3000)));
        // baresip says why: "Connection reset by user" (it hung up) or "... by peer" (BYE came).
        const QString why = closed.value(QStringLiteral("param")).toString();
        const bool byBaresip = parlaReason == Call::EndReason::HungUpThere;
        QVERIFY2(why.contains(byBaresip ? QLatin1String("by user") : QLatin1String("by peer")), qPrintable(why));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!BaresipPeer::isAvailable())
            QSKIP("baresip (with ctrl_tcp, ausine, aufile, aubridge, sndfile, opus, g711) is not installed");
        m_kamailio = KamailioServer::attachFromEnvironment();
        QVERIFY(m_kamailio);
        m_mediaEngine = std::make_unique<parla::media::MediaEngine>();
    }

    void cleanupTestCase() { m_mediaEngine.reset(); }

    void init()
    {
        m_parla = std::make_unique<CallClient>();
        m_heard = nullptr;
        AudioCallMedia::Options media;
        media.engine = m_mediaEngine.get();
        media.endpoints = [this] {
            auto *heard = new ToneCaptureSink(BaresipToneHz);
            m_heard = heard;
            return AudioCallMedia::Endpoints {
                new parla::media::ToneSource(parla::media::ToneGenerator({ { 60s, ParlaToneHz } }, true, -12.0)), heard
            };
        };
        m_parla->setMediaFactory(AudioCallMedia::factory(media));
        m_incoming.clear();
        connect(m_parla.get(), &CallClient::incomingCall, this, [this](Call *call) { m_incoming.append(call); });
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("alice-secret");
        m_parla->start(session);
        QVERIFY(parla::test::waitForState(m_parla.get(), State::Running));
    }

    void cleanup()
    {
        if (m_baresip && QTest::currentTestFailed())
            qWarning().noquote() << "baresip's output:\n" << m_baresip->log().right(4000);
        m_baresip.reset();
        QSignalSpy didStop(m_parla.get(), &CallClient::didStop);
        m_parla->stop();
        didStop.wait(3000);
        m_parla.reset();
    }

    void parlaCallsBaresip_data()
    {
        QTest::addColumn<BaresipPeer::Codec>("codec");
        QTest::addColumn<bool>("parlaHangsUp");
        QTest::newRow("opus, Parla hangs up") << BaresipPeer::Codec::Opus << true;
        QTest::newRow("opus, baresip hangs up") << BaresipPeer::Codec::Opus << false;
        QTest::newRow("pcmu, Parla hangs up") << BaresipPeer::Codec::Pcmu << true;
        QTest::newRow("pcmu, baresip hangs up") << BaresipPeer::Codec::Pcmu << false;
    }

    void parlaCallsBaresip()
    {
        QFETCH(BaresipPeer::Codec, codec);
        QFETCH(bool, parlaHangsUp);
        QVERIFY(startBaresip(codec));

        Call *call = m_parla->call(QStringLiteral("carol"));
        QVERIFY(call);
        const QJsonObject incoming = m_baresip->waitForEvent(QStringLiteral("CALL_INCOMING"));
        QVERIFY2(!incoming.isEmpty(), qPrintable(m_baresip->log().right(3000)));
        QVERIFY2(incoming.value(QStringLiteral("peeruri")).toString().startsWith(QLatin1String("sip:alice@")),
            qPrintable(incoming.value(QStringLiteral("peeruri")).toString()));
        QVERIFY(waitForCallState(call, Call::State::Ringing)); // baresip's 180
        QVERIFY2(m_baresip->accept(), qPrintable(m_baresip->errorString()));
        QVERIFY(waitForCallState(call, Call::State::Active));
        QVERIFY(!m_baresip->waitForEvent(QStringLiteral("CALL_ESTABLISHED")).isEmpty());

        auto *media = call->findChild<AudioCallMedia *>();
        QVERIFY(media && media->negotiated());
        QCOMPARE(media->negotiated()->codec.encodingName.toLower(), encodingName(codec).toLower());
        checkAudioBothWays(media);

        // Both ends are still up after the second of audio: baresip had the ACK.
        QCOMPARE(call->state(), Call::State::Active);
        QVERIFY(m_baresip->waitForEvent(QStringLiteral("CALL_CLOSED"), 0).isEmpty());

        if (parlaHangsUp)
            call->hangUp();
        else
            QVERIFY2(m_baresip->hangup(), qPrintable(m_baresip->errorString()));
        checkEnded(call, parlaHangsUp ? Call::EndReason::HungUpHere : Call::EndReason::HungUpThere);
    }

    void baresipCallsParla_data() { parlaCallsBaresip_data(); }

    void baresipCallsParla()
    {
        QFETCH(BaresipPeer::Codec, codec);
        QFETCH(bool, parlaHangsUp);
        QVERIFY(startBaresip(codec));

        const QString alice = QStringLiteral("sip:alice@127.0.0.1:%1").arg(m_kamailio->udpPort());
        QVERIFY2(m_baresip->dial(alice), qPrintable(m_baresip->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_incoming.size(), 1, 5000);
        Call *call = m_incoming.first();
        QVERIFY(call);
        QCOMPARE(call->state(), Call::State::Ringing);
        QVERIFY2(call->remoteUri().startsWith(QLatin1String("sip:carol@")), qPrintable(call->remoteUri()));
        QVERIFY(!m_baresip->waitForEvent(QStringLiteral("CALL_RINGING")).isEmpty()); // Parla's 180
        call->answer();
        QVERIFY(waitForCallState(call, Call::State::Active));
        const QJsonObject established = m_baresip->waitForEvent(QStringLiteral("CALL_ESTABLISHED"));
        QVERIFY2(!established.isEmpty(), qPrintable(m_baresip->log().right(3000)));

        auto *media = call->findChild<AudioCallMedia *>();
        QVERIFY(media && media->negotiated());
        QCOMPARE(media->negotiated()->codec.encodingName.toLower(), encodingName(codec).toLower());
        checkAudioBothWays(media);

        // Still up after the second of audio: Parla's 200 was ACKed.
        QCOMPARE(call->state(), Call::State::Active);
        QVERIFY(m_baresip->waitForEvent(QStringLiteral("CALL_CLOSED"), 0).isEmpty());

        if (parlaHangsUp)
            call->hangUp();
        else
            QVERIFY2(m_baresip->hangup(), qPrintable(m_baresip->errorString()));
        checkEnded(call, parlaHangsUp ? Call::EndReason::HungUpHere : Call::EndReason::HungUpThere);
    }

    // A call baresip cancels before Parla answers: Parla's side is missed, baresip's closed.
    void baresipCancelsBeforeAnswer()
    {
        QVERIFY(startBaresip(BaresipPeer::Codec::Opus));
        QVERIFY(m_baresip->dial(QStringLiteral("sip:alice@127.0.0.1:%1").arg(m_kamailio->udpPort())));
        QTRY_COMPARE_WITH_TIMEOUT(m_incoming.size(), 1, 5000);
        Call *call = m_incoming.first();
        QVERIFY(!m_baresip->waitForEvent(QStringLiteral("CALL_RINGING")).isEmpty());
        QVERIFY2(m_baresip->hangup(), qPrintable(m_baresip->errorString()));
        QVERIFY(waitForCallState(call, Call::State::Ended));
        QCOMPARE(call->endReason(), Call::EndReason::Missed);
        QVERIFY(!m_baresip->waitForEvent(QStringLiteral("CALL_CLOSED")).isEmpty());
    }

    // Parla declines: baresip learns it (603) and closes.
    void parlaDeclines()
    {
        QVERIFY(startBaresip(BaresipPeer::Codec::Pcmu));
        QVERIFY(m_baresip->dial(QStringLiteral("sip:alice@127.0.0.1:%1").arg(m_kamailio->udpPort())));
        QTRY_COMPARE_WITH_TIMEOUT(m_incoming.size(), 1, 5000);
        m_incoming.first()->decline();
        const QJsonObject closed = m_baresip->waitForEvent(QStringLiteral("CALL_CLOSED"));
        QVERIFY2(!closed.isEmpty(), qPrintable(m_baresip->log().right(3000)));
        QVERIFY2(closed.value(QStringLiteral("param")).toString().contains(QLatin1String("603")),
            qPrintable(closed.value(QStringLiteral("param")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestBaresip)
#include "tst_baresip.moc"
