// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

// What Parla accepts from a server, at most. A message past any of these is refused with a
// reason before it is buffered further or acted on; the WebSocket layer applies the size too.
// Real traffic is far below: a REGISTER 200 with a dozen bindings is ~3 KiB, an INVITE with
// SDP and a long route set ~4 KiB; RFC 3261 §18.1.1 treats 1300 bytes as "large" already.
namespace parla::sip::limits {

constexpr qsizetype MaxMessageSize = 64 * 1024; // one SIP message: one WebSocket message
constexpr qsizetype MaxHeaderLine = 8 * 1024; // one header, its folded lines included
constexpr int MaxViaHeaders = 64; // Via values, each header's comma-separated ones counted

} // namespace parla::sip::limits
