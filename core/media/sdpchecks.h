// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mediadescription.h"

#include <QList>
#include <QString>

#include <optional>
#include <variant>

// The checks on field values that oSIP's SDP grammar does not make: it keeps whatever sits
// between the spaces. Each returns a reason a person understands, or nothing.
namespace parla::media::detail {

// c=<nettype> <addrtype> <address>[/ttl[/count]]: IN, IP4 or IP6, and an address of that family.
std::variant<SdpConnection, QString> parseConnection(
    const char *networkType, const char *addressType, const char *address);

// The attributes of one section: rtpmap, fmtp, ptime and maxptime well-formed (payload types
// in range, one rtpmap per payload type), at most one direction attribute, a=crypto bounded
// (media level only, tags 1-9 digits and unique, at most sdp::MaxCryptoPerMedia), a=rtcp
// well-formed (media level only, at most one). `media` is null for
// the session part. Returns the index of the offending attribute and why.
struct AttributeError
{
    qsizetype index;
    QString reason;
};
std::optional<AttributeError> checkAttributes(const QList<SdpAttribute> &attributes, const MediaDescription *media);

} // namespace parla::media::detail
