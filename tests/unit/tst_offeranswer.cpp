// SPDX-License-Identifier: GPL-3.0-or-later
// OfferAnswer: the RFC 3264 cases a phone meets. Offers Parla writes, answers to offers from
// baresip, Linphone, SIPp and others (hold, re-offers, several m= lines, no common codec),
// and answers to Parla's offers.
#include "media/offeranswer.h"

#include <QTest>

using parla::media::Direction;
using parla::media::NegotiatedMedia;
using parla::media::NegotiationError;
using parla::media::OfferAnswer;
using parla::media::ParseError;
using parla::media::SdpCrypto;
using parla::media::SessionDescription;

namespace {

const QHostAddress Local(QStringLiteral("192.0.2.10"));
constexpr quint16 LocalPort = 40000;

SessionDescription parseOk(const QByteArray &bytes)
{
    auto result = SessionDescription::parse(bytes);
    if (auto *error = std::get_if<ParseError>(&result))
        qFatal("unexpected SDP error: %s", qPrintable(error->toString()));
    return std::get<SessionDescription>(std::move(result));
}

// A peer's description: its session part at 198.51.100.7 and the given media lines.
QByteArray peer(const QByteArray &media, const QByteArray &connection = "198.51.100.7")
{
    return "v=0\r\no=peer 5 5 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 " + connection + "\r\nt=0 0\r\n" + media;
}

const QByteArray OpusAudio = "m=audio 5000 RTP/AVP 96 0 8 101\r\na=rtpmap:96 opus/48000/2\r\n"
                             "a=fmtp:96 useinbandfec=1\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";

// Why no a=crypto line was usable; empty when one was.
QString reasonOf(const std::variant<SdpCrypto, QString> &crypto)
{
    const auto *reason = std::get_if<QString>(&crypto);
    return reason ? *reason : QString();
}

// RFC 4568 keys: bytes 0-29 and 100-129, in base64.
const QByteArray KeyA = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";
const QByteArray KeyB = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CB";
const QByteArray Crypto80 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA + "\r\n";

QByteArray rawKey(const QByteArray &base64)
{
    return QByteArray::fromBase64(base64);
}

QString describe(const std::variant<OfferAnswer::Answer, NegotiationError> &result)
{
    if (const auto *error = std::get_if<NegotiationError>(&result))
        return error->reason;
    return QString::fromLatin1(std::get<OfferAnswer::Answer>(result).description.toBytes());
}

} // namespace

class TestOfferAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offer()
    {
        OfferAnswer negotiation(Local, LocalPort, 77);
        const QByteArray bytes = negotiation.createOffer().toBytes();
        QCOMPARE(bytes,
            QByteArray("v=0\r\no=- 77 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                       "m=audio 40000 RTP/AVP 111 0 8 110 101\r\n"
                       "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"
                       "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                       "a=rtpmap:110 telephone-event/48000\r\na=fmtp:110 0-16\r\n"
                       "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                       "a=ptime:20\r\na=sendrecv\r\n"));
        // What Parla writes, Parla reads back unchanged.
        QCOMPARE(parseOk(bytes), negotiation.createOffer());
    }

    void offerDirections_data()
    {
        QTest::addColumn<Direction>("direction");
        QTest::addColumn<QByteArray>("attribute");
        QTest::newRow("sendrecv") << Direction::SendRecv << QByteArray("a=sendrecv\r\n");
        QTest::newRow("hold: sendonly") << Direction::SendOnly << QByteArray("a=sendonly\r\n");
        QTest::newRow("recvonly") << Direction::RecvOnly << QByteArray("a=recvonly\r\n");
        QTest::newRow("hold by a held side: inactive") << Direction::Inactive << QByteArray("a=inactive\r\n");
    }

    void offerDirections()
    {
        QFETCH(Direction, direction);
        QFETCH(QByteArray, attribute);
        OfferAnswer negotiation(Local, LocalPort, 1);
        QVERIFY(negotiation.createOffer(direction).toBytes().endsWith(attribute));
    }

    // RFC 3264 §8: the version moves with every change, and only then.
    void sessionVersion()
    {
        OfferAnswer negotiation(Local, LocalPort, 1);
        QCOMPARE(negotiation.createOffer().origin.sessionVersion, QByteArray("1"));
        QCOMPARE(negotiation.createOffer().origin.sessionVersion, QByteArray("1"));
        QCOMPARE(negotiation.createOffer(Direction::SendOnly).origin.sessionVersion, QByteArray("2"));
        negotiation.setLocalPort(40002);
        const SessionDescription moved = negotiation.createOffer(Direction::SendOnly);
        QCOMPARE(moved.origin.sessionVersion, QByteArray("3"));
        QCOMPARE(moved.media.front().port, 40002);
    }

    void answer_data()
    {
        QTest::addColumn<QByteArray>("offer");
        QTest::addColumn<Direction>("wanted");
        QTest::addColumn<QByteArray>("codec");
        QTest::addColumn<int>("payloadType");
        QTest::addColumn<int>("eventPayloadType"); // -1: none
        QTest::addColumn<Direction>("answered");
        QTest::addColumn<QList<int>>("ports"); // of every m= line of the answer
        QTest::addColumn<QList<QByteArray>>("formats"); // of the audio line of the answer
        QTest::addColumn<int>("remotePort");

        const QList<int> one { LocalPort };
        QTest::newRow("baresip: Opus first, DTMF at 8 kHz")
            << peer(OpusAudio) << Direction::SendRecv << QByteArray("opus") << 96 << 101 << Direction::SendRecv << one
            << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("Linphone: DTMF at 48 kHz beside Opus is preferred")
            << peer("m=audio 7078 RTP/AVP 96 0 101 100\r\na=rtpmap:96 opus/48000/2\r\n"
                    "a=rtpmap:101 telephone-event/48000\r\na=rtpmap:100 telephone-event/8000\r\n")
            << Direction::SendRecv << QByteArray("opus") << 96 << 101 << Direction::SendRecv << one
            << QList<QByteArray> { "96", "101" } << 7078;
        QTest::newRow("SIPp: PCMU only, no DTMF")
            << peer("m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n") << Direction::SendRecv << QByteArray("PCMU")
            << 0 << -1 << Direction::SendRecv << one << QList<QByteArray> { "0" } << 6000;
        QTest::newRow("offerer's order wins: PCMA before Opus")
            << peer("m=audio 6000 RTP/AVP 8 96 0\r\na=rtpmap:96 opus/48000/2\r\n") << Direction::SendRecv
            << QByteArray("PCMA") << 8 << -1 << Direction::SendRecv << one << QList<QByteArray> { "8" } << 6000;
        QTest::newRow("unknown codecs first are skipped")
            << peer("m=audio 6000 RTP/AVP 9 18 97 0 101\r\na=rtpmap:97 speex/16000\r\n"
                    "a=rtpmap:101 TELEPHONE-EVENT/8000\r\n")
            << Direction::SendRecv << QByteArray("PCMU") << 0 << 101 << Direction::SendRecv << one
            << QList<QByteArray> { "0", "101" } << 6000;
        QTest::newRow("opus/48000/1 is not Opus (RFC 7587 §7)")
            << peer("m=audio 6000 RTP/AVP 96 0\r\na=rtpmap:96 opus/48000/1\r\n") << Direction::SendRecv
            << QByteArray("PCMU") << 0 << -1 << Direction::SendRecv << one << QList<QByteArray> { "0" } << 6000;
        QTest::newRow("held by the peer: sendonly -> recvonly")
            << peer(OpusAudio + "a=sendonly\r\n") << Direction::SendRecv << QByteArray("opus") << 96 << 101
            << Direction::RecvOnly << one << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("recvonly -> sendonly")
            << peer(OpusAudio + "a=recvonly\r\n") << Direction::SendRecv << QByteArray("opus") << 96 << 101
            << Direction::SendOnly << one << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("inactive -> inactive")
            << peer(OpusAudio + "a=inactive\r\n") << Direction::SendRecv << QByteArray("opus") << 96 << 101
            << Direction::Inactive << one << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("RFC 2543 hold: c=0.0.0.0 -> recvonly")
            << peer(OpusAudio, "0.0.0.0") << Direction::SendRecv << QByteArray("opus") << 96 << 101
            << Direction::RecvOnly << one << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("this side holds: sendrecv offer -> sendonly")
            << peer(OpusAudio) << Direction::SendOnly << QByteArray("opus") << 96 << 101 << Direction::SendOnly << one
            << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("both hold: sendonly offer, sendonly wanted -> inactive")
            << peer(OpusAudio + "a=sendonly\r\n") << Direction::SendOnly << QByteArray("opus") << 96 << 101
            << Direction::Inactive << one << QList<QByteArray> { "96", "101" } << 5000;
        QTest::newRow("video, audio, audio: first audio taken, others port 0")
            << peer("m=video 5002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\nm=audio 5000 RTP/AVP 0\r\n"
                    "m=audio 5004 RTP/AVP 8\r\n")
            << Direction::SendRecv << QByteArray("PCMU") << 0 << -1 << Direction::SendRecv
            << QList<int> { 0, LocalPort, 0 } << QList<QByteArray> { "0" } << 5000;
        QTest::newRow("disabled audio (port 0) skipped for the next one")
            << peer("m=audio 0 RTP/AVP 0\r\nm=audio 5004 RTP/AVP 8\r\n") << Direction::SendRecv << QByteArray("PCMA")
            << 8 << -1 << Direction::SendRecv << QList<int> { 0, LocalPort } << QList<QByteArray> { "8" } << 5004;
        QTest::newRow("RTP/AVPF answered in kind")
            << peer("m=audio 5000 RTP/AVPF 0\r\n") << Direction::SendRecv << QByteArray("PCMU") << 0 << -1
            << Direction::SendRecv << one << QList<QByteArray> { "0" } << 5000;
    }

    void answer()
    {
        QFETCH(QByteArray, offer);
        QFETCH(Direction, wanted);
        QFETCH(QByteArray, codec);
        QFETCH(int, payloadType);
        QFETCH(int, eventPayloadType);
        QFETCH(Direction, answered);
        QFETCH(QList<int>, ports);
        QFETCH(QList<QByteArray>, formats);
        QFETCH(int, remotePort);

        OfferAnswer negotiation(Local, LocalPort, 9);
        const auto result = negotiation.answerOffer(parseOk(offer), wanted);
        const auto *answer = std::get_if<OfferAnswer::Answer>(&result);
        if (!answer)
            QFAIL(qPrintable(describe(result)));
        const NegotiatedMedia &media = answer->media;
        QCOMPARE(media.codec.encodingName, codec);
        QCOMPARE(media.codec.payloadType, payloadType);
        QCOMPARE(media.telephoneEvent ? media.telephoneEvent->payloadType : -1, eventPayloadType);
        QCOMPARE(media.localDirection, answered);
        QCOMPARE(media.remotePort, remotePort);

        // The answer as the peer will read it: same m= count, ports, formats, direction.
        const SessionDescription written = parseOk(answer->description.toBytes());
        QList<int> answeredPorts;
        for (const auto &section : written.media)
            answeredPorts.append(section.port);
        QCOMPARE(answeredPorts, ports);
        QCOMPARE(written.media[media.mediaIndex].formats, formats);
        QCOMPARE(written.direction(media.mediaIndex), answered);
        QCOMPARE(written.media[media.mediaIndex].rtpMap(payloadType)->encodingName, codec);
        QCOMPARE(written.connectionOf(media.mediaIndex)->address, Local);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("offer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no common codec") << peer("m=audio 5000 RTP/AVP 9 18 97\r\na=rtpmap:97 speex/16000\r\n")
                                         << QStringLiteral("no common codec: the offer has 9 18 97");
        QTest::newRow("video only") << peer("m=video 5000 RTP/AVP 96\r\n") << QStringLiteral("no active audio stream");
        QTest::newRow("audio disabled") << peer("m=audio 0 RTP/AVP 0\r\n") << QStringLiteral("no active audio stream");
        QTest::newRow("SRTP over ws://") << peer("m=audio 5000 RTP/SAVP 0\r\n" + Crypto80)
                                         << QStringLiteral("keys would travel in clear");
        QTest::newRow("DTLS-SRTP") << peer("m=audio 5000 UDP/TLS/RTP/SAVPF 0\r\n")
                                   << QStringLiteral("UDP/TLS/RTP/SAVPF is not supported");
    }

    void refused()
    {
        QFETCH(QByteArray, offer);
        QFETCH(QString, reason);
        OfferAnswer negotiation(Local, LocalPort, 9);
        const auto result = negotiation.answerOffer(parseOk(offer));
        const auto *error = std::get_if<NegotiationError>(&result);
        if (!error)
            QFAIL(qPrintable(QStringLiteral("answered: ") + describe(result)));
        QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
        QCOMPARE(error->sipStatus, 488);
    }

    // RFC 3264 §8.3.1: a re-offer may move the peer's port; an unchanged answer keeps its version.
    void reofferWithChangedPort()
    {
        OfferAnswer negotiation(Local, LocalPort, 9);
        const auto first = std::get<OfferAnswer::Answer>(negotiation.answerOffer(parseOk(peer(OpusAudio))));
        QCOMPARE(first.media.remotePort, 5000);
        QByteArray moved = OpusAudio;
        moved.replace("m=audio 5000", "m=audio 5010");
        const auto second
            = std::get<OfferAnswer::Answer>(negotiation.answerOffer(parseOk(peer(moved, "198.51.100.8"))));
        QCOMPARE(second.media.remotePort, 5010);
        QCOMPARE(second.media.remoteAddress, QHostAddress(QStringLiteral("198.51.100.8")));
        QCOMPARE(second.description.origin.sessionVersion, first.description.origin.sessionVersion);
        const auto held
            = std::get<OfferAnswer::Answer>(negotiation.answerOffer(parseOk(peer(moved + "a=sendonly\r\n"))));
        QCOMPARE(held.media.localDirection, Direction::RecvOnly);
        QCOMPARE(held.description.origin.sessionVersion.toInt(), first.description.origin.sessionVersion.toInt() + 1);
        QCOMPARE(held.description.origin.sessionId, first.description.origin.sessionId);
    }

    void acceptAnswer_data()
    {
        QTest::addColumn<Direction>("offered");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("codec"); // empty: refused
        QTest::addColumn<int>("eventPayloadType");
        QTest::addColumn<Direction>("local");
        QTest::addColumn<QString>("reason");

        QTest::newRow("Opus with DTMF at 48 kHz")
            << Direction::SendRecv
            << peer("m=audio 5000 RTP/AVP 111 110\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"
                    "a=rtpmap:110 telephone-event/48000\r\n")
            << QByteArray("opus") << 110 << Direction::SendRecv << QString();
        QTest::newRow("PCMU with DTMF, rtpmap left out for a static type")
            << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n")
            << QByteArray("PCMU") << 101 << Direction::SendRecv << QString();
        QTest::newRow("the answerer's order: PCMA, PCMU")
            << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 8 0\r\n") << QByteArray("PCMA") << -1
            << Direction::SendRecv << QString();
        QTest::newRow("our hold answered recvonly")
            << Direction::SendOnly << peer("m=audio 5000 RTP/AVP 0\r\na=recvonly\r\n") << QByteArray("PCMU") << -1
            << Direction::SendOnly << QString();
        QTest::newRow("our hold answered inactive")
            << Direction::SendOnly << peer("m=audio 5000 RTP/AVP 0\r\na=inactive\r\n") << QByteArray("PCMU") << -1
            << Direction::Inactive << QString();
        QTest::newRow("peer answers sendonly to sendrecv")
            << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 0\r\na=sendonly\r\n") << QByteArray("PCMU") << -1
            << Direction::RecvOnly << QString();
        QTest::newRow("DTMF payload type not offered is dropped")
            << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 0 99\r\na=rtpmap:99 telephone-event/8000\r\n")
            << QByteArray("PCMU") << -1 << Direction::SendRecv << QString();
        QTest::newRow("rejected stream") << Direction::SendRecv << peer("m=audio 0 RTP/AVP 0\r\n") << QByteArray() << -1
                                         << Direction::SendRecv << QStringLiteral("rejected the audio stream");
        QTest::newRow("codec not offered") << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 9\r\n") << QByteArray()
                                           << -1 << Direction::SendRecv << QStringLiteral("no codec of the offer");
        QTest::newRow("payload type remapped")
            << Direction::SendRecv << peer("m=audio 5000 RTP/AVP 111\r\na=rtpmap:111 PCMA/8000\r\n") << QByteArray()
            << -1 << Direction::SendRecv << QStringLiteral("no codec of the offer");
        QTest::newRow("m= lines added") << Direction::SendRecv
                                        << peer("m=audio 5000 RTP/AVP 0\r\nm=video 5002 RTP/AVP 96\r\n") << QByteArray()
                                        << -1 << Direction::SendRecv << QStringLiteral("the offer had 1");
        QTest::newRow("protocol changed") << Direction::SendRecv << peer("m=audio 5000 RTP/SAVP 0\r\n") << QByteArray()
                                          << -1 << Direction::SendRecv << QStringLiteral("changed the stream");
    }

    void acceptAnswer()
    {
        QFETCH(Direction, offered);
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, codec);
        QFETCH(int, eventPayloadType);
        QFETCH(Direction, local);
        QFETCH(QString, reason);

        OfferAnswer negotiation(Local, LocalPort, 9);
        negotiation.createOffer(offered);
        const auto result = negotiation.acceptAnswer(parseOk(answer));
        if (codec.isEmpty()) {
            const auto *error = std::get_if<NegotiationError>(&result);
            QVERIFY2(error, "an unusable answer was accepted");
            QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
            return;
        }
        if (const auto *error = std::get_if<NegotiationError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &media = std::get<NegotiatedMedia>(result);
        QCOMPARE(media.codec.encodingName, codec);
        QCOMPARE(media.telephoneEvent ? media.telephoneEvent->payloadType : -1, eventPayloadType);
        QCOMPARE(media.localDirection, local);
        QCOMPARE(media.remoteAddress, QHostAddress(QStringLiteral("198.51.100.7")));
        QCOMPARE(media.remotePort, 5000);
    }

    void acceptAnswerNeedsAnOffer()
    {
        OfferAnswer negotiation(Local, LocalPort, 9);
        QVERIFY(std::holds_alternative<NegotiationError>(
            negotiation.acceptAnswer(parseOk(peer("m=audio 5000 RTP/AVP 0\r\n")))));
    }

    void remoteFecAndPtime()
    {
        OfferAnswer negotiation(Local, LocalPort, 9);
        const auto answer
            = std::get<OfferAnswer::Answer>(negotiation.answerOffer(parseOk(peer(OpusAudio + "a=ptime:40\r\n"))));
        QVERIFY(answer.media.remoteWantsFec);
        QCOMPARE(answer.media.ptime, 40);
        QVERIFY(answer.media.sends());
        QVERIFY(answer.media.receives());
    }

    // RFC 3605: RTCP where a=rtcp says, else the RTP port + 1 at the RTP address (RFC 3550 §11).
    void rtcpDestination_data()
    {
        QTest::addColumn<QByteArray>("rtcpLine");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("no a=rtcp") << QByteArray() << QStringLiteral("198.51.100.7") << 5001;
        QTest::newRow("a port apart") << QByteArray("a=rtcp:53020\r\n") << QStringLiteral("198.51.100.7") << 53020;
        QTest::newRow("another address") << QByteArray("a=rtcp:53020 IN IP4 203.0.113.9\r\n")
                                         << QStringLiteral("203.0.113.9") << 53020;
        QTest::newRow("ICE placeholder") << QByteArray("a=rtcp:9 IN IP4 0.0.0.0\r\n") << QStringLiteral("198.51.100.7")
                                         << 5001;
    }

    void rtcpDestination()
    {
        QFETCH(QByteArray, rtcpLine);
        QFETCH(QString, address);
        QFETCH(int, port);
        OfferAnswer answering(Local, LocalPort, 9);
        const auto answer = answering.answerOffer(parseOk(peer(OpusAudio + rtcpLine)));
        QVERIFY2(std::holds_alternative<OfferAnswer::Answer>(answer), qPrintable(describe(answer)));
        const NegotiatedMedia &media = std::get<OfferAnswer::Answer>(answer).media;
        QCOMPARE(media.remoteRtcpAddress, QHostAddress(address));
        QCOMPARE(media.remoteRtcpPort, quint16(port));
        // Parla's own RTCP is next to its RTP, so its SDP needs no a=rtcp.
        QVERIFY(!std::get<OfferAnswer::Answer>(answer).description.media[0].attribute("rtcp"));

        OfferAnswer offering(Local, LocalPort, 9);
        offering.createOffer(Direction::SendRecv);
        const auto accepted = offering.acceptAnswer(parseOk(peer("m=audio 5000 RTP/AVP 0\r\n" + rtcpLine)));
        QVERIFY(std::holds_alternative<NegotiatedMedia>(accepted));
        QCOMPARE(std::get<NegotiatedMedia>(accepted).remoteRtcpPort, quint16(port));
    }

    // Over wss://: RTP/SAVP with one fresh AES_CM_128_HMAC_SHA1_80 key, kept across re-offers.
    void secureOffer()
    {
        OfferAnswer negotiation(Local, LocalPort, 77);
        negotiation.setSignallingSecure(true);
        const SessionDescription offer = negotiation.createOffer();
        QCOMPARE(offer.media.size(), 1);
        QCOMPARE(offer.media[0].protocol, QByteArray("RTP/SAVP"));
        const auto crypto = offer.media[0].crypto();
        QVERIFY2(std::holds_alternative<SdpCrypto>(crypto), qPrintable(reasonOf(crypto)));
        const SdpCrypto &line = std::get<SdpCrypto>(crypto);
        QCOMPARE(line.tag, 1);
        QCOMPARE(line.suite, QByteArray("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(line.key.size(), 30);
        // What is written parses back the same: the key survives base64 through oSIP.
        QCOMPARE(parseOk(offer.toBytes()), offer);
        const SessionDescription again = negotiation.createOffer();
        QCOMPARE(again, offer); // same key, same version (RFC 3264 §8)
        QCOMPARE(negotiation.createOffer(Direction::SendOnly).media[0].crypto(), crypto);

        OfferAnswer other(Local, LocalPort, 78);
        other.setSignallingSecure(true);
        QVERIFY(std::get<SdpCrypto>(other.createOffer().media[0].crypto()).key != line.key);
    }

    // Over ws://: no SRTP, no key in the SDP.
    void plainOfferCarriesNoKey()
    {
        OfferAnswer negotiation(Local, LocalPort, 77);
        const QByteArray bytes = negotiation.createOffer().toBytes();
        QVERIFY(bytes.contains("RTP/AVP "));
        QVERIFY(!bytes.contains("SAVP"));
        QVERIFY(!bytes.contains("a=crypto"));
    }

    void secureAnswer_data()
    {
        QTest::addColumn<bool>("secure");
        QTest::addColumn<QByteArray>("offer");
        QTest::addColumn<QByteArray>("protocol"); // of the answer; empty: refused
        QTest::addColumn<int>("tag"); // a=crypto tag taken; -1: plain RTP
        QTest::addColumn<QByteArray>("suite");
        QTest::addColumn<QString>("reason");

        const QByteArray audio = "5000 RTP/SAVP 0\r\n";
        QTest::newRow("SAVP, 80-bit tag") << true << peer("m=audio " + audio + Crypto80) << QByteArray("RTP/SAVP") << 1
                                          << QByteArray("AES_CM_128_HMAC_SHA1_80") << QString();
        QTest::newRow("SAVPF, 32-bit tag, tag 5")
            << true << peer("m=audio 5000 RTP/SAVPF 0\r\na=crypto:5 AES_CM_128_HMAC_SHA1_32 inline:" + KeyA + "\r\n")
            << QByteArray("RTP/SAVPF") << 5 << QByteArray("AES_CM_128_HMAC_SHA1_32") << QString();
        QTest::newRow("lifetime accepted")
            << true << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA + "|2^31\r\n")
            << QByteArray("RTP/SAVP") << 1 << QByteArray("AES_CM_128_HMAC_SHA1_80") << QString();
        QTest::newRow("unusable lines skipped")
            << true
            << peer("m=audio " + audio + "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:" + KeyA + KeyA
                   + "\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA + "|2^20|1:4\r\n"
                   + "a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:" + KeyA + "\r\n")
            << QByteArray("RTP/SAVP") << 3 << QByteArray("AES_CM_128_HMAC_SHA1_32") << QString();
        QTest::newRow("SRTP preferred to a plain section")
            << true << peer("m=audio 6000 RTP/AVP 0\r\nm=audio " + audio + Crypto80) << QByteArray("RTP/SAVP") << 1
            << QByteArray("AES_CM_128_HMAC_SHA1_80") << QString();
        QTest::newRow("plain RTP over wss:// (UDP peers)")
            << true << peer("m=audio 5000 RTP/AVP 0\r\n") << QByteArray("RTP/AVP") << -1 << QByteArray() << QString();
        QTest::newRow("plain section taken over ws://")
            << false << peer("m=audio " + audio + Crypto80 + "m=audio 6000 RTP/AVP 0\r\n") << QByteArray("RTP/AVP")
            << -1 << QByteArray() << QString();
        QTest::newRow("SRTP over ws://") << false << peer("m=audio " + audio + Crypto80) << QByteArray() << -1
                                         << QByteArray() << QStringLiteral("keys would travel in clear");
        QTest::newRow("no a=crypto") << true << peer("m=audio " + audio) << QByteArray() << -1 << QByteArray()
                                     << QStringLiteral("no a=crypto line");
        QTest::newRow("unknown suite") << true
                                       << peer("m=audio " + audio + "a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + KeyA
                                              + "\r\n")
                                       << QByteArray() << -1 << QByteArray()
                                       << QStringLiteral("F8_128_HMAC_SHA1_80 is not supported");
        QTest::newRow("MKI") << true
                             << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA
                                    + "|2^20|1:4\r\n")
                             << QByteArray() << -1 << QByteArray() << QStringLiteral("MKI is not supported");
        QTest::newRow("MKI without lifetime")
            << true << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA + "|1:4\r\n")
            << QByteArray() << -1 << QByteArray() << QStringLiteral("MKI is not supported");
        QTest::newRow("session parameters")
            << true
            << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA + " UNENCRYPTED_SRTP\r\n")
            << QByteArray() << -1 << QByteArray() << QStringLiteral("session parameters (UNENCRYPTED_SRTP)");
        QTest::newRow("two keys") << true
                                  << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA
                                         + ";inline:" + KeyB + "\r\n")
                                  << QByteArray() << -1 << QByteArray() << QStringLiteral("more than one key");
        QTest::newRow("short key")
            << true
            << peer("m=audio " + audio
                   + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=\r\n")
            << QByteArray() << -1 << QByteArray() << QStringLiteral("30 bytes");
        QTest::newRow("key not base64")
            << true
            << peer("m=audio " + audio
                   + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaG!wd\r\n")
            << QByteArray() << -1 << QByteArray() << QStringLiteral("30 bytes");
        QTest::newRow("not inline") << true
                                    << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:" + KeyA
                                           + "\r\n")
                                    << QByteArray() << -1 << QByteArray() << QStringLiteral("must be inline:");
        QTest::newRow("bad lifetime") << true
                                      << peer("m=audio " + audio + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyA
                                             + "|2^99\r\n")
                                      << QByteArray() << -1 << QByteArray() << QStringLiteral("lifetime");
    }

    void secureAnswer()
    {
        QFETCH(bool, secure);
        QFETCH(QByteArray, offer);
        QFETCH(QByteArray, protocol);
        QFETCH(int, tag);
        QFETCH(QByteArray, suite);
        QFETCH(QString, reason);

        OfferAnswer negotiation(Local, LocalPort, 9);
        negotiation.setSignallingSecure(secure);
        const SessionDescription offered = parseOk(offer);
        const auto result = negotiation.answerOffer(offered);
        if (protocol.isEmpty()) {
            const auto *error = std::get_if<NegotiationError>(&result);
            if (!error)
                QFAIL(qPrintable(QStringLiteral("answered: ") + describe(result)));
            QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
            QCOMPARE(error->sipStatus, 488);
            return;
        }
        if (const auto *error = std::get_if<NegotiationError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &answer = std::get<OfferAnswer::Answer>(result);
        const auto &section = answer.description.media[answer.media.mediaIndex];
        QCOMPARE(section.protocol, protocol);
        QCOMPARE(offered.media[answer.media.mediaIndex].protocol, protocol);
        if (tag < 0) {
            QVERIFY(!answer.media.isSecure());
            QVERIFY(!section.attribute("crypto"));
            return;
        }
        const auto crypto = section.crypto();
        QVERIFY2(std::holds_alternative<SdpCrypto>(crypto), qPrintable(reasonOf(crypto)));
        const SdpCrypto &ours = std::get<SdpCrypto>(crypto);
        QCOMPARE(ours.tag, tag);
        QCOMPARE(ours.suite, suite);
        QCOMPARE(ours.key.size(), 30);
        QVERIFY(ours.key != rawKey(KeyA)); // our own key, never the peer's echoed
        QVERIFY(answer.media.srtp);
        QCOMPARE(answer.media.srtp->suite, suite);
        QCOMPARE(answer.media.srtp->localKey, ours.key);
        QCOMPARE(answer.media.srtp->remoteKey, rawKey(KeyA));
        QCOMPARE(parseOk(answer.description.toBytes()), answer.description);
    }

    void secureAcceptAnswer_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("reason"); // empty: accepted

        QTest::newRow("our tag and suite")
            << peer("m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KeyB + "\r\n")
            << QString();
        QTest::newRow("no key") << peer("m=audio 5000 RTP/SAVP 0\r\n") << QStringLiteral("no usable SRTP key");
        QTest::newRow("a tag we did not offer")
            << peer("m=audio 5000 RTP/SAVP 0\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + KeyB + "\r\n")
            << QStringLiteral("does not match");
        QTest::newRow("a suite we did not offer")
            << peer("m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:" + KeyB + "\r\n")
            << QStringLiteral("does not match");
        QTest::newRow("downgraded to RTP/AVP")
            << peer("m=audio 5000 RTP/AVP 0\r\n") << QStringLiteral("changed the stream to audio RTP/AVP");
    }

    void secureAcceptAnswer()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, reason);
        OfferAnswer negotiation(Local, LocalPort, 9);
        negotiation.setSignallingSecure(true);
        const QByteArray ourKey = std::get<SdpCrypto>(negotiation.createOffer().media[0].crypto()).key;
        const auto result = negotiation.acceptAnswer(parseOk(answer));
        if (!reason.isEmpty()) {
            const auto *error = std::get_if<NegotiationError>(&result);
            QVERIFY2(error, "an unusable answer was accepted");
            QVERIFY2(error->reason.contains(reason), qPrintable(error->reason));
            return;
        }
        if (const auto *error = std::get_if<NegotiationError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &media = std::get<NegotiatedMedia>(result);
        QVERIFY(media.isSecure());
        QCOMPARE(media.srtp->suite, QByteArray("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(media.srtp->localKey, ourKey);
        QCOMPARE(media.srtp->remoteKey, rawKey(KeyB));
    }
};

QTEST_GUILESS_MAIN(TestOfferAnswer)
#include "tst_offeranswer.moc"
