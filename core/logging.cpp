// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

Q_LOGGING_CATEGORY(lcSip, "parla.sip", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "parla.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "parla.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalls, "parla.calls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "parla.media", QtInfoMsg)
