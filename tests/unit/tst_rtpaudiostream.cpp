// SPDX-License-Identifier: GPL-3.0-or-later
// Two RtpAudioStreams on loopback, wired to each other: tones cross in both directions over
// Opus, PCMU and PCMA; DTMF arrives once per digit; mute sends silence without stopping the
// stream; what does not come from the peer, or is not RTP, is dropped and counted; lost Opus
// frames are rebuilt from FEC; RTCP goes where a=rtcp says.
#include "recordingsink.h"
#include "syntheticvoice.h"
#include "tonecapturesink.h"

#include "media/audiocodecs.h"
#include "media/opusaudiodecoder.h"
#include "media/opusaudioencoder.h"
#include "media/rtcppacket.h"
#include "media/rtpaudiostream.h"
#include "media/rtppacket.h"
#include "media/srtpsession.h"
#include "media/tonesource.h"
#include "media/wavfilesink.h"
#include "media/wavfilesource.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include <memory>

using namespace std::chrono_literals;
using parla::media::AudioFrame;
using parla::media::Direction;
using parla::media::NegotiatedMedia;
using parla::media::OpusAudioDecoder;
using parla::media::OpusAudioEncoder;
using parla::media::RtpAudioStream;
using parla::media::RtpMap;
using parla::media::RtpPacket;
using parla::media::SrtpKeys;
using parla::media::SrtpSession;
using parla::media::ToneGenerator;
using parla::media::ToneSource;
using parla::test::RecordingSink;
using parla::test::ToneCaptureSink;
namespace codecs = parla::media::codecs;

namespace {

constexpr int Timeout = 5000;
constexpr int ToneFrames = 10; // 200 ms of a tone without a break counts as heard

ToneSource *tone(double frequency)
{
    return new ToneSource(ToneGenerator({ { 600s, frequency } }, false, -10.0));
}

RtpMap codecNamed(const QByteArray &name)
{
    if (name == "opus")
        return { codecs::OpusPayloadType, "opus", codecs::OpusClockRate, codecs::OpusSdpChannels };
    if (name == "PCMU")
        return *RtpMap::staticPayloadType(0);
    return *RtpMap::staticPayloadType(8);
}

NegotiatedMedia towards(const RtpAudioStream &peer, const RtpMap &codec)
{
    NegotiatedMedia media;
    media.codec = codec;
    const bool opus = codecs::isOpus(codec);
    media.telephoneEvent = RtpMap { opus ? codecs::TelephoneEventOpusPayloadType : codecs::TelephoneEventPayloadType,
        "telephone-event", codec.clockRate, 1 };
    media.remoteAddress = QHostAddress::LocalHost;
    media.remotePort = peer.rtpPort();
    return media;
}

// Two streams sending tones to each other, and what each hears.
struct Pair
{
    RtpAudioStream alice;
    RtpAudioStream bob;
    ToneCaptureSink *aliceHears = new ToneCaptureSink(700.0);
    ToneCaptureSink *bobHears = new ToneCaptureSink(1000.0);

    // With `srtp`, Alice sends with its local key and Bob with its remote one (SDES, crosswise).
    bool open(const QByteArray &codecName, const std::optional<SrtpKeys> &srtp = std::nullopt)
    {
        if (!alice.bind(QHostAddress::LocalHost) || !bob.bind(QHostAddress::LocalHost))
            return false;
        alice.setEndpoints(tone(1000.0), aliceHears);
        bob.setEndpoints(tone(700.0), bobHears);
        const RtpMap codec = codecNamed(codecName);
        NegotiatedMedia toBob = towards(bob, codec);
        NegotiatedMedia toAlice = towards(alice, codec);
        if (srtp) {
            toBob.srtp = srtp;
            toAlice.srtp = SrtpKeys { srtp->suite, srtp->remoteKey, srtp->localKey };
        }
        if (!alice.configure(toBob) || !bob.configure(toAlice))
            return false;
        alice.start();
        bob.start();
        return true;
    }
};

} // namespace

class TestRtpAudioStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsAnEvenPortPair();
    void tonesCrossBothWays_data();
    void tonesCrossBothWays();
    void dtmfArrivesOncePerDigit_data();
    void dtmfArrivesOncePerDigit();
    void muteSendsSilence();
    void holdStopsSending();
    void dropsWhatIsNotThePeersRtp();
    void rtcpReportsBothWays();
    void rtcpGoesWhereARtcpSays();
    void reportedLossTurnsOnFec();
    void opusFecRebuildsLostPackets_data();
    void opusFecRebuildsLostPackets();
    void srtpCarriesAudioAndRtcp();
    void srtpDropsPlainForgedAndReplayed();
};

