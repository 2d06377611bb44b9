// SPDX-License-Identifier: GPL-3.0-or-later
// wss:// checked as a browser checks it, against the project's real Kamailio serving TLS
// (kamailio-tls-modules) with certificates this test makes with openssl: a valid chain from a
// CA the user trusts explicitly signs in; an expired certificate, one for another name, a
// self-signed one, and the valid chain without the user's CA, each end in failed with a reason
// a person understands. parla-cli --ca-file end to end.
#include "client/callclient.h"
#include "client/engine.h"
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "testpki.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ClientError;
using parla::client::ConnectionTuning;
using parla::client::Engine;
using parla::client::Session;
using parla::test::KamailioServer;
using parla::test::TestPki;
using parla::test::waitForState;
using State = CallClient::State;

class TestTls : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<KamailioServer> m_kamailio; // serving the valid chain

    std::unique_ptr<KamailioServer> startKamailio(const TestPki::Pair &pair)
    {
        auto server = std::make_unique<KamailioServer>();
        server->setTls(pair.certificate, pair.key);
        if (!server->start()) {
            qWarning().noquote() << server->errorString();
            return nullptr;
        }
        return server;
    }

    static std::unique_ptr<Engine> makeEngine()
    {
        ConnectionTuning tuning;
        tuning.backoffBase = 200ms;
        tuning.backoffCap = 1000ms;
        tuning.maxStartAttempts = 3;
        tuning.openTimeout = 5000ms;
        return std::make_unique<Engine>([tuning](CallClient *client) { client->setTuning(tuning); });
    }

    static Session aliceAt(const QUrl &server, const QString &caFile)
    {
        Session s;
        s.server = server;
        s.user = QStringLiteral("alice");
        s.password = QStringLiteral("alice-secret");
        s.domain = QStringLiteral("127.0.0.1");
        s.caFile = caFile;
        return s;
    }

    // Starts alice at `server` and returns the error she fails with (reason None if she did not).
    static ClientError failureOf(const Session &session, int *reconnects = nullptr)
    {
        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        QSignalSpy reconnecting(client, &CallClient::didStartReconnecting);
        client->start(session);
        if (!failed.wait(15000))
            return {};
        if (reconnects)
            *reconnects = int(reconnecting.size());
        return failed.first().first().value<ClientError>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = std::make_unique<TestPki>(m_dir.path());
        QVERIFY2(m_pki->create(), qPrintable(m_pki->errorString()));
        m_kamailio = startKamailio(m_pki->valid());
        QVERIFY(m_kamailio);
        QVERIFY(m_kamailio->secureWebSocketUrl().isValid());
    }

    void validChainFromTheTrustedCaRuns_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("by address") << QStringLiteral("127.0.0.1");
        QTest::newRow("by name") << QStringLiteral("localhost");
    }
    void validChainFromTheTrustedCaRuns()
    {
        QFETCH(QString, host);
        auto engine = makeEngine();
        CallClient *client = engine->client();
        QSignalSpy failed(client, &CallClient::didFail);
        client->start(aliceAt(m_kamailio->secureWebSocketUrl(host), m_pki->caCertificate()));
        QVERIFY2(waitForState(client, State::Running, 15000),
            failed.isEmpty() ? "not running" : qPrintable(failed.first().first().value<ClientError>().message));
        // Kamailio holds her binding (this instance was reached over wss:// only).
        QCOMPARE(m_kamailio->registeredContacts(QStringLiteral("alice")).size(), 1);
        client->stop();
        QVERIFY(waitForState(client, State::Stopped));
    }

    void validChainWithoutTheUsersCaIsRefused()
    {
        // Nothing but the user's own CA file makes the test CA trusted: without it the same
        // server is refused, and never retried.
        int reconnects = -1;
        const ClientError error = failureOf(aliceAt(m_kamailio->secureWebSocketUrl(), QString()), &reconnects);
        QCOMPARE(error.reason, ClientError::Reason::CertificateRefused);
        QVERIFY2(error.message.contains(QLatin1String("authority that is not trusted here (Parla Test CA)")),
            qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("127.0.0.1")), qPrintable(error.message));
        QCOMPARE(reconnects, 0);
    }

    void refusedCertificates_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("reason");
        QTest::newRow("expired") << QStringLiteral("expired")
                                 << QStringLiteral("the certificate of 127.0.0.1 expired on 2020-02-01");
        QTest::newRow("another name") << QStringLiteral("othername")
                                      << QStringLiteral(
                                             "the server's certificate is for another name (sip.example.org, not "
                                             "127.0.0.1)");
        QTest::newRow("self-signed") << QStringLiteral("selfsigned")
                                     << QStringLiteral(
                                            "127.0.0.1 presented a self-signed certificate that no trusted authority "
                                            "vouches for");
    }
    void refusedCertificates()
    {
        // The user's CA file is given: each is refused for its own fault, not for the issuer.
        QFETCH(QString, which);
        QFETCH(QString, reason);
        const TestPki::Pair pair = which == QLatin1String("expired") ? m_pki->expired()
            : which == QLatin1String("othername")                    ? m_pki->otherName()
                                                                     : m_pki->selfSigned();
        auto kamailio = startKamailio(pair);
        QVERIFY(kamailio);
        int reconnects = -1;
        const ClientError error
            = failureOf(aliceAt(kamailio->secureWebSocketUrl(), m_pki->caCertificate()), &reconnects);
        QCOMPARE(error.reason, ClientError::Reason::CertificateRefused);
        QVERIFY2(error.message.startsWith(reason), qPrintable(error.message));
        QCOMPARE(reconnects, 0);
    }

    void unreadableCaFileFailsBeforeConnecting()
    {
        const ClientError error
            = failureOf(aliceAt(m_kamailio->secureWebSocketUrl(), m_dir.filePath(QStringLiteral("no-such-ca.pem"))));
        QCOMPARE(error.reason, ClientError::Reason::InvalidSession);
        QVERIFY2(error.message.contains(QLatin1String("no-such-ca.pem")), qPrintable(error.message));
    }

    void cliSignsInOverWssWithCaFile()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("PARLA_CLI"), "PARLA_CLI must name the parla-cli binary");
        QTemporaryDir config;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARLA_PASSWORD"), QStringLiteral("alice-secret"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        QProcess cli;
        cli.setProcessEnvironment(env);
        cli.start(qEnvironmentVariable("PARLA_CLI"),
            { QStringLiteral("--server"), m_kamailio->secureWebSocketUrl().toString(), QStringLiteral("--user"),
                QStringLiteral("alice"), QStringLiteral("--ca-file"), m_pki->caCertificate() });
        QVERIFY(cli.waitForStarted(5000));
        bool registered = false;
        QDeadlineTimer deadline(15000);
        while (!registered && !deadline.hasExpired() && cli.state() == QProcess::Running) {
            if (!cli.canReadLine()) {
                cli.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
                continue;
            }
            const QJsonObject event = QJsonDocument::fromJson(cli.readLine()).object();
            registered = event.value(QStringLiteral("event")).toString() == QLatin1String("registered");
            QVERIFY2(event.value(QStringLiteral("event")).toString() != QLatin1String("didFail"),
                qPrintable(event.value(QStringLiteral("message")).toString()));
        }
        QVERIFY2(registered, cli.readAllStandardError().constData());
        cli.write("quit\n");
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);
    }

    void cliRefusesACaFileItCannotUse()
    {
        QTemporaryDir dir;
        const QString notPem = dir.filePath(QStringLiteral("not-a-ca.pem"));
        {
            QFile f(notPem);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("hello\n");
        }
        for (const QString &file : { dir.filePath(QStringLiteral("missing.pem")), notPem }) {
            QProcess cli;
            cli.start(qEnvironmentVariable("PARLA_CLI"),
                { QStringLiteral("--server"), m_kamailio->secureWebSocketUrl().toString(), QStringLiteral("--user"),
                    QStringLiteral("alice"), QStringLiteral("--ca-file"), file });
            QVERIFY(cli.waitForFinished(10000));
            QCOMPARE(cli.exitCode(), 2);
            const QString err = QString::fromUtf8(cli.readAllStandardError());
            QVERIFY2(err.contains(QFileInfo(file).fileName()), qPrintable(err));
        }
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
