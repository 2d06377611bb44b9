// SPDX-License-Identifier: GPL-3.0-or-later
// SipMessage: well-formed messages in the spirit of RFC 4475 §3.1.1, malformed ones in the
// spirit of §3.1.2 (cases written for Parla from the RFC's descriptions), round trips and builders.
#include "sip/siplimits.h"
#include "sip/sipmessage.h"

#include <QTest>

using parla::sip::ParseError;
using parla::sip::SipMessage;

namespace {

// Lines joined with CRLF, then the empty line that ends the headers, then the body.
QByteArray wire(std::initializer_list<const char *> lines, const QByteArray &body = {})
{
    QByteArray result;
    for (const char *line : lines) {
        result += line;
        result += "\r\n";
    }
    result += "\r\n";
    result += body;
    return result;
}

// The mandatory headers of an INVITE, for the rows that break one thing only.
QByteArray invite(std::initializer_list<const char *> extra, const QByteArray &body = {})
{
    QByteArray result = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                        "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKbase\r\n"
                        "From: <sip:alice@atlanta.example.com>;tag=a1\r\n"
                        "To: <sip:bob@biloxi.example.com>\r\n"
                        "Call-ID: base@client.invalid\r\n";
    for (const char *line : extra) {
        result += line;
        result += "\r\n";
    }
    result += "\r\n";
    result += body;
    return result;
}

SipMessage parseOk(const QByteArray &bytes)
{
    auto result = SipMessage::parse(bytes);
    if (auto *error = std::get_if<ParseError>(&result))
        qFatal("unexpected parse error: %s", qPrintable(error->toString()));
    return std::get<SipMessage>(std::move(result));
}

const QByteArray TortuousInvite = wire({
    "INVITE sip:carol@chicago.example.com;transport=ws;odd-param SIP/2.0",
    "tO :",
    " <sip:carol@chicago.example.com> ;   tag=7733a",
    "FROM   : \"Alice \\\"The Tester\\\"\"  <sip:alice@atlanta.example.com>",
    "  ;",
    "  tag=88sja8x",
    "mAx-FoRwArDs: 0069",
    "call-id: tortuous.1@192.0.2.4",
    "cSeQ: 0042",
    "\tINVITE",
    "Via  : SIP/2.0/WSS",
    "   df7jal23ls0d.invalid;branch=z9hG4bKtort1",
    "X-Odd-Header:   first part",
    " \t second part",
    "X-Punctuation: ;;,,;;,;",
    "Content-Length  :   0",
});

const QByteArray CompactInvite = wire(
    {
        "INVITE sip:bob@biloxi.example.com SIP/2.0",
        "v: SIP/2.0/WSS client.invalid;branch=z9hG4bKcompact",
        "f: <sip:alice@atlanta.example.com>;tag=c1",
        "t: <sip:bob@biloxi.example.com>",
        "i: compact-1@client.invalid",
        "CSeq: 1 INVITE",
        "m: <sip:alice@client.invalid;transport=ws>",
        "k: path, outbound",
        "s: lunch?",
        "c: application/sdp",
        "l: 5",
    },
    "v=0\r\n");

const QByteArray MultiViaInvite = wire({
    "INVITE sip:bob@biloxi.example.com SIP/2.0",
    "Via: SIP/2.0/WSS proxy1.example.com;branch=z9hG4bKfirst, SIP/2.0/TCP proxy2.example.com:5060"
    ";branch=z9hG4bKsecond;received=192.0.2.7",
    "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKthird",
    "From: <sip:alice@atlanta.example.com>;tag=m1",
    "To: <sip:bob@biloxi.example.com>",
    "Call-ID: multivia@client.invalid",
    "CSeq: 7 INVITE",
    "Max-Forwards: 68",
});

const QByteArray EscapedUriInvite = wire({
    "INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0",
    "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKesc",
    "From: \"Bob\" <sip:b%40b@example.com>;tag=e1",
    "To: <sip:%61lice@example.net>",
    "Call-ID: escaped@client.invalid",
    "CSeq: 3 INVITE",
});

const QByteArray UnknownHeadersOptions = wire({
    "OPTIONS sip:example.com SIP/2.0",
    "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKopt",
    "From: <sip:alice@example.com>;tag=o1",
    "To: <sip:example.com>",
    "Call-ID: options@client.invalid",
    "CSeq: 11 OPTIONS",
    "X-Parla-Trace: abc; def=1, ghi",
    "P-Custom-Thing: kept as is",
});

// A method with every token character, as RFC 4475 likes.
const QByteArray OddMethod = wire({
    "!strange-Method0123456789_*+`.%indeed'~ sip:x@example.com SIP/2.0",
    "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKodd",
    "From: <sip:alice@example.com>;tag=x1",
    "To: <sip:x@example.com>",
    "Call-ID: odd@client.invalid",
    "CSeq: 1 !strange-Method0123456789_*+`.%indeed'~",
});

const QByteArray Ok200Register = wire({
    "SIP/2.0 200 OK",
    "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKreg;rport=55555;received=192.0.2.9",
    "From: <sip:alice@example.com>;tag=r1",
    "To: <sip:alice@example.com>;tag=srv1",
    "Call-ID: reg@df7jal23ls0d.invalid",
    "CSeq: 2 REGISTER",
    "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>;expires=600;+sip.instance=\"<urn:uuid:00000000-0000-"
    "1000-8000-000000000001>\";reg-id=1",
    "Content-Length: 0",
});

const QByteArray Unauthorized401 = wire({
    "SIP/2.0 401 Unauthorized",
    "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKreg;rport",
    "From: <sip:alice@example.com>;tag=r1",
    "To: <sip:alice@example.com>;tag=srv2",
    "Call-ID: reg@df7jal23ls0d.invalid",
    "CSeq: 1 REGISTER",
    "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc123\", qop=\"auth\", algorithm=MD5",
    "Content-Length: 0",
});

const QByteArray Trying100 = wire({
    "SIP/2.0 100 Trying",
    "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKbase",
    "From: <sip:alice@atlanta.example.com>;tag=a1",
    "To: <sip:bob@biloxi.example.com>",
    "Call-ID: base@client.invalid",
    "CSeq: 1 INVITE",
});

// Bare LF line ends and a CRLF keep-alive before the start line are tolerated.
const QByteArray LfOnly = "\r\nMESSAGE sip:bob@example.com SIP/2.0\n"
                          "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKlf\n"
                          "From: <sip:alice@example.com>;tag=lf\n"
                          "To: <sip:bob@example.com>\n"
                          "Call-ID: lf@client.invalid\n"
                          "CSeq: 5 MESSAGE\n"
                          "Content-Type: text/plain\n"
                          "Content-Length: 5\n"
                          "\n"
                          "hello";

} // namespace

class TestSipMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep qFatal in parseOk from being the only report.
        QVERIFY(std::holds_alternative<SipMessage>(SipMessage::parse(TortuousInvite)));
    }

    void wellFormed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("methodOrStatus");
        QTest::addColumn<QByteArray>("callId");
        QTest::addColumn<quint32>("cseq");
        QTest::addColumn<int>("viaCount");
        QTest::addColumn<QByteArray>("checkHeader");
        QTest::addColumn<QByteArray>("checkValue");

        QTest::newRow("tortuous INVITE") << TortuousInvite << QByteArray("INVITE") << QByteArray("tortuous.1@192.0.2.4")
                                         << 42u << 1 << QByteArray("x-odd-header")
                                         << QByteArray("first part second part");
        QTest::newRow("tortuous, max-forwards kept")
            << TortuousInvite << QByteArray("INVITE") << QByteArray("tortuous.1@192.0.2.4") << 42u << 1
            << QByteArray("Max-Forwards") << QByteArray("0069");
        QTest::newRow("tortuous, unusual punctuation kept")
            << TortuousInvite << QByteArray("INVITE") << QByteArray("tortuous.1@192.0.2.4") << 42u << 1
            << QByteArray("X-Punctuation") << QByteArray(";;,,;;,;");
        QTest::newRow("compact forms") << CompactInvite << QByteArray("INVITE")
                                       << QByteArray("compact-1@client.invalid") << 1u << 1 << QByteArray("s")
                                       << QByteArray("lunch?");
        QTest::newRow("compact content type")
            << CompactInvite << QByteArray("INVITE") << QByteArray("compact-1@client.invalid") << 1u << 1
            << QByteArray("Content-Type") << QByteArray("application/sdp");
        QTest::newRow("compact contact by long name")
            << CompactInvite << QByteArray("INVITE") << QByteArray("compact-1@client.invalid") << 1u << 1
            << QByteArray("Contact") << QByteArray("<sip:alice@client.invalid;transport=ws>");
        QTest::newRow("Via values in one line and across lines")
            << MultiViaInvite << QByteArray("INVITE") << QByteArray("multivia@client.invalid") << 7u << 3
            << QByteArray("v") << QByteArray("SIP/2.0/WSS proxy1.example.com;branch=z9hG4bKfirst");
        QTest::newRow("escaped URI characters")
            << EscapedUriInvite << QByteArray("INVITE") << QByteArray("escaped@client.invalid") << 3u << 1
            << QByteArray("To") << QByteArray("<sip:alice@example.net>"); // oSIP unescapes %61
        QTest::newRow("unknown header kept")
            << UnknownHeadersOptions << QByteArray("OPTIONS") << QByteArray("options@client.invalid") << 11u << 1
            << QByteArray("x-parla-trace") << QByteArray("abc; def=1, ghi");
        QTest::newRow("odd method token")
            << OddMethod << QByteArray("!strange-Method0123456789_*+`.%indeed'~") << QByteArray("odd@client.invalid")
            << 1u << 1 << QByteArray("To") << QByteArray("<sip:x@example.com>");
        QTest::newRow("200 to REGISTER") << Ok200Register << QByteArray("200") << QByteArray("reg@df7jal23ls0d.invalid")
                                         << 2u << 1 << QByteArray("Content-Length") << QByteArray("0");
        QTest::newRow("401 with WWW-Authenticate")
            << Unauthorized401 << QByteArray("401") << QByteArray("reg@df7jal23ls0d.invalid") << 1u << 1
            << QByteArray("www-authenticate")
            << QByteArray("Digest realm=\"example.com\", nonce=\"abc123\", algorithm=MD5, qop=\"auth\"");
        QTest::newRow("100 Trying without to-tag")
            << Trying100 << QByteArray("100") << QByteArray("base@client.invalid") << 1u << 1 << QByteArray("To")
            << QByteArray("<sip:bob@biloxi.example.com>");
        QTest::newRow("LF line ends, leading CRLF")
            << LfOnly << QByteArray("MESSAGE") << QByteArray("lf@client.invalid") << 5u << 1
            << QByteArray("Content-Type") << QByteArray("text/plain");
        QTest::newRow("CSeq at the 2^31-1 limit")
            << invite({ "CSeq: 2147483647 INVITE" }) << QByteArray("INVITE") << QByteArray("base@client.invalid")
            << 2147483647u << 1 << QByteArray("CSeq") << QByteArray("2147483647 INVITE");
        QTest::newRow("empty reason phrase") << wire({
            "SIP/2.0 200 ",
            "Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKbase",
            "From: <sip:alice@atlanta.example.com>;tag=a1",
            "To: <sip:bob@biloxi.example.com>;tag=b",
            "Call-ID: empty-reason@client.invalid",
            "CSeq: 1 BYE",
        }) << QByteArray("200") << QByteArray("empty-reason@client.invalid")
                                             << 1u << 1 << QByteArray("CSeq") << QByteArray("1 BYE");
    }

    void wellFormed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, methodOrStatus);
        QFETCH(QByteArray, callId);
        QFETCH(quint32, cseq);
        QFETCH(int, viaCount);
        QFETCH(QByteArray, checkHeader);
        QFETCH(QByteArray, checkValue);

        auto result = SipMessage::parse(bytes);
        if (auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->toString()));
        const SipMessage &message = std::get<SipMessage>(result);
        if (message.isRequest())
            QCOMPARE(message.method(), methodOrStatus);
        else
            QCOMPARE(QByteArray::number(message.statusCode()), methodOrStatus);
        QCOMPARE(message.callId(), callId);
        QCOMPARE(message.cseqNumber(), cseq);
        QCOMPARE(message.headerValues("Via").size(), viaCount);
        QCOMPARE(message.headerValues("v"), message.headerValues("VIA"));
        QCOMPARE(message.header(checkHeader), checkValue);
    }

    void wellFormedDetails()
    {
        const SipMessage tortuous = parseOk(TortuousInvite);
        QCOMPARE(tortuous.fromTag(), QByteArray("88sja8x"));
        QCOMPARE(tortuous.toTag(), QByteArray("7733a"));
        QCOMPARE(tortuous.topViaBranch(), QByteArray("z9hG4bKtort1"));
        QCOMPARE(tortuous.cseqMethod(), QByteArray("INVITE"));
        QCOMPARE(tortuous.requestUri(), QByteArray("sip:carol@chicago.example.com;transport=ws;odd-param"));

        const SipMessage compact = parseOk(CompactInvite);
        QCOMPARE(compact.headerValues("Supported"), (QList<QByteArray> { "path", "outbound" }));
        QCOMPARE(compact.headerValues("k"), compact.headerValues("supported"));
        QCOMPARE(compact.body(), QByteArray("v=0\r\n"));
        QCOMPARE(compact.header("i"), QByteArray("compact-1@client.invalid"));
        QCOMPARE(compact.header("f"), compact.header("From"));

        const SipMessage multiVia = parseOk(MultiViaInvite);
        QCOMPARE(multiVia.topViaBranch(), QByteArray("z9hG4bKfirst"));
        QCOMPARE(multiVia.headerValues("Via").at(2), QByteArray("SIP/2.0/WSS client.invalid;branch=z9hG4bKthird"));

        const SipMessage escaped = parseOk(EscapedUriInvite);
        QCOMPARE(escaped.requestUri(), QByteArray("sip:sips%3Auser%40example.com@example.net"));

        const SipMessage trying = parseOk(Trying100);
        QVERIFY(trying.isResponse());
        QCOMPARE(trying.reasonPhrase(), QByteArray("Trying"));
        QVERIFY(trying.toTag().isEmpty());
        QCOMPARE(trying.cseqMethod(), QByteArray("INVITE"));

        const SipMessage lf = parseOk(LfOnly);
        QCOMPARE(lf.body(), QByteArray("hello"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<int>("line");

        QTest::newRow("empty input") << QByteArray() << QStringLiteral("empty message") << 0;
        QTest::newRow("only CRLF") << QByteArray("\r\n\r\n") << QStringLiteral("empty message") << 0;
        QTest::newRow("oversized") << invite({ "CSeq: 1 INVITE" }, QByteArray(70000, 'x'))
                                   << QStringLiteral("too large") << 0;
        QTest::newRow("missing CSeq") << invite({}) << QStringLiteral("missing CSeq") << 0;
        QTest::newRow("CSeq method mismatch")
            << invite({ "CSeq: 1 ACK" }) << QStringLiteral("does not match the request method") << 6;
        QTest::newRow("non-numeric CSeq") << invite({ "CSeq: one INVITE" }) << QStringLiteral("malformed CSeq") << 6;
        QTest::newRow("CSeq without method") << invite({ "CSeq: 1" }) << QStringLiteral("malformed CSeq") << 6;
        QTest::newRow("CSeq above 2^31-1") << invite({ "CSeq: 2147483648 INVITE" }) << QStringLiteral("2^31") << 6;
        QTest::newRow("duplicate CSeq") << invite({ "CSeq: 1 INVITE", "CSeq: 2 INVITE" })
                                        << QStringLiteral("duplicate CSeq") << 7;
        QTest::newRow("SIP/7.0 request")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("SIP/2.0\r\n", "SIP/7.0\r\n")
            << QStringLiteral("unsupported SIP version \"SIP/7.0\"") << 1;
        QTest::newRow("SIP/7.0 response") << wire({ "SIP/7.0 200 OK", "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1" })
                                          << QStringLiteral("unsupported SIP version") << 1;
        QTest::newRow("garbage start line")
            << QByteArray(invite({ "CSeq: 1 INVITE" }))
                   .replace("INVITE sip:bob@biloxi.example.com SIP/2.0", "Hello, is this the SIP server?")
            << QStringLiteral("malformed start line") << 1;
        QTest::newRow("double space in start line")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("INVITE sip:", "INVITE  sip:")
            << QStringLiteral("malformed start line") << 1;
        QTest::newRow("bad Request-URI")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("sip:bob@biloxi.example.com SIP", "bob-at-biloxi SIP")
            << QStringLiteral("malformed Request-URI") << 1;
        QTest::newRow("response with 2-digit status")
            << QByteArray(Trying100).replace("SIP/2.0 100 Trying", "SIP/2.0 20 OK") << QStringLiteral("three digits")
            << 1;
        QTest::newRow("status code 700") << QByteArray(Trying100).replace("SIP/2.0 100 Trying", "SIP/2.0 700 Odd")
                                         << QStringLiteral("out of range") << 1;
        QTest::newRow("header line without colon")
            << invite({ "CSeq: 1 INVITE", "This line has no colon" }) << QStringLiteral("without a colon") << 7;
        QTest::newRow("header without name")
            << invite({ "CSeq: 1 INVITE", ": value" }) << QStringLiteral("without a name") << 7;
        QTest::newRow("space inside header name")
            << invite({ "CSeq: 1 INVITE", "X Bad: value" }) << QStringLiteral("invalid header name") << 7;
        QTest::newRow("fold before any header")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("SIP/2.0\r\nVia", "SIP/2.0\r\n folded\r\nVia")
            << QStringLiteral("folded line without a header") << 2;
        QTest::newRow("Content-Length larger than body") << invite({ "CSeq: 1 INVITE", "Content-Length: 10" }, "short")
                                                         << QStringLiteral("larger than the body") << 7;
        QTest::newRow("Content-Length smaller than body")
            << invite({ "CSeq: 1 INVITE", "Content-Length: 2" }, "longer body")
            << QStringLiteral("longer than Content-Length") << 7;
        QTest::newRow("negative Content-Length")
            << invite({ "CSeq: 1 INVITE", "Content-Length: -5" }) << QStringLiteral("invalid Content-Length") << 7;
        QTest::newRow("non-numeric Content-Length")
            << invite({ "CSeq: 1 INVITE", "l: ten" }) << QStringLiteral("invalid Content-Length") << 7;
        QTest::newRow("missing Call-ID")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("Call-ID: base@client.invalid\r\n", "")
            << QStringLiteral("missing Call-ID") << 0;
        QTest::newRow("missing Via") << QByteArray(invite({ "CSeq: 1 INVITE" }))
                                            .replace("Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKbase\r\n", "")
                                     << QStringLiteral("missing Via") << 0;
        QTest::newRow("missing From")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("From: <sip:alice@atlanta.example.com>;tag=a1\r\n", "")
            << QStringLiteral("missing From") << 0;
        QTest::newRow("missing To")
            << QByteArray(invite({ "CSeq: 1 INVITE" })).replace("To: <sip:bob@biloxi.example.com>\r\n", "")
            << QStringLiteral("missing To") << 0;
        QTest::newRow("NUL byte in header")
            << invite({ "CSeq: 1 INVITE", "Subject: nul@@byte" }).replace("@@", QByteArray(1, '\0'))
            << QStringLiteral("NUL byte") << 7;
        QTest::newRow("no empty line after headers")
            << QByteArray("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bK1\r\n")
            << QStringLiteral("not terminated by an empty line") << 2;
        QTest::newRow("Via rejected by oSIP")
            << invite({ "CSeq: 1 INVITE", "Via: garbage!!" }) << QStringLiteral("invalid Via header") << 7;
        QTest::newRow("Contact rejected by oSIP")
            << invite({ "CSeq: 1 INVITE", "m: <<<" }) << QStringLiteral("invalid Contact header") << 7;
        QTest::newRow("duplicate To") << invite({ "CSeq: 1 INVITE", "t: <sip:carol@example.com>" })
                                      << QStringLiteral("duplicate To") << 7;
        QTest::newRow("bare CR inside a header")
            << invite({ "CSeq: 1 INVITE", "Subject: a\rb" }) << QStringLiteral("control character 0x0d") << 7;
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fragment);
        QFETCH(int, line);

        const auto result = SipMessage::parse(bytes);
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY2(error, "the message was accepted");
        QVERIFY2(error->reason.contains(fragment), qPrintable(error->toString()));
        QCOMPARE(error->lineNumber, line);
        if (line > 0)
            QVERIFY(!error->line.isEmpty());
        QVERIFY(error->line.size() <= 200);
    }

    // Each limit of siplimits.h: a message at the limit parses, one past it is refused by name.
    void limits_data()
    {
        using namespace parla::sip::limits;
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("refusal"); // empty: accepted

        const auto sized = [](qsizetype total) {
            const QByteArray head = invite({ "CSeq: 1 INVITE", "Content-Type: text/plain", "Content-Length: 00000" });
            const qsizetype bodySize = total - head.size();
            QByteArray message = invite(
                { "CSeq: 1 INVITE", "Content-Type: text/plain",
                    QByteArray("Content-Length: " + QByteArray::number(bodySize).rightJustified(5, '0')).constData() },
                QByteArray(bodySize, 'x'));
            Q_ASSERT(message.size() == total);
            return message;
        };
        QTest::newRow("message at the size limit") << sized(MaxMessageSize) << QString();
        QTest::newRow("message one byte past") << sized(MaxMessageSize + 1) << QStringLiteral("message too large");

        const auto subject = [](qsizetype lineLength) {
            const QByteArray line = "Subject: " + QByteArray(lineLength - 9, 's');
            return invite({ "CSeq: 1 INVITE", line.constData() });
        };
        QTest::newRow("header line at the limit") << subject(MaxHeaderLine) << QString();
        QTest::newRow("header line one past")
            << subject(MaxHeaderLine + 1) << QStringLiteral("header Subject is longer than 8192 bytes");
        const QByteArray folded = "Subject: " + QByteArray(4000, 'a') + "\r\n " + QByteArray(4200, 'b');
        QTest::newRow("folded header past the limit")
            << invite({ "CSeq: 1 INVITE", folded.constData() }) << QStringLiteral("longer than 8192 bytes");

        const auto vias = [](int count, bool combined) {
            QByteArrayList lines { "CSeq: 1 INVITE" };
            QByteArrayList values;
            for (int i = 1; i < count; ++i) // the base message has one Via already
                values.append(
                    "SIP/2.0/WSS proxy" + QByteArray::number(i) + ".invalid;branch=z9hG4bK" + QByteArray::number(i));
            if (combined)
                lines.append("Via: " + values.join(", "));
            else
                for (const QByteArray &value : values)
                    lines.append("Via: " + value);
            QByteArray message = invite({});
            message.insert(message.indexOf("\r\n\r\n") + 2, lines.join("\r\n") + "\r\n");
            return message;
        };
        QTest::newRow("Via headers at the limit") << vias(MaxViaHeaders, false) << QString();
        QTest::newRow("one Via header past") << vias(MaxViaHeaders + 1, false) << QStringLiteral("65 Via headers");
        QTest::newRow("comma-separated Vias past") << vias(MaxViaHeaders + 1, true) << QStringLiteral("65 Via headers");
    }

    void limits()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, refusal);
        const auto result = SipMessage::parse(bytes);
        if (refusal.isEmpty()) {
            const auto *error = std::get_if<ParseError>(&result);
            QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
            return;
        }
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY2(error, "the message was accepted");
        QVERIFY2(error->reason.contains(refusal), qPrintable(error->toString()));
    }

    void errorToString()
    {
        const auto result = SipMessage::parse(invite({ "CSeq: 1 ACK" }));
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY(error);
        QCOMPARE(error->line, QByteArray("CSeq: 1 ACK"));
        QVERIFY(error->toString().startsWith(QStringLiteral("line 6: ")));
        QVERIFY(error->toString().contains(QStringLiteral("CSeq: 1 ACK")));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("tortuous") << TortuousInvite;
        QTest::newRow("compact") << CompactInvite;
        QTest::newRow("multi via") << MultiViaInvite;
        QTest::newRow("escaped") << EscapedUriInvite;
        QTest::newRow("unknown headers") << UnknownHeadersOptions;
        QTest::newRow("odd method") << OddMethod;
        QTest::newRow("200") << Ok200Register;
        QTest::newRow("401") << Unauthorized401;
        QTest::newRow("100") << Trying100;
        QTest::newRow("LF only") << LfOnly;
    }

    void roundTrip()
    {
        QFETCH(QByteArray, bytes);
        const SipMessage first = parseOk(bytes);
        const QByteArray serialised = first.toBytes();
        const SipMessage second = parseOk(serialised);

        QCOMPARE(second.isRequest(), first.isRequest());
        QCOMPARE(second.method(), first.method());
        QCOMPARE(second.requestUri(), first.requestUri());
        QCOMPARE(second.statusCode(), first.statusCode());
        QCOMPARE(second.reasonPhrase(), first.reasonPhrase());
        QCOMPARE(second.callId(), first.callId());
        QCOMPARE(second.cseqNumber(), first.cseqNumber());
        QCOMPARE(second.cseqMethod(), first.cseqMethod());
        QCOMPARE(second.topViaBranch(), first.topViaBranch());
        QCOMPARE(second.fromTag(), first.fromTag());
        QCOMPARE(second.toTag(), first.toTag());
        QCOMPARE(second.body(), first.body());
        for (const char *name : { "Via", "From", "To", "Contact", "Supported", "Subject", "Max-Forwards",
                 "WWW-Authenticate", "X-Parla-Trace", "X-Odd-Header", "Content-Type" })
            QCOMPARE(second.headerValues(name), first.headerValues(name));
        // Serialising is stable, every line ends in CRLF and Content-Length matches the body.
        QCOMPARE(second.toBytes(), serialised);
        const qsizetype end = serialised.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        QVERIFY(!serialised.left(end).replace("\r\n", "").contains('\n'));
        QVERIFY(serialised.contains("\r\nContent-Length: " + QByteArray::number(first.body().size()) + "\r\n"));
    }

    void buildRegister()
    {
        SipMessage reg = SipMessage::request("REGISTER", "sip:example.com");
        QVERIFY(reg.addHeader("Via", "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKreg1;rport"));
        QVERIFY(reg.addHeader("Max-Forwards", "70"));
        QVERIFY(reg.addHeader("From", "<sip:alice@example.com>;tag=f00"));
        QVERIFY(reg.addHeader("To", "<sip:alice@example.com>"));
        QVERIFY(reg.addHeader("Call-ID", "reg-1@df7jal23ls0d.invalid"));
        QVERIFY(reg.addHeader("CSeq", "1 REGISTER"));
        QVERIFY(reg.addHeader("Contact",
            "<sip:alice@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-"
            "a765-00a0c91e6bf6>\";reg-id=1;expires=600"));
        QVERIFY(reg.addHeader("Supported", "path, outbound"));
        QVERIFY(reg.isRequest());
        QCOMPARE(reg.method(), QByteArray("REGISTER"));
        QCOMPARE(reg.requestUri(), QByteArray("sip:example.com"));

        const QByteArray bytes = reg.toBytes();
        QVERIFY(bytes.startsWith("REGISTER sip:example.com SIP/2.0\r\n"));
        QVERIFY(bytes.endsWith("Content-Length: 0\r\n\r\n"));
        const SipMessage parsed = parseOk(bytes);
        const QByteArray contact = parsed.header("Contact");
        QVERIFY2(contact.contains("<sip:alice@df7jal23ls0d.invalid;transport=ws>"), contact.constData());
        QVERIFY2(
            contact.contains("+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\""), contact.constData());
        QVERIFY2(contact.contains("reg-id=1"), contact.constData());
        QCOMPARE(parsed.expires(), std::optional<int>(600));
        QCOMPARE(parsed.topViaBranch(), QByteArray("z9hG4bKreg1"));
        QCOMPARE(parsed.fromTag(), QByteArray("f00"));
        QCOMPARE(parsed.cseqMethod(), QByteArray("REGISTER"));
        QCOMPARE(parsed.header("Max-Forwards"), QByteArray("70"));
        QCOMPARE(parsed.headerValues("Supported").size(), 2);
    }

    void expires_data()
    {
        QTest::addColumn<QByteArray>("contact");
        QTest::addColumn<QByteArray>("expiresHeader");
        QTest::addColumn<int>("expected"); // -1: nullopt

        QTest::newRow("contact param wins") << QByteArray("<sip:a@b>;expires=600") << QByteArray("3600") << 600;
        QTest::newRow("Expires header") << QByteArray("<sip:a@b>") << QByteArray("3600") << 3600;
        QTest::newRow("contact param only") << QByteArray("<sip:a@b>;expires=0") << QByteArray() << 0;
        QTest::newRow("neither") << QByteArray("<sip:a@b>") << QByteArray() << -1;
        QTest::newRow("no contact") << QByteArray() << QByteArray("120") << 120;
        QTest::newRow("star with Expires 0") << QByteArray("*") << QByteArray("0") << 0;
        QTest::newRow("garbage Expires") << QByteArray() << QByteArray("soon") << -1;
        QTest::newRow("garbage param falls back") << QByteArray("<sip:a@b>;expires=x") << QByteArray("30") << 30;
        QTest::newRow("huge saturates") << QByteArray() << QByteArray("99999999999") << 2147483647;
    }

    void expires()
    {
        QFETCH(QByteArray, contact);
        QFETCH(QByteArray, expiresHeader);
        QFETCH(int, expected);

        SipMessage message = SipMessage::request("REGISTER", "sip:example.com");
        if (!contact.isEmpty())
            QVERIFY(message.addHeader("Contact", contact));
        if (!expiresHeader.isEmpty())
            QVERIFY(message.addHeader("Expires", expiresHeader));
        const std::optional<int> value = message.expires();
        if (expected < 0)
            QVERIFY(!value.has_value());
        else
            QCOMPARE(value, std::optional<int>(expected));
    }

    void expiresOfOneContact_data()
    {
        QTest::addColumn<QByteArray>("contactUri");
        QTest::addColumn<int>("expected"); // -1: nullopt
        // The registrar's 200 lists every binding; the client asks for its own.
        QTest::newRow("ours is second") << QByteArray("sip:me@h1.invalid;transport=ws") << 300;
        QTest::newRow("host compared without case") << QByteArray("sip:me@H1.INVALID") << 300;
        QTest::newRow("someone else's") << QByteArray("sip:other@h2.invalid") << 3600;
        QTest::newRow("not listed: the Expires header") << QByteArray("sip:nobody@h3.invalid") << 45;
        QTest::newRow("none asked: the first") << QByteArray() << 3600;
    }
    void expiresOfOneContact()
    {
        QFETCH(QByteArray, contactUri);
        QFETCH(int, expected);
        SipMessage ok = SipMessage::request("REGISTER", "sip:example.com");
        QVERIFY(ok.addHeader("Contact", "<sip:other@h2.invalid>;expires=3600"));
        QVERIFY(ok.addHeader("Contact", "<sip:me@h1.invalid;transport=ws>;expires=300;received=\"sip:1.2.3.4\""));
        QVERIFY(ok.addHeader("Expires", "45"));
        QCOMPARE(ok.expires(contactUri).value_or(-1), expected);
    }

    void deltaSecondsHeaders_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected"); // -1: nullopt
        QTest::newRow("plain") << QByteArray("120") << 120;
        QTest::newRow("with comment and params") << QByteArray("120 (maintenance);duration=3600") << 120;
        QTest::newRow("params only") << QByteArray("18000;duration=3600") << 18000;
        QTest::newRow("not a number") << QByteArray("soon") << -1;
        QTest::newRow("saturates") << QByteArray("99999999999") << 2147483647;
    }
    void deltaSecondsHeaders()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        SipMessage message = SipMessage::request("REGISTER", "sip:example.com");
        QVERIFY(message.addHeader("Retry-After", value));
        QCOMPARE(message.deltaSeconds("Retry-After").value_or(-1), expected);
        QVERIFY(!message.deltaSeconds("Min-Expires").has_value());
    }

    void responseBuilding()
    {
        const SipMessage request = parseOk(MultiViaInvite);
        const SipMessage ringing = SipMessage::response(request, 180, "Ringing", "uas-tag");
        QVERIFY(ringing.isResponse());
        QCOMPARE(ringing.statusCode(), 180);
        QCOMPARE(ringing.reasonPhrase(), QByteArray("Ringing"));
        QCOMPARE(ringing.headerValues("Via"), request.headerValues("Via"));
        QCOMPARE(ringing.header("From"), request.header("From"));
        QCOMPARE(ringing.callId(), request.callId());
        QCOMPARE(ringing.cseqNumber(), 7u);
        QCOMPARE(ringing.cseqMethod(), QByteArray("INVITE"));
        QCOMPARE(ringing.toTag(), QByteArray("uas-tag"));
        QVERIFY(!ringing.hasHeader("Max-Forwards"));

        const QByteArray bytes = ringing.toBytes();
        QVERIFY(bytes.startsWith("SIP/2.0 180 Ringing\r\n"));
        const SipMessage parsed = parseOk(bytes);
        QCOMPARE(parsed.toTag(), QByteArray("uas-tag"));

        const SipMessage trying = SipMessage::response(request, 100, "Trying", "ignored");
        QVERIFY(trying.toTag().isEmpty());

        const SipMessage generated = SipMessage::response(request, 200, "OK");
        QVERIFY(!generated.toTag().isEmpty());

        // A To tag already present is kept.
        const SipMessage inDialog = parseOk(Ok200Register);
        QCOMPARE(SipMessage::response(inDialog, 200, "OK", "other").toTag(), QByteArray("srv1"));
    }

    void setAndRemoveHeaders()
    {
        SipMessage message = parseOk(CompactInvite);
        QVERIFY(message.setHeader("Expires", "300"));
        QVERIFY(message.setHeader("expires", "120"));
        QCOMPARE(message.headerValues("Expires"), QList<QByteArray> { "120" });

        QVERIFY(message.setHeader("m", "<sip:new@client.invalid;transport=ws>;expires=60"));
        QCOMPARE(message.headerValues("Contact").size(), 1);
        QCOMPARE(message.expires(), std::optional<int>(60));

        QVERIFY(message.addHeader("Via", "SIP/2.0/WSS second.invalid;branch=z9hG4bKsecond"));
        QCOMPARE(message.headerValues("Via").size(), 2);
        QVERIFY(message.setHeader("Via", "SIP/2.0/WSS only.invalid;branch=z9hG4bKonly"));
        QCOMPARE(message.topViaBranch(), QByteArray("z9hG4bKonly"));
        QCOMPARE(message.headerValues("v").size(), 1);

        QVERIFY(message.setHeader("Authorization",
            "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", "
            "uri=\"sip:example.com\", response=\"0123\""));
        QVERIFY(message.setHeader("Authorization",
            "Digest username=\"bob\", realm=\"example.com\", nonce=\"n\", "
            "uri=\"sip:example.com\", response=\"4567\""));
        QCOMPARE(message.headerValues("Authorization").size(), 1);
        QVERIFY(message.header("Authorization").contains("\"bob\""));
        message.removeHeader("Authorization");
        QVERIFY(!message.hasHeader("Authorization"));

        QVERIFY(message.setHeader("Call-ID", "replaced@client.invalid"));
        QCOMPARE(message.callId(), QByteArray("replaced@client.invalid"));
        QVERIFY(message.setHeader("CSeq", "2 INVITE"));
        QCOMPARE(message.cseqNumber(), 2u);

        // Rejected values leave the message as it was.
        QVERIFY(!message.addHeader("Via", "garbage!!"));
        QVERIFY(!message.setHeader("Via", "garbage!!"));
        QCOMPARE(message.topViaBranch(), QByteArray("z9hG4bKonly"));
        QVERIFY(!message.addHeader("X-Injected", "a\r\nVia: SIP/2.0/UDP evil"));
        QVERIFY(!message.addHeader("Bad Name", "x"));
        QVERIFY(!message.addHeader("From", "<sip:second-from@example.com>"));

        message.removeHeader("s");
        QVERIFY(!message.hasHeader("Subject"));
        message.removeHeader("Supported");
        QVERIFY(!message.hasHeader("k"));

        const SipMessage reparsed = parseOk(message.toBytes());
        QCOMPARE(reparsed.header("Expires"), QByteArray("120"));
        QCOMPARE(reparsed.callId(), QByteArray("replaced@client.invalid"));
    }

    void headerNameCaseKept()
    {
        const SipMessage message = parseOk(UnknownHeadersOptions);
        const QByteArray bytes = message.toBytes();
        QVERIFY2(bytes.contains("\r\nX-Parla-Trace: abc; def=1, ghi\r\n"), bytes.constData());
        QVERIFY2(bytes.contains("\r\nP-Custom-Thing: kept as is\r\n"), bytes.constData());
    }

    void bodies()
    {
        SipMessage message = parseOk(Trying100);
        const QByteArray sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";
        message.setBody("application/sdp", sdp);
        QCOMPARE(message.body(), sdp);
        const QByteArray bytes = message.toBytes();
        QVERIFY(bytes.endsWith("\r\n\r\n" + sdp));
        QVERIFY(bytes.contains("\r\nContent-Length: " + QByteArray::number(sdp.size()) + "\r\n"));
        const SipMessage parsed = parseOk(bytes);
        QCOMPARE(parsed.body(), sdp);
        QCOMPARE(parsed.header("c"), QByteArray("application/sdp"));

        // Binary bytes, NUL included, survive.
        const QByteArray binary("a\0b\r\n\xff", 6);
        message.setBody("application/octet-stream", binary);
        QCOMPARE(parseOk(message.toBytes()).body(), binary);

        message.setBody({}, {});
        QVERIFY(message.body().isEmpty());
        QVERIFY(!message.hasHeader("Content-Type"));
        QVERIFY(message.toBytes().endsWith("Content-Length: 0\r\n\r\n"));
    }

    void copies()
    {
        const SipMessage original = parseOk(CompactInvite);
        SipMessage copy = original;
        QVERIFY(copy.setHeader("Call-ID", "copy@client.invalid"));
        QCOMPARE(original.callId(), QByteArray("compact-1@client.invalid"));
        QCOMPARE(copy.callId(), QByteArray("copy@client.invalid"));
        SipMessage moved = std::move(copy);
        QCOMPARE(moved.callId(), QByteArray("copy@client.invalid"));
        copy = original;
        QCOMPARE(copy.callId(), original.callId());
    }
};

QTEST_GUILESS_MAIN(TestSipMessage)
#include "tst_sipmessage.moc"