void TestRtpAudioStream::bindsAnEvenPortPair()
{
    RtpAudioStream stream;
    QVERIFY2(stream.bind(QHostAddress::LocalHost), qPrintable(stream.errorString()));
    QCOMPARE(stream.rtpPort() % 2, 0);
    QVERIFY(stream.rtpPort() >= RtpAudioStream::FirstPort);
    // The RTCP port is taken: nobody else can bind it.
    QUdpSocket probe;
    QVERIFY(!probe.bind(QHostAddress::LocalHost, quint16(stream.rtpPort() + 1), QAbstractSocket::DontShareAddress));
    // Asking for a taken pair fails with a reason.
    RtpAudioStream second;
    QVERIFY(!second.bind(QHostAddress::LocalHost, stream.rtpPort()));
    QVERIFY(!second.errorString().isEmpty());
}

void TestRtpAudioStream::tonesCrossBothWays_data()
{
    QTest::addColumn<QByteArray>("codec");
    QTest::newRow("Opus") << QByteArray("opus");
    QTest::newRow("PCMU") << QByteArray("PCMU");
    QTest::newRow("PCMA") << QByteArray("PCMA");
}

void TestRtpAudioStream::tonesCrossBothWays()
{
    QFETCH(QByteArray, codec);
    Pair pair;
    QVERIFY(pair.open(codec));
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->maxToneRun >= ToneFrames, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pair.aliceHears->maxToneRun >= ToneFrames, Timeout);
    const auto stats = pair.bob.stats();
    QVERIFY(stats.packetsReceived > 0);
    QCOMPARE(stats.malformed, 0u);
    QCOMPARE(stats.rejected, 0u);
    qInfo("%s: bob received %llu packets, %lld lost, %llu late, %llu concealed, jitter %.2f ms", codec.constData(),
        qulonglong(stats.packetsReceived), qlonglong(stats.packetsLost), qulonglong(stats.late),
        qulonglong(stats.concealed), stats.jitterMs);
    // Each hears the other's tone, not its own: the detectors are 300 Hz apart.
    ToneCaptureSink *wrongTone = new ToneCaptureSink(1000.0);
    pair.alice.setEndpoints(nullptr, wrongTone);
    QVERIFY(wrongTone->isActive()); // started with the running stream
    QTRY_VERIFY_WITH_TIMEOUT(wrongTone->frames >= ToneFrames, Timeout);
    QCOMPARE(wrongTone->maxToneRun.load(), 0);
}

void TestRtpAudioStream::dtmfArrivesOncePerDigit_data()
{
    tonesCrossBothWays_data();
}

void TestRtpAudioStream::dtmfArrivesOncePerDigit()
{
    QFETCH(QByteArray, codec);
    Pair pair;
    QVERIFY(pair.open(codec));
    QSignalSpy digits(&pair.bob, &RtpAudioStream::dtmfReceived);
    QString received;
    connect(&pair.bob, &RtpAudioStream::dtmfReceived, this, [&received](QChar digit) { received += digit; });
    for (char digit : QByteArray("123#"))
        QVERIFY(pair.alice.sendDtmf(digit));
    QVERIFY(!pair.alice.sendDtmf('x'));
    QTRY_COMPARE_WITH_TIMEOUT(received, QStringLiteral("123#"), Timeout);
    // Every packet of the last press (its repeated end included) is in, and audio after it:
    // still one report per digit.
    const auto sent = pair.alice.stats().packetsSent;
    QTRY_VERIFY_WITH_TIMEOUT(pair.bob.stats().packetsReceived >= sent + 5, Timeout);
    QCOMPARE(received, QStringLiteral("123#"));
    QCOMPARE(pair.bob.stats().dtmfReceived, 4u);
    // The audio left out for the events was heard as silence, not concealed as loss.
    QCOMPARE(pair.bob.stats().concealed, 0u);
}

void TestRtpAudioStream::muteSendsSilence()
{
    Pair pair;
    QVERIFY(pair.open("opus"));
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->toneRun >= ToneFrames, Timeout);
    pair.alice.setMuted(true);
    const auto before = pair.bob.stats().packetsReceived;
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->silentRun >= ToneFrames, Timeout);
    // Silence, not a stopped stream: packets kept arriving all along.
    QVERIFY(pair.bob.stats().packetsReceived >= before + ToneFrames);
    QCOMPARE(pair.bob.stats().concealed, 0u);
    pair.alice.setMuted(false);
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->toneRun >= ToneFrames, Timeout);
}

