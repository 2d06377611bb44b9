// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mediadescription.h"
#include "parseerror.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <variant>

namespace parla::media {

// o=<username> <sess-id> <sess-version> IN IP4|IP6 <address> (RFC 4566 §5.2).
struct SdpOrigin
{
    QByteArray username = "-";
    QByteArray sessionId = "0";
    QByteArray sessionVersion = "0";
    QByteArray networkType = "IN";
    QByteArray addressType = "IP4";
    QByteArray address = "127.0.0.1";

    bool operator==(const SdpOrigin &) const = default;
};

// A session description (RFC 4566) as a value: parsed from a peer's bytes by GNU oSIP's SDP
// grammar plus the checks oSIP leaves out, and written back through oSIP. What a phone has no
// use for (i=, u=, e=, p=, r=, z=, k=, t= after the first) is dropped when parsing.
struct SessionDescription
{
    using ParseResult = std::variant<SessionDescription, ParseError>;

    static ParseResult parse(const QByteArray &bytes);
    QByteArray toBytes() const;

    SdpOrigin origin;
    QByteArray sessionName = "-";
    std::optional<SdpConnection> connection; // session-level c=
    QList<QByteArray> bandwidths;
    QByteArray startTime = "0";
    QByteArray stopTime = "0";
    QList<SdpAttribute> attributes; // session-level
    QList<MediaDescription> media;

    // The direction that applies to a media section: its own, else the session's, else sendrecv.
    Direction direction(qsizetype mediaIndex) const;
    // The media-level c=, else the session-level one.
    std::optional<SdpConnection> connectionOf(qsizetype mediaIndex) const;

    bool operator==(const SessionDescription &) const = default;
};

} // namespace parla::media
