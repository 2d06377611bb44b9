// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace parla::client {

// What went wrong, as a reason a program can switch on and a message a person can read.
class ClientError
{
    Q_GADGET
    Q_PROPERTY(Reason reason MEMBER reason)
    Q_PROPERTY(QString message MEMBER message)
public:
    enum class Reason {
        None,
        InvalidSession, // bad server URL, empty user, ...: fix the settings
        HostNotFound,
        ServerUnreachable, // never reached within the allowed tries
        ProtocolRefused, // the server does not speak SIP over WebSocket
        CertificateRefused,
        AuthenticationFailed, // wrong user name or password
        RegistrationRejected, // the registrar refused for another reason
        NotRunning, // an operation that needs the running state was asked for in another state
        WrongState, // start/stop/pause/resume asked for in a state that cannot take it
        InvalidTarget, // a call to an address that is not a SIP URI
        NoMedia, // no audio to place a call with
        TooManyCalls, // a call placed while CallRegistry::MaxCalls are up: hang one up first
    };
    Q_ENUM(Reason)

    // What the user is told, one sentence per kind that a view translates: `reason` says what a
    // program should do, `kind` what went wrong in a person's terms. Set for failures of the
    // connection and the sign-in (didFail); None elsewhere.
    enum class Kind {
        None,
        Settings, // the server address or user name cannot be used as given
        HostNotFound,
        ServerUnreachable, // nothing answered at the address, or the connection kept dropping
        Certificate, // TLS: the server's certificate or handshake was refused
        ProtocolError, // the server does not speak SIP over WebSocket, or asks what Parla cannot answer
        AuthenticationRefused, // 401/407 for a fresh answer: the password (or user) is wrong
        Forbidden, // 403: the server knows the account and will not let it register
        Refused, // another final refusal (404, 6xx, ...)
        ServerError, // 5xx: the server is in trouble
        Timeout, // no answer in time (Timer F, 408)
    };
    Q_ENUM(Kind)

    // A server writes `detail`: no more than this reaches a view.
    static constexpr qsizetype MaxDetailLength = 80;

    Reason reason = Reason::None;
    QString message;
    Kind kind = Kind::None;
    // The particulars, untranslated and bounded: the registrar's own status line ("403
    // Forbidden"), what the connection said, or which setting is wrong. Empty when none.
    QString detail {};

    // "authentication-failed": the stable name used in logs and the CLI's JSON.
    QString reasonName() const;
    // "authentication-refused", the same way.
    QString kindName() const;
    // `text` on one line, without control characters, cut to MaxDetailLength with an ellipsis.
    static QString boundedDetail(const QString &text);
};

} // namespace parla::client

Q_DECLARE_METATYPE(parla::client::ClientError)
