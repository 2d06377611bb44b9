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
        QTest::newRow("SRTP not yet") << peer("m=audio 5000 RTP/SAVP 0\r\n")
                                      << QStringLiteral("RTP/SAVP is not supported");
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
};

QTEST_GUILESS_MAIN(TestOfferAnswer)
#include "tst_offeranswer.moc"
