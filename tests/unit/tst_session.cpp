// SPDX-License-Identifier: GPL-3.0-or-later
// Session::validate(): what start() refuses before anything goes on the wire, and how it says
// why. The user must be an RFC 3261 user, the domain a host; each rejection names the culprit.
#include "client/session.h"

#include <QTest>

using parla::client::Session;

class TestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("displayName");
        // Empty: valid. Otherwise every fragment must be in the message.
        QTest::addColumn<QStringList>("fragments");

        const QString ws = QStringLiteral("ws://sip.example.com:8080");
        const auto row = [&](const char *name, const QString &server, const QString &user, const QString &domain,
                             const QStringList &fragments, const QString &displayName = {}) {
            QTest::newRow(name) << server << user << domain << displayName << fragments;
        };

        // Users (RFC 3261 §25.1: unreserved / escaped / user-unreserved).
        row("plain user", ws, QStringLiteral("alice"), {}, {});
        row("marks", ws, QStringLiteral("a-l_i.c!e~*'()"), {}, {});
        row("user-unreserved", ws, QStringLiteral("a&b=c+d$e,f;g?h/i"), {}, {});
        row("telephone number", ws, QStringLiteral("+390612345678"), {}, {});
        row("escaped", ws, QStringLiteral("al%20ice"), {}, {});
        row("escaped lower hex", ws, QStringLiteral("caf%c3%a9"), {}, {});
        row("empty user", ws, QString(), {}, { QStringLiteral("no user name") });
        row("space", ws, QStringLiteral("al ice"), {},
            { QStringLiteral("'al ice'"), QStringLiteral("' '"), QStringLiteral("position 3") });
        row("at sign", ws, QStringLiteral("alice@example.com"), {},
            { QStringLiteral("'@'"), QStringLiteral("position 6") });
        row("colon", ws, QStringLiteral("al:ice"), {}, { QStringLiteral("':'") });
        row("angle bracket", ws, QStringLiteral("alice>"), {}, { QStringLiteral("'>'") });
        row("double quote", ws, QStringLiteral("al\"ice"), {}, { QStringLiteral("'\"'") });
        row("control character", ws, QStringLiteral("al\nice"), {},
            { QStringLiteral("U+000A"), QStringLiteral("position 3") });
        row("DEL", ws, QStringLiteral("al\x7fice"), {}, { QStringLiteral("U+007F") });
        row("percent alone", ws, QStringLiteral("100%"), {},
            { QStringLiteral("'%'"), QStringLiteral("two hex digits") });
        row("percent one digit", ws, QStringLiteral("a%4"), {}, { QStringLiteral("position 2") });
        row("percent not hex", ws, QStringLiteral("a%zz"), {}, { QStringLiteral("two hex digits") });
        row("non-ASCII letter", ws, QStringLiteral("café"), {},
            { QStringLiteral("'é'"), QStringLiteral("U+00E9"), QStringLiteral("not ASCII"), QStringLiteral("%C3%A9") });
        row("non-ASCII digit", ws, QStringLiteral("user\u0663"), {},
            { QStringLiteral("U+0663"), QStringLiteral("not ASCII") });
        row("emoji", ws, QStringLiteral("a\U0001F600"), {}, { QStringLiteral("%F0%9F%98%80") });

        // Domains: given, or the server's host (RFC 3261 §25.1 host).
        row("server host", ws, QStringLiteral("alice"), {}, {});
        row("server IPv4", QStringLiteral("ws://127.0.0.1:8080"), QStringLiteral("alice"), {}, {});
        row("server single label", QStringLiteral("ws://localhost:8080"), QStringLiteral("alice"), {}, {});
        row("domain given", ws, QStringLiteral("alice"), QStringLiteral("example.com"), {});
        row("domain trailing dot", ws, QStringLiteral("alice"), QStringLiteral("example.com."), {});
        row("domain with hyphens", ws, QStringLiteral("alice"), QStringLiteral("my-pbx.example-1.com"), {});
        row("domain IPv4", ws, QStringLiteral("alice"), QStringLiteral("192.0.2.1"), {});
        row("domain IPv6 reference", ws, QStringLiteral("alice"), QStringLiteral("[2001:db8::1]"), {});
        row("domain IPv6 with IPv4 tail", ws, QStringLiteral("alice"), QStringLiteral("[::ffff:192.0.2.1]"), {});
        row("domain IPv6 full", ws, QStringLiteral("alice"), QStringLiteral("[2001:db8:0:0:0:0:0:1]"), {});
        row("domain with underscore", ws, QStringLiteral("alice"), QStringLiteral("sip_server.example.com"),
            { QStringLiteral("'sip_server.example.com'"), QStringLiteral("not a host name") });
        row("domain with space", ws, QStringLiteral("alice"), QStringLiteral("example .com"),
            { QStringLiteral("not a host name") });
        row("domain with at", ws, QStringLiteral("alice"), QStringLiteral("alice@example.com"),
            { QStringLiteral("not a host name") });
        row("domain empty label", ws, QStringLiteral("alice"), QStringLiteral("example..com"),
            { QStringLiteral("not a host name") });
        row("domain label starts with hyphen", ws, QStringLiteral("alice"), QStringLiteral("-pbx.example.com"),
            { QStringLiteral("not a host name") });
        row("domain top label numeric", ws, QStringLiteral("alice"), QStringLiteral("1.2.3"),
            { QStringLiteral("not a host name") });
        row("domain IPv4 octet too big", ws, QStringLiteral("alice"), QStringLiteral("192.0.2.256"),
            { QStringLiteral("not a host name") });
        row("domain with port", ws, QStringLiteral("alice"), QStringLiteral("example.com:5060"),
            { QStringLiteral("not a host name") });
        row("domain IPv6 without brackets", ws, QStringLiteral("alice"), QStringLiteral("2001:db8::1"),
            { QStringLiteral("brackets"), QStringLiteral("[2001:db8::1]") });
        row("domain IPv6 two gaps", ws, QStringLiteral("alice"), QStringLiteral("[1::2::3]"),
            { QStringLiteral("not a host name") });
        row("domain IPv6 nine groups", ws, QStringLiteral("alice"), QStringLiteral("[1:2:3:4:5:6:7:8:9]"),
            { QStringLiteral("not a host name") });
        row("domain label too long", ws, QStringLiteral("alice"),
            QString(64, QLatin1Char('a')) + QStringLiteral(".com"), { QStringLiteral("not a host name") });
        row("domain non-ASCII", ws, QStringLiteral("alice"), QStringLiteral("bücher.example"),
            { QStringLiteral("'ü'"), QStringLiteral("xn--") });
        row("server IPv6 host", QStringLiteral("ws://[::1]:8080"), QStringLiteral("alice"), {}, {});
        row("server IPv6 host, long", QStringLiteral("wss://[2001:db8::5060]/"), QStringLiteral("alice"), {}, {});
        row("server IPv6 host, domain given", QStringLiteral("ws://[::1]:8080"), QStringLiteral("alice"),
            QStringLiteral("[::1]"), {});

        // The display name goes into From and To: no control characters.
        row("display name", ws, QStringLiteral("alice"), {}, {}, QStringLiteral("Alice \"A\" Liddell \\ é"));
        row("display name with CR LF", ws, QStringLiteral("alice"), {}, { QStringLiteral("U+000D") },
            QStringLiteral("Alice\r\nVia: evil"));
    }
    void validate()
    {
        QFETCH(QString, server);
        QFETCH(QString, user);
        QFETCH(QString, domain);
        QFETCH(QString, displayName);
        QFETCH(QStringList, fragments);
        Session session;
        session.server = QUrl(server);
        session.user = user;
        session.domain = domain;
        session.displayName = displayName;
        const QString problem = session.validate();
        if (fragments.isEmpty()) {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            return;
        }
        QVERIFY(!problem.isEmpty());
        for (const QString &fragment : std::as_const(fragments))
            QVERIFY2(problem.contains(fragment), qPrintable(QStringLiteral("'%1' not in: %2").arg(fragment, problem)));
    }

    // The SIP domain: the one given, else the server's host, an IPv6 literal in brackets
    // (RFC 3261 §25.1 IPv6reference), since QUrl::host() gives it without them.
    void effectiveDomain_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host name") << QStringLiteral("wss://sip.example.com/") << QString()
                                   << QStringLiteral("sip.example.com");
        QTest::newRow("IPv4") << QStringLiteral("ws://127.0.0.1:8080") << QString() << QStringLiteral("127.0.0.1");
        QTest::newRow("IPv6 loopback") << QStringLiteral("wss://[::1]:8443/") << QString() << QStringLiteral("[::1]");
        QTest::newRow("IPv6 without port")
            << QStringLiteral("ws://[2001:db8::1]") << QString() << QStringLiteral("[2001:db8::1]");
        QTest::newRow("IPv6 with IPv4 tail")
            << QStringLiteral("ws://[::ffff:192.0.2.1]:80") << QString() << QStringLiteral("[::ffff:192.0.2.1]");
        QTest::newRow("domain given over IPv6")
            << QStringLiteral("wss://[::1]:8443/") << QStringLiteral("example.com") << QStringLiteral("example.com");
    }
    void effectiveDomain()
    {
        QFETCH(QString, server);
        QFETCH(QString, domain);
        QFETCH(QString, expected);
        Session session;
        session.server = QUrl(server);
        session.user = QStringLiteral("alice");
        session.domain = domain;
        QCOMPARE(session.effectiveDomain(), expected);
        QCOMPARE(session.addressOfRecord(), QStringLiteral("sip:alice@") + expected);
        QVERIFY2(session.validate().isEmpty(), qPrintable(session.validate()));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
