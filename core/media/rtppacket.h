// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "parseerror.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <variant>

namespace parla::media {

// One RTP packet (RFC 3550 §5.1). Parsing takes nothing on trust: every count and length is
// checked against the bytes that arrived, and each refusal says which.
struct RtpPacket
{
    static constexpr int Version = 2;
    static constexpr int FixedHeaderBytes = 12;
    static constexpr int MaxCsrcCount = 15; // the CC field is 4 bits

    // RFC 3550 §5.3.1: a profile-defined header extension; `data` is a whole number of 32-bit words.
    struct Extension
    {
        quint16 profile = 0;
        QByteArray data;
        bool operator==(const Extension &) const = default;
    };

    bool marker = false;
    quint8 payloadType = 0;
    quint16 sequenceNumber = 0;
    quint32 timestamp = 0;
    quint32 ssrc = 0;
    QList<quint32> csrcs;
    std::optional<Extension> extension;
    QByteArray payload;
    quint8 paddingBytes = 0; // padding after the payload, its count octet included (0: no P bit)

    static std::variant<RtpPacket, ParseError> parse(const QByteArray &bytes);
    // Empty when the packet cannot be written: more than 15 CSRCs, a payload type above 127,
    // an extension that is not whole 32-bit words or longer than 65535 of them.
    QByteArray toBytes() const;

    bool operator==(const RtpPacket &) const = default;
};

} // namespace parla::media