void TestRtpAudioStream::holdStopsSending()
{
    Pair pair;
    QVERIFY(pair.open("PCMU"));
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->toneRun >= ToneFrames, Timeout);
    // Alice holds: she sends only; Bob, answering, receives only.
    NegotiatedMedia aliceHolds = towards(pair.bob, codecNamed("PCMU"));
    aliceHolds.localDirection = Direction::SendOnly;
    aliceHolds.remoteDirection = Direction::RecvOnly;
    NegotiatedMedia bobHeld = towards(pair.alice, codecNamed("PCMU"));
    bobHeld.localDirection = Direction::RecvOnly;
    bobHeld.remoteDirection = Direction::SendOnly;
    QVERIFY(pair.alice.configure(aliceHolds));
    QVERIFY(pair.bob.configure(bobHeld));
    const auto bobSent = pair.bob.stats().packetsSent;
    QTRY_VERIFY_WITH_TIMEOUT(pair.aliceHears->silentRun >= ToneFrames, Timeout);
    QCOMPARE(pair.bob.stats().packetsSent, bobSent);
    QVERIFY(pair.bobHears->toneRun >= ToneFrames); // Bob still hears Alice
}

void TestRtpAudioStream::dropsWhatIsNotThePeersRtp()
{
    // Bob's peer is a bare socket the test writes packets with.
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QUdpSocket stranger;
    QVERIFY(stranger.bind(QHostAddress::LocalHost, 0));
    RtpAudioStream bob;
    QVERIFY(bob.bind(QHostAddress::LocalHost));
    NegotiatedMedia media = towards(bob, codecNamed("PCMU"));
    media.remotePort = peer.localPort();
    QVERIFY(bob.configure(media));
    bob.start();

    RtpPacket packet;
    packet.payloadType = 0;
    packet.ssrc = 0x1234;
    packet.timestamp = 1000;
    packet.payload = QByteArray(160, char(0xff));
    const auto send = [&](QUdpSocket &from, const QByteArray &bytes) {
        from.writeDatagram(bytes, QHostAddress::LocalHost, bob.rtpPort());
    };
    for (quint16 i = 0; i < 3; ++i) {
        packet.sequenceNumber = i;
        packet.timestamp += 160;
        send(peer, packet.toBytes());
    }
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().packetsReceived, 3u, Timeout);

    RtpPacket foreign = packet;
    foreign.ssrc = 0x9999;
    foreign.sequenceNumber = 3;
    send(peer, foreign.toBytes());
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rejected, 1u, Timeout);

    send(stranger, packet.toBytes()); // right packet, wrong sender
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rejected, 2u, Timeout);

    RtpPacket wrongType = packet;
    wrongType.payloadType = 96;
    send(peer, wrongType.toBytes());
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rejected, 3u, Timeout);

    send(peer, QByteArray("\x80\x00\x01", 3)); // shorter than an RTP header
    QByteArray version1 = packet.toBytes();
    version1[0] = char(0x40);
    send(peer, version1);
    send(peer, QByteArray(2000, char(0x80))); // over MaxDatagramBytes
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().malformed, 3u, Timeout);

    // None of it counted as the peer's audio, and the peer's own still gets through.
    QCOMPARE(bob.stats().packetsReceived, 3u);
    packet.sequenceNumber = 4;
    packet.timestamp += 160;
    send(peer, packet.toBytes());
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().packetsReceived, 4u, Timeout);
}

void TestRtpAudioStream::rtcpReportsBothWays()
{
    Pair pair;
    QVERIFY(pair.open("PCMU"));
    // The first reports go after half the 5 s minimum (RFC 3550 §6.2); each carries a report
    // block about the other's stream. The round trip needs an SR the other side saw before
    // it reported, so it may take the second round (at most 2.5 + 7.5 s).
    QTRY_VERIFY_WITH_TIMEOUT(pair.alice.stats().rtcpReceived >= 1 && pair.bob.stats().rtcpReceived >= 1, 6000);
    QTRY_VERIFY_WITH_TIMEOUT(pair.alice.stats().remoteFractionLost >= 0.0, 6000);
    QCOMPARE(pair.alice.stats().remoteFractionLost, 0.0);
    QTRY_VERIFY_WITH_TIMEOUT(pair.alice.stats().roundTripMs >= 0.0 || pair.bob.stats().roundTripMs >= 0.0, 12000);
    const auto stats = pair.alice.stats().roundTripMs >= 0.0 ? pair.alice.stats() : pair.bob.stats();
    QVERIFY2(stats.roundTripMs < 100.0, qPrintable(QString::number(stats.roundTripMs))); // loopback
    QCOMPARE(pair.alice.stats().rtcpMalformed + pair.bob.stats().rtcpMalformed, 0u);
}

