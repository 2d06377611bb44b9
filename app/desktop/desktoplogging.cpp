// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktoplogging.h"

Q_LOGGING_CATEGORY(lcDesktopApp, "parla.desktop", QtInfoMsg)
