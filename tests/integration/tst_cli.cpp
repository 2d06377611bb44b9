// SPDX-License-Identifier: GPL-3.0-or-later
// parla-cli end to end: the real program, spawned, signed in to the fixture's Kamailio,
// driven through stdin, its JSON lines read back.
#include "kamailioserver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using parla::test::KamailioServer;

class CliProcess
{
public:
    explicit CliProcess(const QStringList &arguments, const QString &password = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!password.isNull())
            env.insert(QStringLiteral("PARLA_PASSWORD"), password);
        // A settings folder of its own, so the test never touches the user's instance ids.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        m_process.setProcessEnvironment(env);
        m_process.start(qEnvironmentVariable("PARLA_CLI"), arguments);
    }
    ~CliProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QProcess &process() { return m_process; }
    void send(const QByteArray &command) { m_process.write(command + '\n'); }

    // Reads lines until one has event == name (and matches `extra` fields); bounded.
    QJsonObject waitForEvent(const QString &name, const QJsonObject &extra = {}, int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine();
                QJsonParseError error {};
                const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
                if (error.error != QJsonParseError::NoError) {
                    qWarning() << "not a JSON line:" << line;
                    m_malformed = true;
                    continue;
                }
                m_events.append(event);
                if (event.value(QStringLiteral("event")).toString() != name)
                    continue;
                bool matches = true;
                for (auto it = extra.begin(); it != extra.end(); ++it)
                    matches = matches && event.value(it.key()) == it.value();
                if (matches)
                    return event;
            }
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return {};
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        }
    }
    const QList<QJsonObject> &events() const { return m_events; }
    bool sawMalformedLine() const { return m_malformed; }

private:
    QTemporaryDir m_config;
    QProcess m_process;
    QList<QJsonObject> m_events;
    bool m_malformed = false;
};

