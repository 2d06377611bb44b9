// SPDX-License-Identifier: GPL-3.0-or-later
// Digest authentication (RFC 7616, RFC 8760, RFC 2617 / 2069 compatibility).
#include "sip/digestauth.h"

#include <QRegularExpression>
#include <QTest>

using parla::sip::DigestChallenge;
using parla::sip::DigestCredentials;
using parla::sip::DigestRequest;
using parla::sip::DigestSession;
using Algorithm = parla::sip::DigestChallenge::Algorithm;

Q_DECLARE_METATYPE(Algorithm)

namespace {

DigestChallenge challengeOf(Algorithm algorithm, const QByteArray &realm, const QByteArray &nonce, bool qopAuth)
{
    DigestChallenge challenge;
    challenge.algorithm = algorithm;
    challenge.realm = realm;
    challenge.nonce = nonce;
    challenge.qopAuth = qopAuth;
    return challenge;
}

// The value of one parameter of an Authorization header, quotes kept.
QByteArray paramOf(const QByteArray &header, const QByteArray &name)
{
    const QRegularExpression re(QStringLiteral("[ ,]%1=(\"[^\"]*\"|[^, ]+)").arg(QString::fromLatin1(name)));
    const auto match = re.match(QString::fromUtf8(header));
    return match.hasMatch() ? match.captured(1).toUtf8() : QByteArray();
}

} // namespace

class TestDigestAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void response_data()
    {
        QTest::addColumn<Algorithm>("algorithm");
        QTest::addColumn<bool>("qopAuth");
        QTest::addColumn<QByteArray>("username");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("realm");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<quint32>("nc");
        QTest::addColumn<QByteArray>("cnonce");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        const QByteArray rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        // RFC 7616 §3.9.1.
        QTest::newRow("RFC 7616 MD5") << Algorithm::Md5 << true << QByteArray("Mufasa") << QByteArray("Circle of Life")
                                      << QByteArray("http-auth@example.org") << rfc7616Nonce << QByteArray("GET")
                                      << QByteArray("/dir/index.html") << 1u << rfc7616Cnonce
                                      << QByteArray("8ca523f5e9506fed4657c9700eebdbec");
        QTest::newRow("RFC 7616 SHA-256")
            << Algorithm::Sha256 << true << QByteArray("Mufasa") << QByteArray("Circle of Life")
            << QByteArray("http-auth@example.org") << rfc7616Nonce << QByteArray("GET") << QByteArray("/dir/index.html")
            << 1u << rfc7616Cnonce << QByteArray("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        // RFC 2617 §3.5.
        QTest::newRow("RFC 2617 MD5") << Algorithm::Md5 << true << QByteArray("Mufasa") << QByteArray("Circle Of Life")
                                      << QByteArray("testrealm@host.com")
                                      << QByteArray("dcd98b7102dd2f0e8b11d0f600bfb0c093") << QByteArray("GET")
                                      << QByteArray("/dir/index.html") << 1u << QByteArray("0a4f113b")
                                      << QByteArray("6629fae49393a05397450978507c4ef1");
        // The rows below were computed independently with coreutils:
        //   HA1=$(printf '%s' 'alice:example.com:s3cret' | md5sum | cut -d' ' -f1)
        //   HA2=$(printf '%s' 'REGISTER:sip:example.com' | md5sum | cut -d' ' -f1)
        //   printf '%s' "$HA1:abc123:$HA2" | md5sum                                 # no qop
        //   M1S=$(printf '%s' "$HA1:abc123:0a4f113b" | md5sum | cut -d' ' -f1)
        //   printf '%s' "$M1S:abc123:0000000a:0a4f113b:auth:$HA2" | md5sum         # MD5-sess
        //   H1=$(printf '%s' 'alice:example.com:s3cret' | sha256sum | cut -d' ' -f1)
        //   H1S=$(printf '%s' "$H1:abc123:0a4f113b" | sha256sum | cut -d' ' -f1)
        //   H2=$(printf '%s' 'REGISTER:sip:example.com' | sha256sum | cut -d' ' -f1)
        //   printf '%s' "$H1S:abc123:00000002:0a4f113b:auth:$H2" | sha256sum      # SHA-256-sess
        QTest::newRow("no qop (RFC 2069 style)")
            << Algorithm::Md5 << false << QByteArray("alice") << QByteArray("s3cret") << QByteArray("example.com")
            << QByteArray("abc123") << QByteArray("REGISTER") << QByteArray("sip:example.com") << 1u << QByteArray()
            << QByteArray("8574fd58be9bcc71f9ca9e432e363cf7");
        QTest::newRow("MD5-sess, nc 10") << Algorithm::Md5Sess << true << QByteArray("alice") << QByteArray("s3cret")
                                         << QByteArray("example.com") << QByteArray("abc123") << QByteArray("REGISTER")
                                         << QByteArray("sip:example.com") << 10u << QByteArray("0a4f113b")
                                         << QByteArray("1fb522954863902f5f8073fc0c5b109f");
        QTest::newRow("SHA-256-sess, nc 2")
            << Algorithm::Sha256Sess << true << QByteArray("alice") << QByteArray("s3cret") << QByteArray("example.com")
            << QByteArray("abc123") << QByteArray("REGISTER") << QByteArray("sip:example.com") << 2u
            << QByteArray("0a4f113b") << QByteArray("ade22a056b22134114db5a1a7c779866c631b5c2d40f14a5ef851eb891f09fc1");
    }

    void response()
    {
        QFETCH(Algorithm, algorithm);
        QFETCH(bool, qopAuth);
        QFETCH(QByteArray, username);
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, realm);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, uri);
        QFETCH(quint32, nc);
        QFETCH(QByteArray, cnonce);
        QFETCH(QByteArray, expected);

        const DigestChallenge challenge = challengeOf(algorithm, realm, nonce, qopAuth);
        const DigestCredentials credentials { username, password };
        const DigestRequest request { method, uri, nc, cnonce };
        QCOMPARE(parla::sip::digestResponse(challenge, credentials, request), expected);

        const QByteArray header = parla::sip::digestAuthorization(challenge, credentials, request);
        QCOMPARE(paramOf(header, "response"), '"' + expected + '"');
        QVERIFY(!header.contains(password));
    }

    void authorizationFormat()
    {
        DigestChallenge challenge
            = challengeOf(Algorithm::Md5, "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", true);
        challenge.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
        const DigestCredentials credentials { "Mufasa", "Circle Of Life" };
        const DigestRequest request { "GET", "/dir/index.html", 1, "0a4f113b" };
        const QByteArray header = parla::sip::digestAuthorization(challenge, credentials, request);
        QCOMPARE(header,
            QByteArray("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                       "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                       "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, cnonce=\"0a4f113b\", "
                       "qop=auth, nc=00000001, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));

        // Without qop there is no cnonce, qop or nc; quotes and backslashes in values are escaped.
        const DigestChallenge plain = challengeOf(Algorithm::Sha256, "a\"b", "n\\1", false);
        const QByteArray plainHeader
            = parla::sip::digestAuthorization(plain, { "al\"ice", "pw" }, { "INVITE", "sip:b@c", 1, {} });
        QVERIFY(plainHeader.contains("username=\"al\\\"ice\""));
        QVERIFY(plainHeader.contains("realm=\"a\\\"b\""));
        QVERIFY(plainHeader.contains("nonce=\"n\\\\1\""));
        QVERIFY(plainHeader.contains("algorithm=SHA-256"));
        QVERIFY(!plainHeader.contains("cnonce"));
        QVERIFY(!plainHeader.contains("qop"));
        QVERIFY(!plainHeader.contains("nc="));
        QVERIFY(!plainHeader.contains("opaque"));

        // A -sess algorithm with no cnonce given gets a random one.
        const DigestChallenge sess = challengeOf(Algorithm::Md5Sess, "r", "n", true);
        const QByteArray sessHeader
            = parla::sip::digestAuthorization(sess, { "u", "p" }, { "REGISTER", "sip:r", 1, {} });
        QVERIFY(sessHeader.contains("algorithm=MD5-sess"));
        QVERIFY(QRegularExpression(QStringLiteral("cnonce=\"[0-9a-f]{32}\""))
                    .match(QString::fromUtf8(sessHeader))
                    .hasMatch());
    }

    void parseChallenge_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("proxy");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("realm");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("opaque");
        QTest::addColumn<Algorithm>("algorithm");
        QTest::addColumn<bool>("qopAuth");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<QString>("errorFragment");

        QTest::newRow("Kamailio style") << QByteArray("Digest realm=\"example.com\", nonce=\"Zk9hYmNk\", qop=\"auth\"")
                                        << false << true << QByteArray("example.com") << QByteArray("Zk9hYmNk")
                                        << QByteArray() << Algorithm::Md5 << true << false << QString();
        QTest::newRow("stale, proxy, opaque")
            << QByteArray("Digest realm=\"p.example.com\", nonce=\"n2\", opaque=\"op\", stale=TRUE, algorithm=MD5")
            << true << true << QByteArray("p.example.com") << QByteArray("n2") << QByteArray("op") << Algorithm::Md5
            << false << true << QString();
        QTest::newRow("stale false") << QByteArray("Digest realm=\"r\", nonce=\"n\", stale=false") << false << true
                                     << QByteArray("r") << QByteArray("n") << QByteArray() << Algorithm::Md5 << false
                                     << false << QString();
        QTest::newRow("multiple qop, auth chosen")
            << QByteArray("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int, auth\"") << false << true << QByteArray("r")
            << QByteArray("n") << QByteArray() << Algorithm::Md5 << true << false << QString();
        QTest::newRow("unquoted algorithm SHA-256-sess, odd case and order")
            << QByteArray("dIgEsT ALGORITHM=sha-256-SESS,QOP=\"auth\",NONCE=\"n3\",  Realm = \"r3\"") << false << true
            << QByteArray("r3") << QByteArray("n3") << QByteArray() << Algorithm::Sha256Sess << true << false
            << QString();
        QTest::newRow("unquoted values") << QByteArray("Digest realm=r4, nonce=abc, algorithm=SHA-256, qop=auth")
                                         << false << true << QByteArray("r4") << QByteArray("abc") << QByteArray()
                                         << Algorithm::Sha256 << true << false << QString();
        QTest::newRow("escaped quote in realm")
            << QByteArray("Digest realm=\"a \\\"quoted\\\" realm\", nonce=\"n,with,commas\", domain=\"sip:a sip:b\"")
            << false << true << QByteArray("a \"quoted\" realm") << QByteArray("n,with,commas") << QByteArray()
            << Algorithm::Md5 << false << false << QString();
        QTest::newRow("MD5-sess") << QByteArray("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess") << false << true
                                  << QByteArray("r") << QByteArray("n") << QByteArray() << Algorithm::Md5Sess << false
                                  << false << QString();
        QTest::newRow("Basic scheme") << QByteArray("Basic realm=\"r\"") << false << false << QByteArray()
                                      << QByteArray() << QByteArray() << Algorithm::Md5 << false << false
                                      << QStringLiteral("unsupported authentication scheme \"Basic\"");
        QTest::newRow("missing nonce") << QByteArray("Digest realm=\"r\", qop=\"auth\"") << false << false
                                       << QByteArray() << QByteArray() << QByteArray() << Algorithm::Md5 << false
                                       << false << QStringLiteral("without a nonce");
        QTest::newRow("missing realm") << QByteArray("Digest nonce=\"n\"") << false << false << QByteArray()
                                       << QByteArray() << QByteArray() << Algorithm::Md5 << false << false
                                       << QStringLiteral("without a realm");
        QTest::newRow("unknown algorithm")
            << QByteArray("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256") << false << false << QByteArray()
            << QByteArray() << QByteArray() << Algorithm::Md5 << false << false
            << QStringLiteral("unsupported digest algorithm \"SHA-512-256\"");
        QTest::newRow("only auth-int") << QByteArray("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"") << false
                                       << false << QByteArray() << QByteArray() << QByteArray() << Algorithm::Md5
                                       << false << false << QStringLiteral("no usable qop");
        QTest::newRow("unterminated quote")
            << QByteArray("Digest realm=\"r\", nonce=\"n") << false << false << QByteArray() << QByteArray()
            << QByteArray() << Algorithm::Md5 << false << false << QStringLiteral("unterminated");
        QTest::newRow("empty") << QByteArray() << false << false << QByteArray() << QByteArray() << QByteArray()
                               << Algorithm::Md5 << false << false << QStringLiteral("no authentication scheme");
        QTest::newRow("parameter without value")
            << QByteArray("Digest realm, nonce=\"n\"") << false << false << QByteArray() << QByteArray() << QByteArray()
            << Algorithm::Md5 << false << false << QStringLiteral("has no value");
    }

    void parseChallenge()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, proxy);
        QFETCH(bool, valid);
        QFETCH(QByteArray, realm);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, opaque);
        QFETCH(Algorithm, algorithm);
        QFETCH(bool, qopAuth);
        QFETCH(bool, stale);
        QFETCH(QString, errorFragment);

        QString error;
        const auto challenge = DigestChallenge::parse(value, proxy, &error);
        QCOMPARE(challenge.has_value(), valid);
        if (!valid) {
            QVERIFY2(error.contains(errorFragment), qPrintable(error));
            return;
        }
        QVERIFY(error.isEmpty());
        QCOMPARE(challenge->realm, realm);
        QCOMPARE(challenge->nonce, nonce);
        QCOMPARE(challenge->opaque, opaque);
        QCOMPARE(challenge->algorithm, algorithm);
        QCOMPARE(challenge->qopAuth, qopAuth);
        QCOMPARE(challenge->stale, stale);
        QCOMPARE(challenge->proxy, proxy);
    }

    void sessionCountsNonces()
    {
        DigestSession session;
        QVERIFY(!session.hasChallenge());
        QTest::ignoreMessage(QtWarningMsg, "authorize() called without a challenge");
        QVERIFY(session.authorize({ "alice", "s3cret" }, "REGISTER", "sip:example.com").isEmpty());

        auto challenge = DigestChallenge::parse(
            "Digest realm=\"example.com\", nonce=\"first\", qop=\"auth,auth-int\"", false, nullptr);
        QVERIFY(challenge);
        session.setChallenge(*challenge);
        QCOMPARE(session.headerName(), QByteArray("Authorization"));
        const QByteArray one = session.authorize({ "alice", "s3cret" }, "REGISTER", "sip:example.com");
        const QByteArray two = session.authorize({ "alice", "s3cret" }, "REGISTER", "sip:example.com");
        QCOMPARE(paramOf(one, "nc"), QByteArray("00000001"));
        QCOMPARE(paramOf(two, "nc"), QByteArray("00000002"));
        QVERIFY(paramOf(one, "cnonce") != paramOf(two, "cnonce"));
        QVERIFY(!one.contains("s3cret"));
        QVERIFY(!two.contains("s3cret"));

        // The same nonce again keeps counting; a new one starts over.
        session.setChallenge(*challenge);
        QCOMPARE(paramOf(session.authorize({ "alice", "s3cret" }, "REGISTER", "sip:example.com"), "nc"),
            QByteArray("00000003"));
        challenge->nonce = "second";
        challenge->stale = true;
        session.setChallenge(*challenge);
        const QByteArray fresh = session.authorize({ "alice", "s3cret" }, "INVITE", "sip:bob@example.com");
        QCOMPARE(paramOf(fresh, "nc"), QByteArray("00000001"));
        QCOMPARE(paramOf(fresh, "nonce"), QByteArray("\"second\""));
        QCOMPARE(paramOf(fresh, "uri"), QByteArray("\"sip:bob@example.com\""));

        // The answer verifies against an independent computation with the same cnonce.
        const QByteArray cnonce = paramOf(fresh, "cnonce").mid(1).chopped(1);
        const QByteArray expected = parla::sip::digestResponse(
            *challenge, { "alice", "s3cret" }, { "INVITE", "sip:bob@example.com", 1, cnonce });
        QCOMPARE(paramOf(fresh, "response"), '"' + expected + '"');

        auto proxyChallenge = DigestChallenge::parse("Digest realm=\"proxy\", nonce=\"p\"", true, nullptr);
        QVERIFY(proxyChallenge);
        session.setChallenge(*proxyChallenge);
        QCOMPARE(session.headerName(), QByteArray("Proxy-Authorization"));
        const QByteArray noQop = session.authorize({ "alice", "s3cret" }, "INVITE", "sip:bob@example.com");
        QVERIFY(!noQop.contains("nc="));

        session.clear();
        QVERIFY(!session.hasChallenge());
    }
};

QTEST_GUILESS_MAIN(TestDigestAuth)
#include "tst_digestauth.moc"
