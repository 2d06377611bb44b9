// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// The desktop app's models and main: QT_LOGGING_RULES="parla.desktop.debug=true".
// Never a password: the keychain jobs log their outcome, not what they carry.
Q_DECLARE_LOGGING_CATEGORY(lcDesktopApp)
