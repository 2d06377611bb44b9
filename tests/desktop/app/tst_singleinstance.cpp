// SPDX-License-Identifier: GPL-3.0-or-later
// SingleInstance: a second launch reaches the first and hands it an address; what arrives on
// the socket is one short, checked line.
#include "singleinstance.h"

#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::desktop::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("address");
        QTest::newRow("show") << QByteArray("show\n") << true << QString();
        QTest::newRow("sip") << QByteArray("call sip:bob@example.com\n") << true
                             << QStringLiteral("sip:bob@example.com");
        QTest::newRow("tel") << QByteArray("call tel:+390612345\n") << true << QStringLiteral("tel:+390612345");
        QTest::newRow("no newline") << QByteArray("show") << false << QString();
        QTest::newRow("two lines") << QByteArray("show\nshow\n") << false << QString();
        QTest::newRow("http") << QByteArray("call http://example.com\n") << false << QString();
        QTest::newRow("empty address") << QByteArray("call tel:\n") << false << QString();
        QTest::newRow("control") << QByteArray("call sip:bob\x01@x\n") << false << QString();
        QTest::newRow("space") << QByteArray("call sip:bob @x\n") << false << QString();
        QTest::newRow("not utf-8") << QByteArray("call sip:b\xff@x\n") << false << QString();
        QTest::newRow("utf-8") << QByteArray("call sip:zo\xc3\xab@x\n") << true << QStringLiteral("sip:zoë@x");
        QTest::newRow("unknown") << QByteArray("quit\n") << false << QString();
        QTest::newRow("too long") << QByteArray("call sip:" + QByteArray(5000, 'a') + "\n") << false << QString();
    }
    void parse()
    {
        QFETCH(QByteArray, message);
        QFETCH(bool, valid);
        QFETCH(QString, address);
        QString error;
        const auto parsed = SingleInstance::parseMessage(message, &error);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, address);
        else
            QVERIFY(!error.isEmpty());
    }

    void secondLaunchReachesTheFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.socket"));
        SingleInstance second(path);
        QVERIFY(!second.forwardToRunning(QString())); // nobody runs yet
        SingleInstance first(path);
        QVERIFY2(first.listen(), qPrintable(first.errorString()));
        QSignalSpy activated(&first, &SingleInstance::activated);
        QVERIFY(second.forwardToRunning(QStringLiteral("sip:bob@example.com")));
        QVERIFY(activated.wait(5000));
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("sip:bob@example.com"));
        QVERIFY(second.forwardToRunning(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(activated.size(), 2, 5000);
        QCOMPARE(activated.at(1).at(0).toString(), QString());
    }

    void garbageIsIgnored()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.socket"));
        SingleInstance first(path);
        QVERIFY(first.listen());
        QSignalSpy activated(&first, &SingleInstance::activated);
        QLocalSocket hostile;
        hostile.connectToServer(path);
        QVERIFY(hostile.waitForConnected(2000));
        hostile.write(QByteArray(10000, 'x'));
        QVERIFY(hostile.waitForBytesWritten(2000));
        // The instance hangs up without acting on it.
        QTRY_COMPARE_WITH_TIMEOUT(hostile.state(), QLocalSocket::UnconnectedState, 5000);
        QCOMPARE(activated.size(), 0);
    }

    void staleSocketIsReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("parla.socket"));
        {
            QFile stale(path); // what a crash leaves: a socket file nobody listens on
            QVERIFY(stale.open(QIODevice::WriteOnly));
        }
        SingleInstance first(path);
        QVERIFY(!first.forwardToRunning(QString()));
        QVERIFY2(first.listen(), qPrintable(first.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
