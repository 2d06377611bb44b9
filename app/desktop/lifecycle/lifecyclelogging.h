// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// parla.desktop.lifecycle: what the desktop reported and what the client was asked to do.
Q_DECLARE_LOGGING_CATEGORY(lcLifecycle)
