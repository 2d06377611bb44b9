// SPDX-License-Identifier: GPL-3.0-or-later
// The test platform itself: KamailioServer starts the project's Kamailio, it answers,
// survives a crash and a restart on the same ports, and reports registrations.
#include "kamailioserver.h"

#include <QHostAddress>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using parla::test::KamailioServer;

class TestKamailioServer : public QObject
{
    Q_OBJECT

private:
    // sipp registers USER with PASSWORD over UDP; sipp's exit code is the verdict.
    static int sippRegister(const KamailioServer &server, const QString &user, const QString &password,
        const QString &scenario = QStringLiteral("register_auth.xml"))
    {
        const QString sipp = QStandardPaths::findExecutable(QStringLiteral("sipp"));
        if (sipp.isEmpty())
            return -2;
        const QString scenarioFile = QFINDTESTDATA(QStringLiteral("sipp/") + scenario);
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(sipp,
            { QStringLiteral("-sf"), scenarioFile, QStringLiteral("-s"), user, QStringLiteral("-au"), user,
                QStringLiteral("-ap"), password, QStringLiteral("-i"), QStringLiteral("127.0.0.1"),
                QStringLiteral("-m"), QStringLiteral("1"), QStringLiteral("-timeout"), QStringLiteral("10s"),
                QStringLiteral("-timeout_error"), QStringLiteral("-nostdin"),
                QStringLiteral("127.0.0.1:%1").arg(server.udpPort()) });
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (p.exitCode() != 0)
            qWarning().noquote() << "sipp:" << QString::fromUtf8(p.readAll()).right(2000);
        return p.exitCode();
    }

    static bool webSocketPortAccepts(const KamailioServer &server)
    {
        QTcpSocket s;
        QSignalSpy connected(&s, &QTcpSocket::connected);
        s.connectToHost(QHostAddress::LocalHost, server.webSocketUrl().port());
        return connected.wait(3000) || s.state() == QAbstractSocket::ConnectedState;
    }

private Q_SLOTS:
    void startsAnswersAndStops()
    {
        KamailioServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.isRunning());
        QVERIFY(server.pid() > 0);
        QCOMPARE(server.domain(), QStringLiteral("127.0.0.1"));
        QCOMPARE(server.webSocketUrl().scheme(), QStringLiteral("ws"));
        QCOMPARE(server.webSocketUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(server.udpPort() != 0);
        QVERIFY(server.tcpPort() != 0);
        QVERIFY(QFile::exists(server.logFilePath()));
        QVERIFY(server.ping());
        QVERIFY(webSocketPortAccepts(server));

        const qint64 pid = server.pid();
        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(::kill(pid_t(pid), 0) != 0);
        QVERIFY(!server.ping(300));
    }

    void survivesACrashAndRestartsOnTheSamePorts()
    {
        KamailioServer server;
        QSignalSpy exited(&server, &KamailioServer::unexpectedlyExited);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QUrl ws = server.webSocketUrl();
        const quint16 udp = server.udpPort();
        const quint16 tcp = server.tcpPort();

        // A live TCP connection when it dies leaves the port in TIME_WAIT on the server side.
        QTcpSocket client;
        QSignalSpy connected(&client, &QTcpSocket::connected);
        client.connectToHost(QHostAddress::LocalHost, ws.port());
        QVERIFY(connected.wait(3000));

        server.kill();
        QVERIFY(!server.isRunning());
        QVERIFY(!server.ping(300));
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 5000);

        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        QCOMPARE(server.webSocketUrl(), ws);
        QCOMPARE(server.udpPort(), udp);
        QCOMPARE(server.tcpPort(), tcp);
        QVERIFY(server.ping());
        QVERIFY(webSocketPortAccepts(server));
        // kill() is asked for, so it is not "unexpected".
        QCOMPARE(exited.count(), 0);

        // A graceful restart too.
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        QCOMPARE(server.udpPort(), udp);
        QVERIFY(server.ping());
    }

    void reportsRegistrations()
    {
        KamailioServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.registeredContacts(QStringLiteral("bob")).isEmpty());
        QVERIFY2(server.errorString().isEmpty(), qPrintable(server.errorString()));

        if (QStandardPaths::findExecutable(QStringLiteral("sipp")).isEmpty())
            QSKIP("sipp is not installed");
        // A wrong password is refused and registers nothing.
        QCOMPARE(sippRegister(server, QStringLiteral("alice"), QStringLiteral("not-her-password"),
                     QStringLiteral("register_badauth.xml")),
            0);
        QVERIFY(server.registeredContacts(QStringLiteral("alice")).isEmpty());

        QCOMPARE(
            sippRegister(server, QStringLiteral("alice"), KamailioServer::demoPassword(QStringLiteral("alice"))), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!server.registeredContacts(QStringLiteral("alice")).isEmpty(), 5000);
        const QStringList contacts = server.registeredContacts(QStringLiteral("alice"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY2(contacts.first().startsWith(QLatin1String("sip:alice@127.0.0.1:")), qPrintable(contacts.first()));
        QVERIFY(server.registeredContacts(QStringLiteral("bob")).isEmpty());
    }

    void unexpectedExitIsSignalled()
    {
        KamailioServer server;
        QSignalSpy exited(&server, &KamailioServer::unexpectedlyExited);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        ::kill(pid_t(server.pid()), SIGTERM);
        QVERIFY(exited.wait(10000));
        server.stop();
    }

    void attachesToTheFixture()
    {
        if (qEnvironmentVariableIsEmpty(KamailioServer::StateDirEnv))
            QSKIP("PARLA_KAMAILIO_STATE is not set (run through ctest)");
        QString error;
        auto server = KamailioServer::attachFromEnvironment(&error);
        QVERIFY2(server, qPrintable(error));
        QVERIFY(server->isDetached());
        QVERIFY(server->isRunning());
        QVERIFY(server->ping());
        QVERIFY(webSocketPortAccepts(*server));
        QVERIFY(server->registeredContacts(QStringLiteral("nobody-registers-this")).isEmpty());
        QVERIFY2(server->errorString().isEmpty(), qPrintable(server->errorString()));
        const qint64 pid = server->pid();
        server.reset(); // a detached handle leaves the fixture running
        QVERIFY(::kill(pid_t(pid), 0) == 0);
    }
};

QTEST_GUILESS_MAIN(TestKamailioServer)
#include "tst_kamailioserver.moc"
