#pragma once

#include "flow.h"

#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <chrono>

namespace parla::transport {

// SIP over WebSocket (RFC 7118): one QWebSocket that must agree on the "sip" subprotocol,
// one SIP message per text frame, and keepalive pings whose missing pong means the flow is dead.
// Lives and works on the thread that owns it (the engine thread); it starts no threads.
class WebSocketFlow : public Flow
{
    Q_OBJECT
public:
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

    void open() override;
    void close() override;
    bool isOpen() const override;
    void send(const QByteArray &message) override;
    QByteArray viaTransport() const override;

    // Checks the URL without opening anything; returns an empty string when it is usable.
    static QString validateUrl(const QUrl &url);

private:
    void onConnected();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onPong();
    void sendPing();
    void fail(FlowError::Kind kind, const QString &message);

    QUrl m_url;
    Timing m_timing;
    QWebSocket m_socket;
    QTimer m_openTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    bool m_open = false;
    bool m_closing = false;
    bool m_reported = false; // lost() or closed() was emitted
};

} // namespace parla::transport