// Opus with in-band FEC from a bare socket, two voiced packets in ten lost: the stream rebuilds
// the lost frames from the packet after them (fecRecovered) where PLC would guess (concealed),
// and what Bob plays over them is far closer to a lossless decode. Without FEC in the packets
// (an encoder told to expect no loss), every loss is concealed.
void TestRtpAudioStream::opusFecRebuildsLostPackets_data()
{
    QTest::addColumn<int>("expectedLoss"); // what the far end's encoder is told
    QTest::newRow("FEC") << 20;
    QTest::newRow("no FEC") << 0;
}

void TestRtpAudioStream::opusFecRebuildsLostPackets()
{
    QFETCH(int, expectedLoss);
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    RtpAudioStream bob;
    QVERIFY(bob.bind(QHostAddress::LocalHost));
    auto *heard = new RecordingSink;
    bob.setEndpoints(nullptr, heard);
    NegotiatedMedia media = towards(bob, codecNamed("opus"));
    media.remotePort = peer.localPort();
    QVERIFY(bob.configure(media));
    bob.start();

    OpusAudioEncoder encoder;
    QVERIFY(encoder.setExpectedPacketLoss(expectedLoss));
    const QList<QList<qint16>> speech = parla::test::syntheticVoice(100);
    RtpPacket packet;
    packet.payloadType = quint8(codecs::OpusPayloadType);
    packet.ssrc = 0x4321;
    int sent = 0;
    int lost = 0;
    QList<QByteArray> packets; // all of them, the lost ones too, for a decode without loss
    QList<int> lostFrames;
    QTimer clock;
    clock.setTimerType(Qt::PreciseTimer);
    connect(&clock, &QTimer::timeout, this, [&] {
        packet.payload = encoder.encode(speech[sent]);
        packets << packet.payload;
        packet.sequenceNumber = quint16(sent);
        packet.timestamp = quint32(sent) * 960;
        // Every fifth voiced frame lost (frames 8, 9 of each 10 are the pause).
        if (sent >= 10 && sent % 10 < 7 && sent % 5 == 1) {
            ++lost;
            lostFrames << sent;
        } else
            peer.writeDatagram(packet.toBytes(), QHostAddress::LocalHost, bob.rtpPort());
        if (++sent == speech.size())
            clock.stop();
    });
    clock.start(20);
    QTRY_VERIFY_WITH_TIMEOUT(!clock.isActive(), 2 * speech.size() * 20 + Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(bob.stats().fecRecovered + bob.stats().concealed >= quint64(lost), Timeout);
    const auto stats = bob.stats();
    QCOMPARE(stats.packetsLost, qint64(lost));
    // How far what Bob played is from what a lossless decode gives, over the lost frames. The
    // stream's decoder matches the lossless one bit for bit up to the first loss, which finds
    // where the first frame sits in what Bob played; the buffer may shift that later by a
    // frame or two (it grows its delay), so each lost frame is placed by the frame before it.
    OpusAudioDecoder reference;
    QList<QList<qint16>> expected;
    for (const QByteArray &payload : packets)
        expected << reference.decode(payload);
    const auto played = heard->frames();
    const auto first = std::find_if(played.begin(), played.end(),
        [&](const AudioFrame &frame) { return std::equal(frame.begin(), frame.end(), expected[0].begin()); });
    QVERIFY(first != played.end());
    const auto distance = [](const AudioFrame &got, const QList<qint16> &want) {
        double sum = 0;
        for (int i = 0; i < parla::media::AudioFrameSamples; ++i)
            sum += double(got[i] - want[i]) * double(got[i] - want[i]);
        return sum;
    };
    double error = 0;
    double energy = 0;
    for (int frame : lostFrames) {
        const qsizetype base = first - played.begin() + frame;
        qsizetype best = -1;
        for (qsizetype at = base - 1; at <= base + 3; ++at) {
            if (at >= 1 && at < std::ssize(played)
                && (best < 0
                    || distance(played[at - 1], expected[frame - 1]) < distance(played[best - 1], expected[frame - 1])))
                best = at;
        }
        QVERIFY(best > 0);
        error += distance(played[best], expected[frame]);
        for (qint16 sample : expected[frame])
            energy += double(sample) * double(sample);
    }
    const double snrDb = 10 * std::log10(energy / std::max(error, 1.0));
    qInfo() << "lost" << lost << "FEC" << stats.fecRecovered << "concealed" << stats.concealed << "SNR over lost frames"
            << snrDb << "dB";
    if (expectedLoss > 0) {
        // Nearly all: the first voiced frame after a pause may carry no FEC for the one before.
        QVERIFY2(stats.fecRecovered >= quint64(lost) - 2, qPrintable(QString::number(stats.fecRecovered)));
        QVERIFY2(snrDb > 10.0, qPrintable(QString::number(snrDb))); // measured: 17 dB
    } else {
        QCOMPARE(stats.fecRecovered, 0u);
        QVERIFY(stats.concealed >= quint64(lost));
        QVERIFY2(snrDb < 5.0, qPrintable(QString::number(snrDb))); // PLC guesses: measured -1.5 dB
    }
}

// RFC 3605: a peer whose RTCP is not on RTP + 1 gets its reports where a=rtcp said.
void TestRtpAudioStream::rtcpGoesWhereARtcpSays()
{
    QUdpSocket peerRtp;
    QUdpSocket peerRtcp; // a port of its own, not peerRtp's + 1
    QVERIFY(peerRtp.bind(QHostAddress::LocalHost, 0));
    QVERIFY(peerRtcp.bind(QHostAddress::LocalHost, 0));
    RtpAudioStream bob;
    QVERIFY(bob.bind(QHostAddress::LocalHost));
    NegotiatedMedia media = towards(bob, codecNamed("PCMU"));
    media.remotePort = peerRtp.localPort();
    media.remoteRtcpAddress = QHostAddress::LocalHost;
    media.remoteRtcpPort = peerRtcp.localPort();
    bob.setEndpoints(tone(1000.0), nullptr);
    QVERIFY(bob.configure(media));
    bob.start();
    // The first report goes after half the 5 s minimum (RFC 3550 §6.2).
    QTRY_VERIFY_WITH_TIMEOUT(peerRtcp.hasPendingDatagrams(), 6000);
    const QNetworkDatagram report = peerRtcp.receiveDatagram();
    QCOMPARE(report.senderPort(), int(bob.rtpPort() + 1));
    QVERIFY(report.data().size() >= 8);
    QCOMPARE(quint8(report.data()[1]), quint8(200)); // an SR: Bob sends audio
    QCOMPARE(bob.stats().rtcpSent, 1u);
}

// libopus codes no FEC while it expects no loss; the loss the peer reports in RTCP is what
// tells it otherwise. Before the report Bob's Opus carries none, after one saying 20% it does.
void TestRtpAudioStream::reportedLossTurnsOnFec()
{
    QTemporaryDir dir;
    const QString voicePath = dir.filePath(QStringLiteral("voice.wav"));
    {
        parla::media::WavFileSink file(voicePath);
        file.start();
        AudioFrame frame {};
        for (const QList<qint16> &samples : parla::test::syntheticVoice(50 * 20)) {
            std::copy(samples.begin(), samples.end(), frame.begin());
            file.write(frame);
        }
        file.stop();
    }
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    RtpAudioStream bob;
    QVERIFY(bob.bind(QHostAddress::LocalHost));
    bob.setEndpoints(new parla::media::WavFileSource(voicePath), nullptr);
    NegotiatedMedia media = towards(bob, codecNamed("opus"));
    media.remotePort = peer.localPort();
    QVERIFY(bob.configure(media));
    bob.start();

    // Bob's packets as they arrive; how many of the last `count` carry FEC.
    QList<QByteArray> payloads;
    connect(&peer, &QUdpSocket::readyRead, this, [&] {
        while (peer.hasPendingDatagrams()) {
            auto parsed = RtpPacket::parse(peer.receiveDatagram().data());
            if (const auto *packet = std::get_if<RtpPacket>(&parsed))
                payloads << packet->payload;
        }
    });
    const auto withFec = [&](qsizetype from) {
        return std::count_if(payloads.begin() + from, payloads.end(), &OpusAudioDecoder::carriesFec);
    };
    QTRY_VERIFY_WITH_TIMEOUT(payloads.size() >= 50, Timeout);
    QCOMPARE(withFec(0), 0);

    parla::media::ReceiverReport report;
    report.ssrc = 0x5555;
    parla::media::ReportBlock block;
    block.ssrc = bob.ssrc();
    block.fractionLost = 51; // 20%
    report.reports << block;
    parla::media::RtcpCompound compound;
    compound.packets << report;
    const qsizetype reportedAt = payloads.size();
    peer.writeDatagram(compound.toBytes(), QHostAddress::LocalHost, quint16(bob.rtpPort() + 1));
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rtcpReceived, 1u, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(payloads.size() >= reportedAt + 50, Timeout);
    // Voiced frames carry it (8 in 10 of this voice), pauses do not.
    QVERIFY2(withFec(reportedAt) >= 25, qPrintable(QString::number(withFec(reportedAt))));
}

void TestRtpAudioStream::srtpCarriesAudioAndRtcp()
{
    Pair pair;
    QVERIFY(pair.open(
        "opus", SrtpKeys { SrtpSession::Suite80.toByteArray(), SrtpSession::randomKey(), SrtpSession::randomKey() }));
    QTRY_VERIFY_WITH_TIMEOUT(pair.bobHears->maxToneRun >= ToneFrames, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pair.aliceHears->maxToneRun >= ToneFrames, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pair.alice.stats().rtcpReceived >= 1 && pair.bob.stats().rtcpReceived >= 1, 6000);
    for (const RtpAudioStream *stream : { &pair.alice, &pair.bob }) {
        const auto stats = stream->stats();
        QCOMPARE(stats.srtpRejected, 0u);
        QCOMPARE(stats.malformed, 0u);
        QCOMPARE(stats.rtcpMalformed, 0u);
    }
}

void TestRtpAudioStream::srtpDropsPlainForgedAndReplayed()
{
    // Bob's peer is a bare socket with an SrtpSession of its own, keyed as the SDP said.
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const QByteArray peerKey = SrtpSession::randomKey();
    const QByteArray bobKey = SrtpSession::randomKey();
    SrtpSession peerSrtp;
    QVERIFY(peerSrtp.setKeys({ SrtpSession::Suite80.toByteArray(), peerKey, bobKey }));
    RtpAudioStream bob;
    QVERIFY(bob.bind(QHostAddress::LocalHost));
    NegotiatedMedia media = towards(bob, codecNamed("PCMU"));
    media.remotePort = peer.localPort();
    media.srtp = SrtpKeys { SrtpSession::Suite80.toByteArray(), bobKey, peerKey };
    QVERIFY(bob.configure(media));
    bob.start();

    RtpPacket packet;
    packet.payloadType = 0;
    packet.ssrc = 0x1234;
    packet.sequenceNumber = 1;
    packet.timestamp = 1000;
    packet.payload = QByteArray(160, char(0xff));
    const auto send
        = [&](const QByteArray &bytes, quint16 port) { peer.writeDatagram(bytes, QHostAddress::LocalHost, port); };

    send(packet.toBytes(), bob.rtpPort()); // plain RTP: no tag
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().srtpRejected, 1u, Timeout);

    QByteArray protectedPacket = packet.toBytes();
    QVERIFY(peerSrtp.protectRtp(protectedPacket));
    send(protectedPacket, bob.rtpPort());
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().packetsReceived, 1u, Timeout);

    send(protectedPacket, bob.rtpPort()); // replayed
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().srtpRejected, 2u, Timeout);

    packet.sequenceNumber = 2;
    QByteArray forged = packet.toBytes();
    QVERIFY(peerSrtp.protectRtp(forged));
    forged[20] = char(forged[20] ^ 0x10);
    send(forged, bob.rtpPort());
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().srtpRejected, 3u, Timeout);

    send(QByteArray::fromHex("80c9000100001234"), quint16(bob.rtpPort() + 1)); // plain RTCP
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rtcpMalformed, 1u, Timeout);
    QCOMPARE(bob.stats().rtcpReceived, 0u);
    QByteArray report = QByteArray::fromHex("80c9000100001234");
    QVERIFY(peerSrtp.protectRtcp(report));
    send(report, quint16(bob.rtpPort() + 1));
    QTRY_COMPARE_WITH_TIMEOUT(bob.stats().rtcpReceived, 1u, Timeout);
    QCOMPARE(bob.stats().packetsReceived, 1u);
}

QTEST_GUILESS_MAIN(TestRtpAudioStream)
#include "tst_rtpaudiostream.moc"
