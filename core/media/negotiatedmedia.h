// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mediadescription.h"

#include <QHostAddress>

#include <optional>

namespace parla::media {

// SDES keys (RFC 4568) for SRTP (RFC 3711): each side protects what it sends with its own
// master key and salt and tells the other in its SDP, so a call has two. Never logged.
struct SrtpKeys
{
    QByteArray suite; // "AES_CM_128_HMAC_SHA1_80" or "AES_CM_128_HMAC_SHA1_32"
    QByteArray localKey; // 30 bytes: master key || master salt; protects what this side sends
    QByteArray remoteKey; // the peer's; unprotects what it sends

    bool operator==(const SrtpKeys &) const = default;
};

// What an offer/answer exchange settled for the one audio stream a call uses.
struct NegotiatedMedia
{
    qsizetype mediaIndex = 0; // which m= section of the offer carries it
    RtpMap codec; // the payload type to send and expect, e.g. 111 opus/48000/2
    std::optional<RtpMap> telephoneEvent; // RFC 4733 DTMF, when both sides have it
    QHostAddress remoteAddress;
    quint16 remotePort = 0;
    // Where RTCP goes: a=rtcp's port and address (RFC 3605), else the RTP port + 1 on the RTP
    // address (RFC 3550 §11).
    QHostAddress remoteRtcpAddress;
    quint16 remoteRtcpPort = 0;
    Direction remoteDirection = Direction::SendRecv; // as the peer wrote it
    Direction localDirection = Direction::SendRecv; // what this side does
    int ptime = 20; // the packet duration the peer asked for, ms
    bool remoteWantsFec = false; // Opus useinbandfec=1 (RFC 7587 §6.1)
    std::optional<SrtpKeys> srtp; // set: RTP/SAVP, the stream is SRTP; unset: plain RTP/AVP

    bool sends() const { return localDirection == Direction::SendRecv || localDirection == Direction::SendOnly; }
    bool receives() const { return localDirection == Direction::SendRecv || localDirection == Direction::RecvOnly; }
    bool isSecure() const { return srtp.has_value(); }
    bool operator==(const NegotiatedMedia &) const = default;
};

// An offer or an answer that leaves no audio to use. An incoming offer refused this way is
// answered 488 Not Acceptable Here (RFC 3261 §21.4.26) with the reason in a Warning.
struct NegotiationError
{
    QString reason;
    int sipStatus = 488;
};

} // namespace parla::media
