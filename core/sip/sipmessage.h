// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

struct osip_message;
struct osip_from; // oSIP's osip_contact_t

namespace parla::sip {

// Why a message from the network was rejected: a reason a person can read, and where.
struct ParseError
{
    QString reason;
    int lineNumber = 0; // 1-based; 0 when the problem is not tied to one line
    QByteArray line; // the offending line as received (truncated to 200 bytes), empty if none

    QString toString() const;
};

// A name-addr (RFC 3261 §25.1): "Bob" <sip:bob@example.com>, as From, To and Contact carry.
struct NameAddr
{
    QByteArray displayName; // unquoted; empty when none
    QByteArray uri; // sip:bob@example.com, without the angle brackets
};

// One SIP request or response. Grammar is GNU oSIP's; this class owns the osip_message_t
// and adds the checks oSIP leaves out (mandatory headers, CSeq/method agreement,
// Content-Length against the body), so nothing from the network is trusted unchecked.
class SipMessage
{
public:
    using ParseResult = std::variant<SipMessage, ParseError>;

    // Parses one complete message (a WebSocket text frame carries exactly one, RFC 7118 §5.2).
    static ParseResult parse(const QByteArray &wire);

    static SipMessage request(const QByteArray &method, const QByteArray &requestUri);
    // A response to `request` with its Via, From, To, Call-ID and CSeq copied (RFC 3261 §8.2.6).
    // `toTag` is added to To when the request's To has none and the code is above 100.
    static SipMessage response(
        const SipMessage &request, int statusCode, const QByteArray &reasonPhrase, const QByteArray &toTag = {});

    SipMessage(const SipMessage &other);
    SipMessage &operator=(const SipMessage &other);
    SipMessage(SipMessage &&) noexcept;
    SipMessage &operator=(SipMessage &&) noexcept;
    ~SipMessage();

    bool isRequest() const;
    bool isResponse() const { return !isRequest(); }
    QByteArray method() const; // requests only
    QByteArray requestUri() const; // requests only
    int statusCode() const; // responses only, 0 for requests
    QByteArray reasonPhrase() const; // responses only

    // Any header by name, case-insensitive, compact forms understood ("v" is Via).
    // Typed headers that oSIP parses (Via, From, To, Contact, CSeq, Call-ID,
    // WWW-/Proxy-Authenticate, Authorization, ...) are serialised back from oSIP's structures.
    QList<QByteArray> headerValues(const QByteArray &name) const;
    QByteArray header(const QByteArray &name) const; // first value or empty
    bool hasHeader(const QByteArray &name) const { return !headerValues(name).isEmpty(); }
    // Appends a header; for typed headers the value is parsed by oSIP. Returns false when
    // oSIP rejects the value.
    bool addHeader(const QByteArray &name, const QByteArray &value);
    // Removes every header with that name, then adds it once.
    bool setHeader(const QByteArray &name, const QByteArray &value);
    void removeHeader(const QByteArray &name);

    // Convenience accessors over the typed headers.
    QByteArray callId() const;
    quint32 cseqNumber() const;
    QByteArray cseqMethod() const;
    QByteArray topViaBranch() const;
    QByteArray fromTag() const;
    QByteArray toTag() const;
    NameAddr from() const;
    NameAddr to() const;
    // The first Contact's URI (a dialog's remote target, RFC 3261 §12.1), empty when none.
    QByteArray contactUri() const;
    // The `expires` parameter of a Contact, or the Expires header, or nullopt. The Contact is
    // the first one, or, given `contactUri`, the one with the same user and host: a registrar's
    // 200 lists every binding of the address-of-record, and a client wants its own.
    std::optional<int> expires(const QByteArray &contactUri = {}) const;
    // The delta-seconds that a header's value starts with (Min-Expires, Retry-After
    // "120 (maintenance);duration=60", Expires), or nullopt when absent or not a number.
    std::optional<int> deltaSeconds(const QByteArray &headerName) const;

    QByteArray body() const;
    // Sets the body, Content-Type and Content-Length.
    void setBody(const QByteArray &contentType, const QByteArray &body);

    // Wire form with CRLF line ends and a Content-Length header.
    QByteArray toBytes() const;

private:
    struct Deleter
    {
        void operator()(osip_message *message) const;
    };
    explicit SipMessage(osip_message *message);
    osip_from *findContact(const QByteArray &contactUri) const;
    std::unique_ptr<osip_message, Deleter> m_message;
};

} // namespace parla::sip
