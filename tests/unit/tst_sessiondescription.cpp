// SPDX-License-Identifier: GPL-3.0-or-later
// SessionDescription: offers as baresip, Linphone, SIPp and browsers write them; malformed
// descriptions, each refused with the reason and line expected, never a crash; round trips.
#include "media/sessiondescription.h"

#include <QTest>

using parla::media::Direction;
using parla::media::ParseError;
using parla::media::SdpCrypto;
using parla::media::SdpRtcp;
using parla::media::SessionDescription;

namespace {

QByteArray sdp(std::initializer_list<const char *> lines)
{
    QByteArray result;
    for (const char *line : lines) {
        result += line;
        result += "\r\n";
    }
    return result;
}

const QByteArray Baresip = sdp({
    "v=0",
    "o=- 1843594516 2057838146 IN IP4 192.168.1.10",
    "s=-",
    "c=IN IP4 192.168.1.10",
    "t=0 0",
    "m=audio 10942 RTP/AVP 96 9 0 8 101",
    "b=AS:512",
    "a=rtpmap:96 opus/48000/2",
    "a=fmtp:96 stereo=1;sprop-stereo=1",
    "a=rtpmap:101 telephone-event/8000",
    "a=fmtp:101 0-15",
    "a=rtcp-rsize",
    "a=sendrecv",
    "a=label:1",
    "a=ssrc:2774410123 cname:b44ee4b4-9bb8-4fa8-a8e4-6a1e0d4b0e6f",
    "a=ptime:20",
});

const QByteArray Linphone = sdp({
    "v=0",
    "o=alice 3456 2178 IN IP4 192.168.0.20",
    "s=Talk",
    "c=IN IP4 192.168.0.20",
    "t=0 0",
    "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics",
    "a=record:off",
    "m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100",
    "a=rtpmap:96 opus/48000/2",
    "a=fmtp:96 useinbandfec=1",
    "a=rtpmap:97 speex/16000",
    "a=fmtp:97 vbr=on",
    "a=rtpmap:98 speex/8000",
    "a=fmtp:98 vbr=on",
    "a=fmtp:18 annexb=yes",
    "a=rtpmap:101 telephone-event/48000",
    "a=rtpmap:99 telephone-event/16000",
    "a=rtpmap:100 telephone-event/8000",
    "a=rtcp-fb:* trr-int 1000",
    "a=rtcp-fb:* ccm tmmbr",
});

const QByteArray Sipp = sdp({
    "v=0",
    "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
    "s=-",
    "c=IN IP4 127.0.0.1",
    "t=0 0",
    "m=audio 6000 RTP/AVP 0",
    "a=rtpmap:0 PCMU/8000",
});

const QByteArray Browser = sdp({
    "v=0",
    "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
    "s=-",
    "t=0 0",
    "a=group:BUNDLE 0 1",
    "a=extmap-allow-mixed",
    "a=msid-semantic: WMS stream",
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
    "c=IN IP4 0.0.0.0",
    "a=rtcp:9 IN IP4 0.0.0.0",
    "a=candidate:1 1 udp 2113937151 192.0.2.5 54400 typ host generation 0 network-id 1",
    "a=ice-ufrag:F7gI",
    "a=ice-pwd:x9cml/YzichV2+XlhiMu8g",
    "a=ice-options:trickle",
    "a=fingerprint:sha-256 "
    "D1:2C:BE:AD:0B:71:3E:FF:2F:11:52:AC:9D:C4:6B:88:F5:21:67:73:8A:3E:64:8F:DD:10:9B:12:4E:55:77:1A",
    "a=setup:actpass",
    "a=mid:0",
    "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "a=sendrecv",
    "a=msid:stream track",
    "a=rtcp-mux",
    "a=rtpmap:111 opus/48000/2",
    "a=rtcp-fb:111 transport-cc",
    "a=fmtp:111 minptime=10;useinbandfec=1",
    "a=rtpmap:63 red/48000/2",
    "a=fmtp:63 111/111",
    "a=rtpmap:9 G722/8000",
    "a=rtpmap:0 PCMU/8000",
    "a=rtpmap:8 PCMA/8000",
    "a=rtpmap:13 CN/8000",
    "a=rtpmap:110 telephone-event/48000",
    "a=rtpmap:126 telephone-event/8000",
    "a=ssrc:3735928559 cname:abcd",
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
    "c=IN IP4 0.0.0.0",
    "a=mid:1",
    "a=sctp-port:5000",
});

const QByteArray Ipv6Hold = sdp({
    "v=0",
    "o=- 7 8 IN IP6 2001:db8::1",
    "s=-",
    "c=IN IP6 2001:db8::1",
    "t=0 0",
    "a=sendonly",
    "m=audio 5004 RTP/AVP 8",
});

// The session part and an audio line, for rows that change one thing after them.
QByteArray withMedia(const QByteArray &mediaLines, const QByteArray &sessionExtra = {})
{
    return "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" + sessionExtra + mediaLines;
}

QByteArray mediaLines(int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "m=audio " + QByteArray::number(4000 + 2 * i) + " RTP/AVP 0\r\n";
    return lines;
}

QByteArray attributes(int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "a=x-attr:" + QByteArray::number(i) + "\r\n";
    return lines;
}

// Why no a=crypto line was usable; empty when one was.
QString reasonOf(const std::variant<SdpCrypto, QString> &crypto)
{
    const auto *reason = std::get_if<QString>(&crypto);
    return reason ? *reason : QString();
}

// An RFC 4568 inline key: bytes 0-29 in base64.
const QByteArray Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";

QByteArray cryptoLines(int count)
{
    QByteArray lines;
    for (int i = 1; i <= count; ++i)
        lines += "a=crypto:" + QByteArray::number(i) + " AES_CM_128_HMAC_SHA1_80 inline:" + Key + "\r\n";
    return lines;
}

SessionDescription parseOk(const QByteArray &bytes)
{
    auto result = SessionDescription::parse(bytes);
    if (auto *error = std::get_if<ParseError>(&result))
        qFatal("unexpected SDP error: %s", qPrintable(error->toString()));
    return std::get<SessionDescription>(std::move(result));
}

} // namespace

