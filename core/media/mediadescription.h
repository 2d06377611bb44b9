// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>

#include <QString>

#include <optional>
#include <variant>

namespace parla::media {

// RFC 3264 §5.1 / RFC 4566 §6: the direction of a stream, seen from the side that wrote the SDP.
enum class Direction { SendRecv, SendOnly, RecvOnly, Inactive };

QByteArray directionAttribute(Direction direction); // "sendrecv", ...
std::optional<Direction> directionFromAttribute(const QByteArray &name);
// What the other side answers to `offered` when it can both send and receive (RFC 3264 §6.1).
Direction mirrored(Direction offered);

// c=IN IP4|IP6 <unicast or multicast address>. Host names are refused when parsing: a phone
// would have to resolve them, and every real peer writes an address.
struct SdpConnection
{
    QHostAddress address;

    bool operator==(const SdpConnection &) const = default;
};

// a=<name>[:<value>]; a flag attribute ("a=sendonly") has an empty value.
struct SdpAttribute
{
    QByteArray name;
    QByteArray value;

    bool operator==(const SdpAttribute &) const = default;
};

// a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>] (RFC 4566 §6).
struct RtpMap
{
    int payloadType = -1;
    QByteArray encodingName;
    int clockRate = 0;
    int channels = 1;

    // RFC 3551 Table 4 for the static payload types a phone meets; nullopt for others.
    static std::optional<RtpMap> staticPayloadType(int payloadType);
    // The value of an a=rtpmap, or nullopt when malformed.
    static std::optional<RtpMap> parse(const QByteArray &value);
    QByteArray toAttributeValue() const;
    bool operator==(const RtpMap &) const = default;
};

// a=crypto:<tag> <suite> inline:<base64 key||salt>[|lifetime] (RFC 4568 §9.1): the SDES key of
// one side of an SRTP stream. Parla reads the two AES_CM_128 suites, one inline key and no MKI
// or session parameters; parse() says why any other line cannot be used, so that a section
// with several lines can still use one that can.
struct SdpCrypto
{
    int tag = 1; // 1-9 digits; the answer repeats the tag of the offer's line it takes
    QByteArray suite; // "AES_CM_128_HMAC_SHA1_80" or "AES_CM_128_HMAC_SHA1_32"
    QByteArray key; // the 30 decoded bytes: 128-bit master key || 112-bit master salt

    static std::variant<SdpCrypto, QString> parse(const QByteArray &value);
    QByteArray toAttributeValue() const;
    bool operator==(const SdpCrypto &) const = default;
};

// a=rtcp:<port> [IN IP4|IP6 <address>] (RFC 3605 §2.1): where a peer takes RTCP when that is
// not the RTP port + 1 on the RTP address (RFC 3550 §11), e.g. behind a NAT that kept the ports
// apart. Parla binds RTCP next to RTP, so it reads the attribute and never needs to write it.
struct SdpRtcp
{
    quint16 port = 0; // 1-65535
    std::optional<QHostAddress> address; // absent: the section's connection address

    static std::variant<SdpRtcp, QString> parse(const QByteArray &value);
    QByteArray toAttributeValue() const;
    bool operator==(const SdpRtcp &) const = default;
};

// One m= section.
struct MediaDescription
{
    QByteArray media; // "audio", "video", "application", ...
    int port = 0; // 0: rejected or disabled (RFC 3264 §5.1)
    int portCount = 1;
    QByteArray protocol; // "RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", ...
    QList<QByteArray> formats; // for RTP protocols, payload types 0-127 in decimal
    std::optional<SdpConnection> connection; // the media-level c=, if any
    QList<QByteArray> bandwidths; // "AS:64"
    QList<SdpAttribute> attributes;

    bool isRtp() const; // the protocol carries RTP, so formats are payload types
    QList<int> payloadTypes() const; // formats as numbers, RTP media only
    // The first value of an attribute, nullopt when absent.
    std::optional<QByteArray> attribute(const QByteArray &name) const;
    // a=rtpmap for the payload type, or the static assignment when there is none.
    std::optional<RtpMap> rtpMap(int payloadType) const;
    QByteArray fmtp(int payloadType) const; // parameters after "a=fmtp:<pt> ", empty if none
    std::optional<Direction> direction() const; // media-level direction attribute, if any
    std::optional<int> ptime() const;
    bool isSecureRtp() const; // RTP/SAVP or RTP/SAVPF: SRTP keyed by a=crypto (RFC 4568)
    // a=rtcp when present and well-formed (SessionDescription::parse refuses a malformed one),
    // unless it is the placeholder an ICE agent writes (an unspecified address, "IN IP4 0.0.0.0":
    // RFC 8839 §5.1.1), which names no place to send to.
    std::optional<SdpRtcp> rtcp() const;
    // The first a=crypto line Parla can use, else why none can (the first line's reason).
    std::variant<SdpCrypto, QString> crypto() const;

    bool operator==(const MediaDescription &) const = default;
};

} // namespace parla::media
