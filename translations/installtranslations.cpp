// SPDX-License-Identifier: GPL-3.0-or-later
#include "installtranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcI18n, "parla.desktop.i18n", QtInfoMsg)

namespace parla::desktop {

namespace {

// Where qt_add_translations puts the .qm files in the resources (translations/CMakeLists.txt).
const QString parlaTranslations = QStringLiteral(":/i18n");

// QTranslator::load(QLocale, ...) tries each of the locale's UI languages in turn
// ("it_IT", "it", then the next preferred language), so "it_CH" finds parla_it.qm.
QTranslator *installFrom(QCoreApplication &app, const QLocale &locale, const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, name, QStringLiteral("_"), directory) || !app.installTranslator(translator)) {
        delete translator;
        return nullptr;
    }
    return translator;
}

} // namespace

QString installTranslations(QCoreApplication &app, const QString &forcedLanguage)
{
    const QLocale locale = forcedLanguage.isEmpty() ? QLocale::system() : QLocale(forcedLanguage);
    if (!forcedLanguage.isEmpty())
        QLocale::setDefault(locale); // dates and numbers follow the forced language too

    installFrom(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const QTranslator *parla = installFrom(app, locale, QStringLiteral("parla"), parlaTranslations);
    if (!parla) {
        // English, whose translation is its plural forms: without it "%n missed call(s)" shows.
        qCInfo(lcI18n) << "no Parla translation for" << locale.uiLanguages() << "- showing English";
        parla = installFrom(app, QLocale(QLocale::English), QStringLiteral("parla"), parlaTranslations);
    }
    if (!parla) {
        qCWarning(lcI18n) << "Parla's translations are missing from the resources";
        return {};
    }
    const QString language = parla->language();
    qCInfo(lcI18n) << "Parla speaks" << language << (forcedLanguage.isEmpty() ? "(system locale)" : "(forced)");
    return language;
}

} // namespace parla::desktop
