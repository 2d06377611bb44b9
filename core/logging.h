// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One category per layer, so QT_LOGGING_RULES="parla.sip.debug=true" shows one layer's traffic.
// Nothing logged in any of them may contain a password or an Authorization header's response.
Q_DECLARE_LOGGING_CATEGORY(lcSip)
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcClient)
Q_DECLARE_LOGGING_CATEGORY(lcCalls)
Q_DECLARE_LOGGING_CATEGORY(lcMedia)
