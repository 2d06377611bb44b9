// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace parla::transport {

// Why a flow could not open or stopped working.
struct FlowError
{
    enum class Kind {
        InvalidUrl, // the URL is not ws:// or wss:// with a host
        HostNotFound, // DNS said no such host
        ConnectionRefused, // nothing listening, or the WebSocket handshake was refused
        ProtocolRefused, // the server did not accept the "sip" subprotocol (RFC 7118 §4)
        TlsRefused, // certificate or TLS handshake refused
        Timeout, // no answer to the opening handshake or to a keepalive ping
        Closed, // the peer or the network closed the flow
    };
    Kind kind = Kind::Closed;
    QString message;

    // Retrying can fix it (the server may come back); otherwise the user must act.
    bool isTransient() const
    {
        return kind == Kind::ConnectionRefused || kind == Kind::Timeout || kind == Kind::Closed;
    }
};

// A connection-oriented, message-framed flow to the SIP edge proxy (RFC 5626 "flow").
// The interface lets the SIP layer run over a real WebSocket or an in-process fake in tests.
class Flow : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void open() = 0;
    // Graceful close: emits closed() once the flow is down. Emits nothing if it never opened.
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    virtual void send(const QByteArray &message) = 0;
    // The Via transport token: "WS" or "WSS" (RFC 7118 §5.2).
    virtual QByteArray viaTransport() const = 0;

Q_SIGNALS:
    void opened();
    void messageReceived(const QByteArray &message);
    // Could not open, or went down without close() being asked. Emitted at most once.
    void lost(const parla::transport::FlowError &error);
    void closed();
};

} // namespace parla::transport