class TestCli : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;

    // Alice's bindings made over WebSocket: the fixture's Kamailio is shared with the SIPp test,
    // whose UDP binding of alice may still be there.
    int aliceWebSocketBindings() const
    {
        const QStringList contacts = m_kamailio->registeredContacts(QStringLiteral("alice"));
        return int(std::count_if(contacts.begin(), contacts.end(),
            [](const QString &contact) { return contact.contains(QLatin1String("transport=ws")); }));
    }

    // The un-REGISTERs (Expires 0) Kamailio accepted for USER since a byte offset of its log,
    // from the line kamailio.cfg's route[REGISTRAR] writes before it answers. The binding alone
    // cannot tell: this Kamailio drops it with the connection anyway (handle_lost_tcp).
    qint64 logSize() const { return QFileInfo(m_kamailio->logFilePath()).size(); }
    int unregistersSince(qint64 offset, const QString &user) const
    {
        QFile log(m_kamailio->logFilePath());
        if (!log.open(QIODevice::ReadOnly) || !log.seek(offset))
            return -1;
        const QRegularExpression unregister(
            QStringLiteral(R"(REGISTER %1 from \S+ Expires=0\s*$)").arg(QRegularExpression::escape(user)));
        int count = 0;
        while (!log.atEnd()) {
            if (unregister.match(QString::fromUtf8(log.readLine())).hasMatch())
                ++count;
        }
        return count;
    }

    QStringList serverArguments(const QString &user) const
    {
        return { QStringLiteral("--server"), m_kamailio->webSocketUrl().toString(), QStringLiteral("--user"), user };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("PARLA_CLI"), "PARLA_CLI must name the parla-cli binary");
        QString error;
        m_kamailio = KamailioServer::attachFromEnvironment(&error);
        QVERIFY2(m_kamailio, qPrintable(error));
    }

    void signsInAndFollowsCommands()
    {
        CliProcess cli(serverArguments(QStringLiteral("alice")), QStringLiteral("alice-secret"));
        QVERIFY(!cli.waitForEvent(QStringLiteral("didStart")).isEmpty());
        QCOMPARE(aliceWebSocketBindings(), 1);

        cli.send("status");
        const QJsonObject status = cli.waitForEvent(QStringLiteral("status"));
        QCOMPARE(status.value(QStringLiteral("state")).toString(), QStringLiteral("running"));

        const qint64 logStart = logSize();
        cli.send("pause");
        QVERIFY(!cli.waitForEvent(QStringLiteral("didPause")).isEmpty());
        QCOMPARE(aliceWebSocketBindings(), 0);
        QCOMPARE(unregistersSince(logStart, QStringLiteral("alice")), 1);
        cli.send("refresh");
        const QJsonObject refused = cli.waitForEvent(QStringLiteral("operationFailed"));
        QCOMPARE(refused.value(QStringLiteral("reason")).toString(), QStringLiteral("not-running"));
        QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QLatin1String("paused")));

        cli.send("resume");
        QVERIFY(!cli.waitForEvent(QStringLiteral("didResume")).isEmpty());
        QCOMPARE(aliceWebSocketBindings(), 1);

        cli.send("bogus");
        QVERIFY(cli.waitForEvent(QStringLiteral("commandError"))
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("bogus")));

        cli.send("quit");
        QVERIFY(!cli.waitForEvent(QStringLiteral("didStop")).isEmpty());
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.process().exitCode(), 0);
        QCOMPARE(aliceWebSocketBindings(), 0);
        QCOMPARE(unregistersSince(logStart, QStringLiteral("alice")), 2); // pause, then quit
        QVERIFY(!cli.sawMalformedLine());

        // Every transition came as a will/did pair with from, to and a timestamp.
        int wills = 0, dids = 0;
        for (const QJsonObject &event : cli.events()) {
            const QString name = event.value(QStringLiteral("event")).toString();
            QVERIFY(QDateTime::fromString(event.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
            if (name == QLatin1String("stateWillChange") || name == QLatin1String("stateDidChange")) {
                QVERIFY(!event.value(QStringLiteral("from")).toString().isEmpty());
                QVERIFY(!event.value(QStringLiteral("to")).toString().isEmpty());
                (name == QLatin1String("stateWillChange") ? wills : dids)++;
            }
        }
        QVERIFY(wills >= 6);
        QCOMPARE(wills, dids);
    }

    void sigtermUnregistersBeforeExiting()
    {
        CliProcess cli(serverArguments(QStringLiteral("alice")), QStringLiteral("alice-secret"));
        QVERIFY(!cli.waitForEvent(QStringLiteral("didStart")).isEmpty());
        QCOMPARE(aliceWebSocketBindings(), 1);
        const qint64 logStart = logSize();
        cli.process().terminate(); // SIGTERM, as a session manager or systemd would
        QVERIFY(!cli.waitForEvent(QStringLiteral("didStop")).isEmpty());
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.process().exitCode(), 0);
        QCOMPARE(aliceWebSocketBindings(), 0);
        QCOMPARE(unregistersSince(logStart, QStringLiteral("alice")), 1); // not merely the socket closing
    }

    void wrongPasswordReportsTheReason()
    {
        CliProcess cli(serverArguments(QStringLiteral("bob")), QStringLiteral("wrong"));
        const QJsonObject failed = cli.waitForEvent(QStringLiteral("didFail"));
        QCOMPARE(failed.value(QStringLiteral("reason")).toString(), QStringLiteral("authentication-failed"));
        // Kamailio challenges the wrong answer again: a kind for people, its status line as detail.
        QCOMPARE(failed.value(QStringLiteral("kind")).toString(), QStringLiteral("authentication-refused"));
        QCOMPARE(failed.value(QStringLiteral("detail")).toString(), QStringLiteral("401 Unauthorized"));
        cli.process().closeWriteChannel(); // end of input: quit
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitCode(), 1);
    }

    void badArgumentsExitWithUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no server") << QStringList { QStringLiteral("--user"), QStringLiteral("alice") }
                                   << QStringLiteral("--server");
        QTest::newRow("http url") << QStringList { QStringLiteral("--server"), QStringLiteral("http://x"),
            QStringLiteral("--user"), QStringLiteral("a") }
                                  << QStringLiteral("ws://");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") }
                                        << QStringLiteral("frobnicate");
        QTest::newRow("bad expires") << QStringList { QStringLiteral("--server"), QStringLiteral("ws://x"),
            QStringLiteral("--user"), QStringLiteral("a"), QStringLiteral("--expires"), QStringLiteral("soon") }
                                     << QStringLiteral("soon");
    }
    void badArgumentsExitWithUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        CliProcess cli(arguments, QStringLiteral("x"));
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitCode(), 2);
        const QString stderrText = QString::fromUtf8(cli.process().readAllStandardError());
        QVERIFY2(stderrText.contains(message), qPrintable(stderrText));
        QVERIFY(cli.process().readAllStandardOutput().isEmpty());
    }

    void helpDocumentsTheCommands()
    {
        CliProcess cli({ QStringLiteral("--help") });
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitCode(), 0);
        const QString help = QString::fromUtf8(cli.process().readAllStandardOutput());
        for (const char *word :
            { "--server", "--user", "PARLA_PASSWORD", "pause", "resume", "quit", "stateWillChange" })
            QVERIFY2(help.contains(QLatin1String(word)), word);
    }

    void passwordNeverOnTheCommandLine()
    {
        CliProcess cli({ QStringLiteral("--server"), m_kamailio->webSocketUrl().toString(), QStringLiteral("--user"),
            QStringLiteral("carol"), QStringLiteral("--password"), QStringLiteral("carol-secret") });
        QVERIFY(cli.process().waitForFinished(10000));
        QCOMPARE(cli.process().exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
