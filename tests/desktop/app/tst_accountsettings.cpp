// SPDX-License-Identifier: GPL-3.0-or-later
// AccountSettings: field-level errors in words, what is remembered (and that the password is
// not), and the explicit choice when no keychain service runs.
#include "accountsettings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::desktop::AccountSettings;

class TestAccountSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ws") << QStringLiteral("ws://127.0.0.1:8080") << true;
        QTest::newRow("wss") << QStringLiteral("wss://sip.example.com") << true;
        QTest::newRow("spaces around") << QStringLiteral("  wss://sip.example.com ") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("http") << QStringLiteral("http://sip.example.com") << false;
        QTest::newRow("no scheme") << QStringLiteral("sip.example.com") << false;
        QTest::newRow("no host") << QStringLiteral("wss://") << false;
        QTest::newRow("bad port") << QStringLiteral("ws://example.com:99999") << false;
    }
    void serverUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        const QString error = AccountSettings::checkServerUrl(url);
        QVERIFY2(error.isEmpty() == valid, qPrintable(error));
    }

    void user_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("alice") << true;
        QTest::newRow("digits") << QStringLiteral("+390612345") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space") << QStringLiteral("ali ce") << false;
        QTest::newRow("at") << QStringLiteral("alice@example.com") << false;
        QTest::newRow("not ascii") << QStringLiteral("zoë") << false;
    }
    void user()
    {
        QFETCH(QString, user);
        QFETCH(bool, valid);
        const QString error = AccountSettings::checkUser(user);
        QVERIFY2(error.isEmpty() == valid, qPrintable(error));
    }

    void badFieldsEachSayWhy()
    {
        QTemporaryDir dir;
        AccountSettings account(dir.filePath(QStringLiteral("parla.conf")), nullptr);
        QSignalSpy ready(&account, &AccountSettings::sessionReady);
        QVERIFY(!account.signIn(QStringLiteral("http://x"), QString(), QString(), false));
        QVERIFY(account.serverUrlError().contains(QStringLiteral("ws")));
        QCOMPARE(account.userError(), QStringLiteral("Type your user name"));
        QCOMPARE(account.passwordError(), QStringLiteral("Type your password"));
        QCOMPARE(ready.size(), 0);
        QVERIFY(!account.isSignedIn());
    }

    void rememberedWithoutThePassword()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("parla.conf"));
        {
            // No keychain: remembering needs the explicit choice to type the password each time.
            AccountSettings account(file, nullptr);
            QVERIFY(!account.keychainAvailable());
            QVERIFY(!account.keychainWarning().isEmpty());
            QVERIFY(!account.signIn(
                QStringLiteral("ws://127.0.0.1:5066"), QStringLiteral("alice"), QStringLiteral("s3cret-pw"), true));
            QCOMPARE(account.passwordError(), account.keychainWarning());
            QSignalSpy ready(&account, &AccountSettings::sessionReady);
            QVERIFY(account.signIn(QStringLiteral("ws://127.0.0.1:5066"), QStringLiteral("alice"),
                QStringLiteral("s3cret-pw"), true, true));
            QCOMPARE(ready.size(), 1);
            const auto session = ready.at(0).at(0).value<parla::client::Session>();
            QCOMPARE(session.user, QStringLiteral("alice"));
            QCOMPARE(session.password, QStringLiteral("s3cret-pw"));
            QCOMPARE(session.server, QUrl(QStringLiteral("ws://127.0.0.1:5066")));
            QVERIFY(account.isSignedIn());
        }
        AccountSettings again(file, nullptr);
        QCOMPARE(again.serverUrl(), QStringLiteral("ws://127.0.0.1:5066"));
        QCOMPARE(again.user(), QStringLiteral("alice"));
        QVERIFY(again.rememberMe());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(!written.readAll().contains("s3cret-pw"));
    }

    void notRememberedLeavesNothing()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("parla.conf"));
        {
            AccountSettings account(file, nullptr);
            QVERIFY(account.signIn(
                QStringLiteral("wss://sip.example.com"), QStringLiteral("bob"), QStringLiteral("pw"), false));
        }
        AccountSettings again(file, nullptr);
        QCOMPARE(again.serverUrl(), QString());
        QVERIFY(!again.rememberMe());
    }

    void settingsPersist()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("parla.conf"));
        {
            AccountSettings account(file, nullptr);
            QVERIFY(!account.hiddenIsBackground()); // DESIGN.md: hidden in the tray is not background
            QSignalSpy changed(&account, &AccountSettings::changed);
            account.setHiddenIsBackground(true);
            account.setLanguage(QStringLiteral("it"));
            QCOMPARE(changed.size(), 2);
        }
        AccountSettings again(file, nullptr);
        QVERIFY(again.hiddenIsBackground());
        QCOMPARE(again.language(), QStringLiteral("it"));
    }

    void signOut()
    {
        QTemporaryDir dir;
        AccountSettings account(dir.filePath(QStringLiteral("parla.conf")), nullptr);
        QVERIFY(account.signIn(
            QStringLiteral("ws://127.0.0.1:5066"), QStringLiteral("alice"), QStringLiteral("pw"), false));
        QSignalSpy out(&account, &AccountSettings::signedOut);
        account.signOut();
        QCOMPARE(out.size(), 1);
        QVERIFY(!account.isSignedIn());
    }
};

QTEST_GUILESS_MAIN(TestAccountSettings)
#include "tst_accountsettings.moc"