class TestSessionDescription : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("mediaCount");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QList<int>>("payloadTypes");
        QTest::addColumn<Direction>("direction");

        QTest::newRow("baresip") << Baresip << 1 << 10942 << QStringLiteral("192.168.1.10")
                                 << QList<int> { 96, 9, 0, 8, 101 } << Direction::SendRecv;
        QTest::newRow("Linphone") << Linphone << 1 << 7078 << QStringLiteral("192.168.0.20")
                                  << QList<int> { 96, 97, 98, 0, 8, 18, 101, 99, 100 } << Direction::SendRecv;
        QTest::newRow("SIPp") << Sipp << 1 << 6000 << QStringLiteral("127.0.0.1") << QList<int> { 0 }
                              << Direction::SendRecv;
        QTest::newRow("browser, media-level c= only")
            << Browser << 2 << 9 << QStringLiteral("0.0.0.0") << QList<int> { 111, 63, 9, 0, 8, 13, 110, 126 }
            << Direction::SendRecv;
        QTest::newRow("IPv6, session-level sendonly")
            << Ipv6Hold << 1 << 5004 << QStringLiteral("2001:db8::1") << QList<int> { 8 } << Direction::SendOnly;
        QTest::newRow("LF line ends, no final newline")
            << QByteArray(Sipp).replace("\r\n", "\n").chopped(1) << 1 << 6000 << QStringLiteral("127.0.0.1")
            << QList<int> { 0 } << Direction::SendRecv;
        QTest::newRow("trailing blanks, empty s=")
            << QByteArray(Sipp).replace("s=-", "s= ").replace("RTP/AVP 0", "RTP/AVP 0 \t") << 1 << 6000
            << QStringLiteral("127.0.0.1") << QList<int> { 0 } << Direction::SendRecv;
        QTest::newRow("16 m= lines, the limit")
            << withMedia(mediaLines(16)) << 16 << 4000 << QStringLiteral("192.0.2.1") << QList<int> { 0 }
            << Direction::SendRecv;
        QTest::newRow("256 attributes, the limit")
            << withMedia("m=audio 4000 RTP/AVP 0\r\n" + attributes(256)) << 1 << 4000 << QStringLiteral("192.0.2.1")
            << QList<int> { 0 } << Direction::SendRecv;
        QTest::newRow("rejected stream without c=")
            << QByteArray("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n") << 1 << 0
            << QString() << QList<int> { 96 } << Direction::SendRecv;
        QTest::newRow("media-level inactive over session sendonly")
            << withMedia("m=audio 4000 RTP/AVP 0\r\na=inactive\r\n", "a=sendonly\r\n") << 1 << 4000
            << QStringLiteral("192.0.2.1") << QList<int> { 0 } << Direction::Inactive;
    }

    void valid()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, mediaCount);
        QFETCH(int, port);
        QFETCH(QString, address);
        QFETCH(QList<int>, payloadTypes);
        QFETCH(Direction, direction);

        auto result = SessionDescription::parse(bytes);
        if (auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->toString()));
        const auto &description = std::get<SessionDescription>(result);
        QCOMPARE(description.media.size(), mediaCount);
        QCOMPARE(description.media[0].port, port);
        const auto connection = description.connectionOf(0);
        QCOMPARE(connection ? connection->address.toString() : QString(), address);
        QCOMPARE(description.media[0].payloadTypes(), payloadTypes);
        QCOMPARE(description.direction(0), direction);

        // What is written back reads as the same description, and writing it again is stable.
        const QByteArray written = description.toBytes();
        const SessionDescription again = parseOk(written);
        QCOMPARE(again, description);
        QCOMPARE(again.toBytes(), written);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("lineNumber");

        const QByteArray session = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty session description") << 0;
        QTest::newRow("too large") << withMedia(mediaLines(1) + attributes(200) + QByteArray(33000, 'x'))
                                   << QStringLiteral("larger than 32768 bytes") << 0;
        QTest::newRow("line too long") << withMedia("m=audio 4000 RTP/AVP 0\r\na=x:" + QByteArray(1100, 'y') + "\r\n")
                                       << QStringLiteral("longer than 1024 bytes") << 7;
        QTest::newRow("NUL byte") << withMedia(QByteArray("m=audio 4000 RTP/AVP 0\r\na=x\0y\r\n", 31))
                                  << QStringLiteral("control character") << 7;
        QTest::newRow("bare CR") << withMedia("m=audio 4000 RTP/AVP 0\ra=sendonly\r\n")
                                 << QStringLiteral("control character") << 6;
        // oSIP stops at an empty line and silently drops every m= after it.
        QTest::newRow("empty line inside") << withMedia("m=audio 4000 RTP/AVP 0\r\n\r\nm=video 5000 RTP/AVP 96\r\n")
                                           << QStringLiteral("empty line inside") << 7;
        QTest::newRow("not type=value") << withMedia("m=audio 4000 RTP/AVP 0\r\nhello\r\n")
                                        << QStringLiteral("not a <type>=<value> line") << 7;
        QTest::newRow("space before =") << withMedia("m = audio 4000 RTP/AVP 0\r\n")
                                        << QStringLiteral("not a <type>=<value> line") << 6;
        QTest::newRow("unknown type") << withMedia("m=audio 4000 RTP/AVP 0\r\nx=1\r\n")
                                      << QStringLiteral("x= is not allowed in a media section") << 7;
        QTest::newRow("no v=") << QByteArray("o=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n")
                               << QStringLiteral("starts with v=0") << 1;
        QTest::newRow("v=1") << QByteArray(session).replace("v=0", "v=1") << QStringLiteral("unsupported SDP version")
                             << 1;
        QTest::newRow("no o=") << QByteArray("v=0\r\ns=-\r\nt=0 0\r\n") << QStringLiteral("no o= line") << 0;
        QTest::newRow("no t=") << QByteArray("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n")
                               << QStringLiteral("no t= line") << 0;
        QTest::newRow("s= before o=") << QByteArray("v=0\r\ns=-\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n")
                                      << QStringLiteral("o= is out of the order") << 3;
        QTest::newRow("o= short") << QByteArray(session).replace("IN IP4 192.0.2.1\r\ns", "IN IP4\r\ns")
                                  << QStringLiteral("o= needs six fields") << 2;
        QTest::newRow("two session c=") << withMedia(mediaLines(1)).replace("t=0", "c=IN IP4 192.0.2.2\r\nt=0")
                                        << QStringLiteral("more than one c=") << 5;
        QTest::newRow("c= after a= in media")
            << withMedia("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\nc=IN IP4 1.2.3.4\r\n")
            << QStringLiteral("c= is out of the order") << 8;
        QTest::newRow("t= in media") << withMedia("m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n")
                                     << QStringLiteral("t= is not allowed in a media section") << 7;
        QTest::newRow("17 m= lines") << withMedia(mediaLines(17)) << QStringLiteral("more than 16 media descriptions")
                                     << 22;
        QTest::newRow("257 attributes") << withMedia("m=audio 4000 RTP/AVP 0\r\n" + attributes(257))
                                        << QStringLiteral("more than 256 attributes") << 263;
        QTest::newRow("65 formats") << withMedia("m=audio 4000 RTP/AVP" + QByteArray(" 0").repeated(65) + "\r\n")
                                    << QStringLiteral("more than 64 formats") << 6;
        QTest::newRow("port 70000") << withMedia("m=audio 70000 RTP/AVP 0\r\n")
                                    << QStringLiteral("port must be 0-65535") << 6;
        QTest::newRow("port abc") << withMedia("m=audio abc RTP/AVP 0\r\n") << QStringLiteral("port must be a number")
                                  << 6;
        QTest::newRow("port count 0") << withMedia("m=audio 4000/0 RTP/AVP 0\r\n")
                                      << QStringLiteral("number of ports must be 1-16") << 6;
        QTest::newRow("no format") << withMedia("m=audio 4000 RTP/AVP\r\n") << QStringLiteral("at least one format")
                                   << 6;
        QTest::newRow("tab inside m=") << withMedia("m=audio\t4000 RTP/AVP 0\r\n")
                                       << QStringLiteral("m= needs media, port, protocol") << 6;
        QTest::newRow("double space in m=")
            << withMedia("m=audio  4000 RTP/AVP 0\r\n") << QStringLiteral("m= needs media, port, protocol") << 6;
        QTest::newRow("payload type 128")
            << withMedia("m=audio 4000 RTP/AVP 0 128\r\n") << QStringLiteral("payload types must be 0-127") << 6;
        QTest::newRow("payload type not a number")
            << withMedia("m=audio 4000 RTP/AVP PCMU\r\n") << QStringLiteral("payload types must be 0-127") << 6;
        QTest::newRow("format twice") << withMedia("m=audio 4000 RTP/AVP 0 8 0\r\n") << QStringLiteral("listed twice")
                                      << 6;
        QTest::newRow("IPv4 out of range")
            << withMedia(mediaLines(1)).replace("c=IN IP4 192.0.2.1", "c=IN IP4 999.0.2.1")
            << QStringLiteral("not an IPv4 address") << 4;
        QTest::newRow("IPv4 short form") << withMedia(mediaLines(1)).replace("c=IN IP4 192.0.2.1", "c=IN IP4 127.1")
                                         << QStringLiteral("not an IPv4 address") << 4;
        QTest::newRow("host name") << withMedia(mediaLines(1)).replace("c=IN IP4 192.0.2.1", "c=IN IP4 pbx.example.com")
                                   << QStringLiteral("host names are not resolved") << 4;
        QTest::newRow("IP6 type, IPv4 address")
            << withMedia(mediaLines(1)).replace("c=IN IP4 192.0.2.1", "c=IN IP6 192.0.2.1")
            << QStringLiteral("not an IPv6 address") << 4;
        QTest::newRow("network type ATM") << withMedia(mediaLines(1)).replace("c=IN IP4", "c=ATM IP4")
                                          << QStringLiteral("network type must be IN") << 4;
        QTest::newRow("address type IP5") << withMedia(mediaLines(1)).replace("c=IN IP4", "c=IN IP5")
                                          << QStringLiteral("address type must be IP4 or IP6") << 4;
        QTest::newRow("c= with two fields") << withMedia(mediaLines(1)).replace("c=IN IP4 192.0.2.1", "c=IN IP4")
                                            << QStringLiteral("c= needs three fields") << 4;
        QTest::newRow("no c= at all") << QByteArray("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n")
                + mediaLines(1) << QStringLiteral("no c= line for this media")
                                      << 5;
        QTest::newRow("two c= in media") << withMedia(
            "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.2\r\nc=IN IP4 192.0.2.3\r\n")
                                         << QStringLiteral("more than one c= in a media section") << 8;
        QTest::newRow("rtpmap without clock") << withMedia("m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n")
                                              << QStringLiteral("malformed a=rtpmap") << 7;
        QTest::newRow("rtpmap payload type 200") << withMedia("m=audio 4000 RTP/AVP 96\r\na=rtpmap:200 opus/48000\r\n")
                                                 << QStringLiteral("malformed a=rtpmap") << 7;
        QTest::newRow("rtpmap clock 0") << withMedia("m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/0/2\r\n")
                                        << QStringLiteral("malformed a=rtpmap") << 7;
        QTest::newRow("rtpmap twice") << withMedia(
            "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:96 PCMU/8000\r\n")
                                      << QStringLiteral("second a=rtpmap for payload type 96") << 8;
        QTest::newRow("fmtp payload type x") << withMedia("m=audio 4000 RTP/AVP 96\r\na=fmtp:x useinbandfec=1\r\n")
                                             << QStringLiteral("a=fmtp payload type") << 7;
        QTest::newRow("ptime 0") << withMedia("m=audio 4000 RTP/AVP 0\r\na=ptime:0\r\n")
                                 << QStringLiteral("a=ptime must be 1-1000 ms") << 7;
        QTest::newRow("ptime huge") << withMedia("m=audio 4000 RTP/AVP 0\r\na=ptime:99999999999\r\n")
                                    << QStringLiteral("a=ptime must be 1-1000 ms") << 7;
        QTest::newRow("two directions") << withMedia("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\na=recvonly\r\n")
                                        << QStringLiteral("more than one direction attribute") << 8;
        QTest::newRow("direction with value")
            << withMedia("m=audio 4000 RTP/AVP 0\r\na=sendonly:yes\r\n") << QStringLiteral("takes no value") << 7;
        QTest::newRow("attribute name with space") << withMedia("m=audio 4000 RTP/AVP 0\r\na=foo bar\r\n")
                                                   << QStringLiteral("attribute name must be a token") << 7;
        QTest::newRow("b= without number")
            << withMedia("m=audio 4000 RTP/AVP 0\r\nb=AS:lots\r\n") << QStringLiteral("b= must be") << 7;
        QTest::newRow("t= with letters") << withMedia(mediaLines(1)).replace("t=0 0", "t=now later")
                                         << QStringLiteral("t= needs a start and a stop time") << 5;
        QTest::newRow("binary garbage") << QByteArray("\xff\xfe\x00\x01v=0", 7) << QStringLiteral("control character")
                                        << 1;
        // RFC 4568 a=crypto: bounded here; unusable suites and keys are offer/answer's to refuse.
        QTest::newRow("a=crypto at session level")
            << withMedia("m=audio 4000 RTP/SAVP 0\r\n", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Key + "\r\n")
            << QStringLiteral("a=crypto belongs in a media section") << 6;
        QTest::newRow("a=crypto tag of 10 digits") << withMedia(
            "m=audio 4000 RTP/SAVP 0\r\na=crypto:1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + Key + "\r\n")
                                                   << QStringLiteral("tag must be 1-9 digits") << 7;
        QTest::newRow("a=crypto tag not a number")
            << withMedia("m=audio 4000 RTP/SAVP 0\r\na=crypto:one AES_CM_128_HMAC_SHA1_80 inline:" + Key + "\r\n")
            << QStringLiteral("tag must be 1-9 digits") << 7;
        QTest::newRow("a=crypto without value")
            << withMedia("m=audio 4000 RTP/SAVP 0\r\na=crypto\r\n") << QStringLiteral("tag must be 1-9 digits") << 7;
        QTest::newRow("a=crypto tag twice")
            << withMedia("m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Key
                   + "\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:" + Key + "\r\n")
            << QStringLiteral("tag 1 is used twice") << 8;
        QTest::newRow("9 a=crypto lines") << withMedia("m=audio 4000 RTP/SAVP 0\r\n" + cryptoLines(9))
                                          << QStringLiteral("more than 8 a=crypto lines") << 15;
        // RFC 3605 a=rtcp.
        QTest::newRow("a=rtcp at session level") << withMedia("m=audio 4000 RTP/AVP 0\r\n", "a=rtcp:4001\r\n")
                                                 << QStringLiteral("a=rtcp belongs in a media section") << 6;
        QTest::newRow("a=rtcp port 0") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:0\r\n")
                                       << QStringLiteral("a=rtcp port must be 1-65535") << 7;
        QTest::newRow("a=rtcp port 65536") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:65536\r\n")
                                           << QStringLiteral("a=rtcp port must be 1-65535") << 7;
        QTest::newRow("a=rtcp port huge") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:99999999999999\r\n")
                                          << QStringLiteral("a=rtcp port must be 1-65535") << 7;
        QTest::newRow("a=rtcp no port") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp\r\n")
                                        << QStringLiteral("a=rtcp port must be 1-65535") << 7;
        QTest::newRow("a=rtcp half an address") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP4\r\n")
                                                << QStringLiteral("a=rtcp takes a port and optionally") << 7;
        QTest::newRow("a=rtcp host name") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:4001 IN IP4 example.com\r\n")
                                          << QStringLiteral("a=rtcp: address is not an IPv4 address") << 7;
        QTest::newRow("a=rtcp network type") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:4001 ATM NSAP 47\r\n")
                                             << QStringLiteral("a=rtcp: network type must be IN") << 7;
        QTest::newRow("a=rtcp twice") << withMedia("m=audio 4000 RTP/AVP 0\r\na=rtcp:4001\r\na=rtcp:4003\r\n")
                                      << QStringLiteral("more than one a=rtcp") << 8;
    }

    void rtcp_data()
    {
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<int>("port"); // -1: no usable a=rtcp
        QTest::addColumn<QString>("address"); // empty: none given
        QTest::newRow("absent") << QByteArray() << -1 << QString();
        QTest::newRow("port") << QByteArray("a=rtcp:53020\r\n") << 53020 << QString();
        QTest::newRow("port and IPv4") << QByteArray("a=rtcp:53020 IN IP4 198.51.100.7\r\n") << 53020
                                       << QStringLiteral("198.51.100.7");
        QTest::newRow("port and IPv6") << QByteArray("a=rtcp:9001 IN IP6 2001:db8::7\r\n") << 9001
                                       << QStringLiteral("2001:db8::7");
        // What a browser writes beside ICE candidates: a placeholder, no place to send to.
        QTest::newRow("ICE placeholder") << QByteArray("a=rtcp:9 IN IP4 0.0.0.0\r\n") << -1 << QString();
    }

    void rtcp()
    {
        QFETCH(QByteArray, lines);
        QFETCH(int, port);
        QFETCH(QString, address);
        const SessionDescription description = parseOk(withMedia("m=audio 4000 RTP/AVP 0\r\n" + lines));
        const auto rtcp = description.media[0].rtcp();
        if (port < 0) {
            QVERIFY(!rtcp);
            return;
        }
        QVERIFY(rtcp);
        QCOMPARE(rtcp->port, quint16(port));
        QCOMPARE(rtcp->address.has_value(), !address.isEmpty());
        if (rtcp->address)
            QCOMPARE(*rtcp->address, QHostAddress(address));
        // Written back as read.
        const auto written = SdpRtcp::parse(rtcp->toAttributeValue());
        QVERIFY(std::holds_alternative<SdpRtcp>(written));
        QCOMPARE(std::get<SdpRtcp>(written), *rtcp);
    }

    void rtcpPlaceholder() { QVERIFY(!parseOk(Browser).media[0].rtcp()); }

    void crypto_data()
    {
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<int>("tag"); // of the line taken; -1: none usable
        QTest::addColumn<QString>("reason");
        QTest::newRow("8 lines, the limit") << cryptoLines(8) << 1 << QString();
        QTest::newRow("lifetime as a number") << "a=crypto:7 AES_CM_128_HMAC_SHA1_32 inline:" + Key + "|1048576\r\n"
                                              << 7 << QString();
        QTest::newRow("an unusable line first") << "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:" + Key
                + "\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + Key
                + "\r\n" << 2 << QString();
        QTest::newRow("none") << QByteArray() << -1 << QStringLiteral("no a=crypto line");
        QTest::newRow("the first reason") << "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:" + Key
                + "\r\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + Key
                + "|2^20|1:32\r\n" << -1 << QStringLiteral("AES_256_CM_HMAC_SHA1_80 is not supported");
        QTest::newRow("MKI") << "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + Key + "|1:32\r\n"
                             << -1 << QStringLiteral("MKI is not supported");
        QTest::newRow("key of 29 bytes") << QByteArray(
            "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=\r\n")
                                         << -1 << QStringLiteral("must be 30 bytes");
        QTest::newRow("key of 31 bytes") << QByteArray(
            "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\r\n")
                                         << -1 << QStringLiteral("must be 30 bytes");
        QTest::newRow("session parameter") << "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + Key + " KDR=1\r\n"
                                           << -1 << QStringLiteral("session parameters (KDR=1)");
        QTest::newRow("no key") << QByteArray("a=crypto:2 AES_CM_128_HMAC_SHA1_80\r\n") << -1
                                << QStringLiteral("needs <tag> <crypto-suite> <key-params>");
    }

    void crypto()
    {
        QFETCH(QByteArray, lines);
        QFETCH(int, tag);
        QFETCH(QString, reason);
        const SessionDescription description = parseOk(withMedia("m=audio 4000 RTP/SAVP 0\r\n" + lines));
        const auto crypto = description.media[0].crypto();
        if (tag < 0) {
            QVERIFY(std::holds_alternative<QString>(crypto));
            QVERIFY2(std::get<QString>(crypto).contains(reason), qPrintable(std::get<QString>(crypto)));
            return;
        }
        QVERIFY2(std::holds_alternative<SdpCrypto>(crypto), qPrintable(reasonOf(crypto)));
        QCOMPARE(std::get<SdpCrypto>(crypto).tag, tag);
        QCOMPARE(std::get<SdpCrypto>(crypto).key, QByteArray::fromBase64(Key));
        QVERIFY(description.media[0].isSecureRtp());
        // Written back as read (no lifetime: Parla never writes one).
        const SdpCrypto &line = std::get<SdpCrypto>(crypto);
        QCOMPARE(SdpCrypto::parse(line.toAttributeValue()), crypto);
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QFETCH(int, lineNumber);

        auto result = SessionDescription::parse(bytes);
        const auto *error = std::get_if<ParseError>(&result);
        if (!error)
            QFAIL(qPrintable(
                QStringLiteral("accepted: ") + QString::fromLatin1(std::get<SessionDescription>(result).toBytes())));
        if (!error->reason.contains(reason))
            QFAIL(qPrintable(error->toString()));
        QCOMPARE(error->lineNumber, lineNumber);
        QVERIFY(!error->toString().isEmpty());
        QVERIFY2(!error->toString().contains(QString::fromLatin1(Key)), "an SRTP key in an error"); // logged, sent back
    }

    void accessors()
    {
        const SessionDescription linphone = parseOk(Linphone);
        const auto &audio = linphone.media[0];
        QCOMPARE(audio.rtpMap(96)->encodingName, QByteArray("opus"));
        QCOMPARE(audio.rtpMap(96)->clockRate, 48000);
        QCOMPARE(audio.rtpMap(96)->channels, 2);
        QCOMPARE(audio.rtpMap(0)->encodingName, QByteArray("PCMU")); // static, no a=rtpmap
        QCOMPARE(audio.rtpMap(18)->encodingName, QByteArray("G729"));
        QVERIFY(!audio.rtpMap(120));
        QCOMPARE(audio.fmtp(96), QByteArray("useinbandfec=1"));
        QCOMPARE(audio.fmtp(0), QByteArray());
        QCOMPARE(linphone.attributes.front().name, QByteArray("rtcp-xr"));
        QCOMPARE(linphone.origin.username, QByteArray("alice"));
        QCOMPARE(linphone.sessionName, QByteArray("Talk"));

        const SessionDescription browser = parseOk(Browser);
        QVERIFY(browser.media[0].isRtp());
        QVERIFY(!browser.media[1].isRtp());
        QCOMPARE(browser.media[1].formats, QList<QByteArray> { "webrtc-datachannel" });
        QCOMPARE(browser.attributes[2].value, QByteArray(" WMS stream"));
        QCOMPARE(parseOk(Baresip).media[0].ptime(), 20);
        QCOMPARE(parseOk(Baresip).media[0].bandwidths, QList<QByteArray> { "AS:512" });
    }

    void writesFlagsAndOrder()
    {
        SessionDescription description;
        description.origin.sessionId = "42";
        description.connection = parla::media::SdpConnection { QHostAddress(QStringLiteral("192.0.2.9")) };
        parla::media::MediaDescription audio;
        audio.media = "audio";
        audio.port = 4000;
        audio.protocol = "RTP/AVP";
        audio.formats = { "0", "101" };
        audio.attributes = { { "rtpmap", "101 telephone-event/8000" }, { "sendonly", {} } };
        description.media.append(audio);
        QCOMPARE(description.toBytes(),
            sdp({ "v=0", "o=- 42 0 IN IP4 127.0.0.1", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=sendonly" }));
    }
};

QTEST_GUILESS_MAIN(TestSessionDescription)
#include "tst_sessiondescription.moc"
