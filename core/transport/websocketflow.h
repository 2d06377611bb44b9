// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "flow.h"
#include "sip/siplimits.h"

#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <chrono>
#include <memory>

class QTcpSocket;

namespace parla::transport {

// SIP over WebSocket (RFC 7118): one QWebSocket that must agree on the "sip" subprotocol,
// one SIP message per text frame, and keepalive pings whose missing pong means the flow is dead.
// wss:// is checked as a browser checks it: the system's CAs (plus one CA file the user chose),
// the host name, the dates; a certificate that fails is never accepted (no ignoreSslErrors()).
// Lives and works on the thread that owns it (the engine thread); it starts no threads.
class WebSocketFlow : public Flow
{
    Q_OBJECT
public:
    // The largest message accepted from the server, in bytes: the SIP layer's own limit (one SIP
    // message is one WebSocket message). A larger one closes the flow as soon as its frame
    // headers announce it, so it is never buffered.
    static constexpr qsizetype MaxMessageSize = sip::limits::MaxMessageSize;

    struct Timing
    {
        std::chrono::milliseconds openTimeout { 10000 };
        // Well under the 30 s idle timeout of common NATs and proxies; RFC 5626 §4.4.1 suggests
        // a similar order for connection-oriented keepalives.
        std::chrono::milliseconds pingInterval { 25000 };
        std::chrono::milliseconds pongTimeout { 10000 };
    };

    WebSocketFlow(const QUrl &url, Timing timing, QObject *parent = nullptr);
    ~WebSocketFlow() override;

    // One CA file (PEM) trusted for wss:// on top of the system's CAs; empty for none.
    // Set before open(). A file that cannot be read then makes open() fail with TlsRefused.
    void setCaFile(const QString &path);

    void open() override;
    void close() override;
    bool isOpen() const override;
    void send(const QByteArray &message) override;
    QByteArray viaTransport() const override;

    // Checks the URL without opening anything; returns an empty string when it is usable.
    static QString validateUrl(const QUrl &url);
    // Checks that PATH (if not empty) is a readable file holding at least one PEM certificate;
    // returns an empty string when it is usable, else what is wrong, for a person.
    static QString validateCaFile(const QString &path);
    // A person's reason for refusing the server's certificate, naming the host, e.g. "the
    // server's certificate is for another name (sip.example.org, not 127.0.0.1)".
    static QString describeSslErrors(const QString &host, const QList<QSslError> &errors);

private:
    void onConnected();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onPong();
    void sendPing();
    void fail(FlowError::Kind kind, const QString &message);

    QUrl m_url;
    Timing m_timing;
    QString m_caFile;
    QWebSocket m_socket;
    QTimer m_openTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    bool m_open = false;
    bool m_closing = false;
    bool m_reported = false; // lost() or closed() was emitted
};

} // namespace parla::transport
