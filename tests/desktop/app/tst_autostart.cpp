// SPDX-License-Identifier: GPL-3.0-or-later
// Autostart: the entry is written from the bundled .desktop file with --hidden, and removed.
#include "autostart.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::desktop::Autostart;

class TestAutostart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void entryStartsHiddenAndRegistersNoHandler()
    {
        const QByteArray entry = Autostart::entryFrom(
            "[Desktop Entry]\nType=Application\nName=Parla\nExec=parla %u\nMimeType=x-scheme-handler/sip;\n");
        QCOMPARE(entry, QByteArray("[Desktop Entry]\nType=Application\nName=Parla\nExec=parla --hidden\n"));
    }

    void onWritesTheEntryOffRemovesIt()
    {
        QTemporaryDir home;
        // The folder does not exist yet on a fresh account.
        const QString path = home.filePath(QStringLiteral("config/autostart/org.parla.Parla.desktop"));
        Autostart autostart(path, QStringLiteral(":/parla/org.parla.Parla.desktop"));
        QVERIFY(!autostart.isEnabled());
        QSignalSpy changed(&autostart, &Autostart::enabledChanged);

        autostart.setEnabled(true);
        QCOMPARE(autostart.errorString(), QString());
        QVERIFY(autostart.isEnabled());
        QCOMPARE(changed.size(), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("\nExec=parla --hidden\n"));
        QVERIFY(written.contains("\nName=Parla\n")); // from the real bundled file
        QVERIFY(!written.contains("MimeType="));

        autostart.setEnabled(true); // no change, no signal
        QCOMPARE(changed.size(), 1);
        autostart.setEnabled(false);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!autostart.isEnabled());
        QCOMPARE(changed.size(), 2);
    }

    void unwritableFolderIsAClearError()
    {
        QTemporaryDir home;
        QFile blocker(home.filePath(QStringLiteral("autostart")));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        Autostart autostart(home.filePath(QStringLiteral("autostart/org.parla.Parla.desktop")),
            QStringLiteral(":/parla/org.parla.Parla.desktop"));
        autostart.setEnabled(true);
        QVERIFY(!autostart.isEnabled());
        QVERIFY2(
            autostart.errorString().startsWith(QStringLiteral("Cannot write")), qPrintable(autostart.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"
