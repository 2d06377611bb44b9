// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "digestauth.h"
#include "sipmessage.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

namespace parla::sip {

class TransactionLayer;

// Why a REGISTER did not succeed, and whether trying again later can help.
struct RegistrationError
{
    enum class Kind {
        AuthenticationFailed, // credentials refused (a second 401/407 for a fresh nonce, or 403)
        Rejected, // any other final refusal (404, 6xx, ...): retrying will not help
        Timeout, // Timer F fired, or 408 from the server
        ServerError, // 5xx: the server is in trouble, maybe with a Retry-After
        TransportError, // the flow went down under the transaction
    };
    Kind kind = Kind::Rejected;
    int statusCode = 0;
    QString message;
    std::optional<std::chrono::seconds> retryAfter;
    // The registrar's own status line ("403 Forbidden") when it answered; its words, for a view.
    QString status {};

    bool isTransient() const
    {
        return kind == Kind::Timeout || kind == Kind::ServerError || kind == Kind::TransportError;
    }
};

// Keeps one binding of an address-of-record on a registrar (RFC 3261 §10, RFC 5626 §4.2):
// REGISTER with digest auth, refresh before the granted expiry lapses, un-REGISTER with
// Expires: 0. It lives as long as the session; each new flow is handed to it with registerOn(),
// and the same Call-ID, Contact, +sip.instance and reg-id are kept across flows, so the registrar
// replaces the binding instead of adding stale ones.
class Registration : public QObject
{
    Q_OBJECT
public:
    struct Binding
    {
        QByteArray addressOfRecord; // sip:alice@example.org
        QByteArray registrarUri; // sip:example.org
        QByteArray displayName;
        QByteArray instanceId; // RFC 5626 §4.1 instance UUID, without braces; the Contact derives from it
        int regId = 1;
        int expires = 600; // seconds asked for
        DigestCredentials credentials;
        QByteArray userAgent;
    };

    explicit Registration(Binding binding, QObject *parent = nullptr);
    ~Registration() override;

    // Uses `layer` from now on and sends a REGISTER on it.
    void registerOn(TransactionLayer *layer);
    // Sends a REGISTER now on the current layer (a refresh that the user asked for).
    void refresh();
    // Best-effort Expires: 0 on the current layer; emits unregistered() when the server answered,
    // the transaction failed, or there was nothing to remove. Bound its time from outside.
    void unregister();
    // Forgets the current layer without sending anything (the flow is gone).
    void detach();

    // Our Contact: sip:token@host.invalid;transport=ws, the same on every flow and every run
    // of this instance, so the registrar recognises the binding as ours.
    const QByteArray &contactUri() const { return m_contactUri; }
    static QByteArray contactUriFor(const QByteArray &instanceId);

    bool isRegistered() const { return m_registered; }
    int grantedExpires() const { return m_grantedExpires; }
    const Binding &binding() const { return m_binding; }
    // When to refresh a binding granted for `expires` seconds: early enough that a slow
    // registrar or one retransmission cannot let it lapse (never later than expires - 5 s).
    // Grants of more than a day are refreshed within a day (platform::LongestWait).
    static std::chrono::milliseconds refreshDelay(qint64 expires);
    // A 423 Interval Too Brief is retried once per REGISTER with its Min-Expires, up to this.
    static constexpr int MaxMinExpires = 24 * 3600;

Q_SIGNALS:
    void registered(int expires);
    void failed(const parla::sip::RegistrationError &error);
    void unregistered();

private:
    enum class Purpose { Register, Unregister };
    void send(Purpose purpose);
    void onFinalResponse(Purpose purpose, const SipMessage &response);
    void onRegistered(const SipMessage &response);
    void fail(Purpose purpose, RegistrationError error);

    Binding m_binding;
    QPointer<TransactionLayer> m_layer;
    QByteArray m_callId;
    QByteArray m_fromTag;
    quint32 m_cseq = 0;
    DigestSession m_digest;
    QByteArray m_contactUri;
    int m_challengesAnswered = 0; // in the current REGISTER chain; a second fresh challenge means refused
    bool m_intervalRaised = false; // in the current REGISTER chain: a second 423 means refused
    bool m_registered = false;
    int m_grantedExpires = 0;
    QTimer m_refreshTimer;
};

} // namespace parla::sip
