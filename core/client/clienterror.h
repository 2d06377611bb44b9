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

    Reason reason = Reason::None;
    QString message;

    // "authentication-failed": the stable name used in logs and the CLI's JSON.
    QString reasonName() const;
};

} // namespace parla::client

Q_DECLARE_METATYPE(parla::client::ClientError)
