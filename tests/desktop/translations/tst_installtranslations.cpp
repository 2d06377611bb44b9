// SPDX-License-Identifier: GPL-3.0-or-later
// installTranslations(): Parla's language follows the system locale or the forced one, falls back
// to English (whose translation carries the plural forms), and installs Qt's own where it exists.
#include "installtranslations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>
#include <QTranslator>

using parla::desktop::installTranslations;

namespace {

QString missedCalls(int count)
{
    return QCoreApplication::translate("TrayStatusText", "%n missed call(s)", nullptr, count);
}

} // namespace

class TestInstallTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void forcedItalian();
    void regionalVariantFindsTheLanguage();
    void englishHasPluralForms();
    void unknownLanguageFallsBackToEnglish();
    void systemLocaleWhenNotForced();

private:
    void removeTranslators();
};

void TestInstallTranslations::removeTranslators()
{
    for (QTranslator *translator : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

void TestInstallTranslations::init()
{
    removeTranslators();
    QLocale::setDefault(QLocale::c());
}

void TestInstallTranslations::forcedItalian()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("it")), QStringLiteral("it"));
    QCOMPARE(QCoreApplication::translate("TrayStatusText", "Online"), QStringLiteral("In linea"));
    QCOMPARE(missedCalls(1), QStringLiteral("1 chiamata persa"));
    QCOMPARE(missedCalls(3), QStringLiteral("3 chiamate perse"));
    QCOMPARE(QLocale().language(), QLocale::Italian); // numbers and dates follow
}

void TestInstallTranslations::regionalVariantFindsTheLanguage()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("it_CH")), QStringLiteral("it"));
    QCOMPARE(QCoreApplication::translate("TrayStatusText", "Online"), QStringLiteral("In linea"));
}

void TestInstallTranslations::englishHasPluralForms()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("en_GB")), QStringLiteral("en"));
    QCOMPARE(missedCalls(1), QStringLiteral("1 missed call"));
    QCOMPARE(missedCalls(3), QStringLiteral("3 missed calls"));
    QCOMPARE(QCoreApplication::translate("TrayStatusText", "Online"), QStringLiteral("Online"));
}

void TestInstallTranslations::unknownLanguageFallsBackToEnglish()
{
    QCOMPARE(installTranslations(*qApp, QStringLiteral("fi")), QStringLiteral("en"));
    QCOMPARE(missedCalls(2), QStringLiteral("2 missed calls"));
}

void TestInstallTranslations::systemLocaleWhenNotForced()
{
    // ctest runs this with LANG=C: the system speaks no language of Parla's.
    QCOMPARE(installTranslations(*qApp, QString()), QStringLiteral("en"));
    QCOMPARE(missedCalls(1), QStringLiteral("1 missed call"));
}

QTEST_GUILESS_MAIN(TestInstallTranslations)
#include "tst_installtranslations.moc"
