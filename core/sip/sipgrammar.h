#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// The bits of SIP's grammar (RFC 3261 §25) that the framing, the header checks and the message
// all need, kept apart from oSIP so that the framing does not depend on it.
namespace parla::sip::detail {

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
bool isToken(QByteArrayView text);
// One or more ASCII digits.
bool isDigits(QByteArrayView text);
// No CR, LF or NUL: a value that cannot smuggle in another header line.
bool isValidHeaderValue(const QByteArray &value);

// The long form of a header name (compact forms such as "v" expanded), spelled as the caller gave it.
QByteArray canonicalName(const QByteArray &name);

// RFC 3261 delta-seconds, saturating at INT_MAX; nullopt when not a number.
std::optional<int> parseDeltaSeconds(QByteArrayView text);

} // namespace parla::sip::detail
