// SPDX-License-Identifier: GPL-3.0-or-later
// ClientStatus: a sentence per client state and per kind of failure (in Italian too), the
// reconnect countdown and "retry now", and the real client's changes arriving on the GUI
// thread by queued signals.
#include "clientstatus.h"

#include "clientstatewait.h"
#include "fakesipserver.h"

#include "client/engine.h"
#include "installtranslations.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using parla::client::CallClient;
using parla::client::ClientError;
using parla::desktop::ClientStatus;

class TestClientStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sentencePerState_data()
    {
        QTest::addColumn<CallClient::State>("state");
        QTest::addColumn<QString>("text");
        QTest::newRow("stopped") << CallClient::State::Stopped << QStringLiteral("Not signed in");
        QTest::newRow("starting") << CallClient::State::Starting << QStringLiteral("Connecting…");
        QTest::newRow("running") << CallClient::State::Running << QStringLiteral("Online: calls can come in");
        QTest::newRow("paused") << CallClient::State::Paused
                                << QStringLiteral("Paused while Parla is in the background");
        QTest::newRow("resuming") << CallClient::State::Resuming << QStringLiteral("Reconnecting after the pause…");
    }
    void sentencePerState()
    {
        QFETCH(CallClient::State, state);
        QFETCH(QString, text);
        ClientStatus status;
        status.setState(CallClient::State::Failed); // so that every row is a change
        QSignalSpy changed(&status, &ClientStatus::stateChanged);
        status.setState(state);
        QCOMPARE(status.text(), text);
        QCOMPARE(status.stateName(), CallClient::stateName(state));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(1).toString(), QString()); // no reason outside failed
    }

    void reconnectingCountsDown()
    {
        ClientStatus status;
        status.setReconnecting(2, QDateTime::currentDateTimeUtc().addMSecs(3500));
        QVERIFY(status.isReconnecting());
        QCOMPARE(status.secondsToRetry(), 4);
        QCOMPARE(status.text(), QStringLiteral("Connection lost: reconnecting in 4 s"));
        // The countdown ticks by itself, once a second.
        QSignalSpy changed(&status, &ClientStatus::changed);
        QVERIFY(changed.wait(1500));
        QCOMPARE(status.secondsToRetry(), 3);
        status.setReconnecting(3, QDateTime::currentDateTimeUtc().addSecs(-1));
        QCOMPARE(status.text(), QStringLiteral("Connection lost: reconnecting now…"));
    }

    void failedSaysWhy()
    {
        ClientStatus status;
        QSignalSpy changed(&status, &ClientStatus::stateChanged);
        status.setFailed({ parla::client::ClientError::Reason::AuthenticationFailed,
            QStringLiteral("the server refused the user name or password") });
        QVERIFY(status.isFailed());
        QCOMPARE(status.text(), QStringLiteral("Could not connect: the server refused the user name or password"));
        QCOMPARE(changed.last().at(1).toString(), QStringLiteral("the server refused the user name or password"));
        // The client's own stateChanged(failed) comes after didFail: the reason stays.
        status.setState(CallClient::State::Failed);
        QCOMPARE(status.failureReason(), QStringLiteral("the server refused the user name or password"));
        // Stopped after a failure ("Check sign-in"): the sign-in page still shows why.
        status.setState(CallClient::State::Stopped);
        QCOMPARE(status.failureReason(), QStringLiteral("the server refused the user name or password"));
        QCOMPARE(status.text(), QStringLiteral("Not signed in"));
        status.setState(CallClient::State::Starting);
        QCOMPARE(status.failureReason(), QString());
    }

    // The engine's failure has a kind: the banner, the sign-in page and the tray say it in the
    // user's language, with the server's own words (never translated) after it.
    void failureKindInWords_data()
    {
        QTest::addColumn<ClientError::Kind>("kind");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("reason");
        using Kind = ClientError::Kind;
        QTest::newRow("settings") << Kind::Settings << QString()
                                  << QStringLiteral("the server address or the user name cannot be used");
        QTest::newRow("host not found") << Kind::HostNotFound << QStringLiteral("Host not found")
                                        << QStringLiteral("no server has that name (Host not found)");
        QTest::newRow("unreachable") << Kind::ServerUnreachable << QString()
                                     << QStringLiteral("the server cannot be reached");
        QTest::newRow("certificate") << Kind::Certificate << QStringLiteral("The certificate has expired")
                                     << QStringLiteral(
                                            "the server's certificate was refused (The certificate has expired)");
        QTest::newRow("protocol") << Kind::ProtocolError << QStringLiteral("401 Unauthorized")
                                  << QStringLiteral("the server does not speak SIP over WebSocket the way Parla does "
                                                    "(401 Unauthorized)");
        QTest::newRow("authentication") << Kind::AuthenticationRefused << QStringLiteral("401 Unauthorized")
                                        << QStringLiteral(
                                               "the server refused the user name or password (401 Unauthorized)");
        QTest::newRow("forbidden") << Kind::Forbidden << QStringLiteral("403 Forbidden")
                                   << QStringLiteral("the server does not let this account sign in (403 Forbidden)");
        QTest::newRow("refused") << Kind::Refused << QStringLiteral("404 Not Found")
                                 << QStringLiteral("the server refused the sign-in (404 Not Found)");
        QTest::newRow("server error") << Kind::ServerError << QStringLiteral("500 Server Internal Error")
                                      << QStringLiteral(
                                             "the server has a problem of its own (500 Server Internal Error)");
        QTest::newRow("timeout") << Kind::Timeout << QString() << QStringLiteral("the server did not answer in time");
        // No kind: the engine's own words, as before.
        QTest::newRow("none") << Kind::None << QStringLiteral("ignored") << QStringLiteral("the engine's words");
    }
    void failureKindInWords()
    {
        QFETCH(ClientError::Kind, kind);
        QFETCH(QString, detail);
        QFETCH(QString, reason);
        ClientStatus status;
        QSignalSpy changed(&status, &ClientStatus::stateChanged);
        status.setFailed(
            { ClientError::Reason::RegistrationRejected, QStringLiteral("the engine's words"), kind, detail });
        QCOMPARE(status.failureReason(), reason);
        QCOMPARE(status.text(), QStringLiteral("Could not connect: ") + reason);
        QCOMPARE(changed.last().at(1).toString(), reason); // the tray's words
    }

    void failureKindInItalian()
    {
        const auto english = qScopeGuard([] {
            for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>()) {
                QCoreApplication::removeTranslator(translator);
                delete translator;
            }
        });
        QCOMPARE(parla::desktop::installTranslations(*QCoreApplication::instance(), QStringLiteral("it")),
            QStringLiteral("it"));
        ClientStatus status;
        status.setFailed({ ClientError::Reason::AuthenticationFailed, QStringLiteral("the engine's words"),
            ClientError::Kind::Forbidden, QStringLiteral("403 Forbidden") });
        QCOMPARE(status.failureReason(),
            QStringLiteral("il server non permette a questo account di accedere (403 Forbidden)"));
    }

    void retryNowIsAnnounced()
    {
        ClientStatus status;
        QSignalSpy retry(&status, &ClientStatus::retryRequested);
        status.retryNow();
        QCOMPARE(retry.size(), 1);
    }

    // The real client on its engine thread, against an in-process registrar: the status
    // follows it on this thread.
    void followsTheClient()
    {
        parla::test::FakeSipServer server;
        QVERIFY(server.listen());
        server.setHandler(parla::test::FakeSipServer::registrar());
        parla::client::Engine engine;
        ClientStatus status;
        status.attach(engine.client());
        QCOMPARE(status.stateName(), QStringLiteral("stopped"));
        parla::client::Session session;
        session.server = server.url();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("secret");
        engine.client()->start(session);
        QTRY_VERIFY_WITH_TIMEOUT(status.isOnline(), 10000);
        QCOMPARE(status.thread(), QThread::currentThread());
        QSignalSpy stopped(engine.client(), &CallClient::didStop);
        engine.client()->stop();
        QVERIFY(stopped.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(status.stateName(), QStringLiteral("stopped"), 5000);
    }
};

QTEST_GUILESS_MAIN(TestClientStatus)
#include "tst_clientstatus.moc"
