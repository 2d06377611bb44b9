// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// The bits of SIP's grammar (RFC 3261 §25) that the framing, the header checks and the message
// all need, kept apart from oSIP so that the framing does not depend on it.
namespace parla::sip::detail {

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
bool isTokenChar(char c);
bool isToken(QByteArrayView text);
// RFC 5234 CTL (0x00-0x1F, 0x7F) other than HT, which header text may hold.
bool isControlChar(char c);
// RFC 3261 §25.1 quoted-string: `value` between double quotes, `"` and `\` escaped as
// quoted-pairs. `value` must hold no CR, LF or NUL (no quoted-pair can carry them).
QByteArray quotedString(QByteArrayView value);
// The display-name part of a name-addr: `"Alice" ` (quoted, one space before the `<`), or
// nothing for an empty name.
QByteArray displayNamePrefix(QByteArrayView displayName);

// RFC 3261 §25.1 user = 1*(unreserved / escaped / user-unreserved), ASCII only. The index of
// the first character that breaks it (the `%` of an escape without two hex digits), or -1 when
// `user` is a valid, non-empty user.
qsizetype invalidUserCharAt(QByteArrayView user);
// RFC 3261 §25.1 host = hostname / IPv4address / IPv6reference ("[" IPv6address "]").
bool isHost(QByteArrayView host);
// One or more ASCII digits.
bool isDigits(QByteArrayView text);
// No CR, LF or NUL: a value that cannot smuggle in another header line.
bool isValidHeaderValue(const QByteArray &value);

// The long form of a header name (compact forms such as "v" expanded), spelled as the caller gave it.
QByteArray canonicalName(const QByteArray &name);

// RFC 3261 delta-seconds, saturating at INT_MAX; nullopt when not a number.
std::optional<int> parseDeltaSeconds(QByteArrayView text);

} // namespace parla::sip::detail
