// SPDX-License-Identifier: GPL-3.0-or-later
// PasswordStore against a real Secret Service (GNOME Keyring on a private bus, see
// with-keyring.sh), and without any: then it says so instead of writing the password anywhere.
// PARLA_KEYCHAIN says which of the two this run has: "keyring" or "none".
#include "passwordstore.h"

#include <QSignalSpy>
#include <QTest>

using parla::desktop::PasswordStore;

class TestPasswordStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("PARLA_KEYCHAIN");
        if (m_mode != QLatin1String("keyring") && m_mode != QLatin1String("none"))
            QSKIP("run through CTest: PARLA_KEYCHAIN=keyring (with-keyring.sh) or none");
    }

    void probe()
    {
        PasswordStore store;
        QSignalSpy known(&store, &PasswordStore::availabilityKnown);
        store.probe();
        QVERIFY(known.wait(10000));
        QCOMPARE(known.at(0).at(0).toBool(), m_mode == QLatin1String("keyring"));
        QCOMPARE(store.available(), m_mode == QLatin1String("keyring"));
    }

    void writeReadRemove()
    {
        if (m_mode != QLatin1String("keyring"))
            QSKIP("needs the keyring");
        PasswordStore store;
        const QString account = QStringLiteral("alice ws://127.0.0.1:5066");
        QSignalSpy written(&store, &PasswordStore::passwordWritten);
        QSignalSpy read(&store, &PasswordStore::passwordRead);
        QSignalSpy failed(&store, &PasswordStore::failed);
        store.write(account, QStringLiteral("s3cret"));
        QVERIFY(written.wait(10000));
        store.read(account);
        QVERIFY(read.wait(10000));
        QCOMPARE(read.at(0).at(0).toString(), account);
        QCOMPARE(read.at(0).at(1).toString(), QStringLiteral("s3cret"));
        store.remove(account);
        store.read(account);
        QVERIFY(failed.wait(10000));
        QCOMPARE(read.size(), 1);
    }

    void writeWithoutKeychainFails()
    {
        if (m_mode != QLatin1String("none"))
            QSKIP("needs no keychain");
        PasswordStore store;
        QSignalSpy failed(&store, &PasswordStore::failed);
        store.write(QStringLiteral("alice ws://127.0.0.1:5066"), QStringLiteral("s3cret"));
        QVERIFY(failed.wait(10000));
        QVERIFY(!store.available());
        QVERIFY(!failed.at(0).at(1).toString().contains(QStringLiteral("s3cret")));
    }

private:
    QString m_mode;
};

QTEST_GUILESS_MAIN(TestPasswordStore)
#include "tst_passwordstore.moc"
