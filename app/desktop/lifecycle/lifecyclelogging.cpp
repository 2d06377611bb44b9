// SPDX-License-Identifier: GPL-3.0-or-later
#include "lifecyclelogging.h"

Q_LOGGING_CATEGORY(lcLifecycle, "parla.desktop.lifecycle", QtInfoMsg)
