// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;

namespace parla::desktop {

// Installs Parla's translation for the system locale, or for `forcedLanguage` ("it", "en_GB")
// when the settings force one, plus Qt's own (standard buttons and dialogs) where Debian's
// qt6-translations-l10n has it. English is a translation too: it carries the plural forms
// ("1 missed call", "3 missed calls"), and stands in for languages Parla does not speak yet.
// Call before any window or tray text is made. Returns the language installed ("it", "en").
QString installTranslations(QCoreApplication &app, const QString &forcedLanguage);

} // namespace parla::desktop
