// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/sipmessage.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocketServer>

#include <functional>

class QWebSocket;

namespace parla::test {

// A SIP server over a real WebSocket on loopback (RFC 7118: subprotocol "sip", one message per
// frame), whose behaviour a test scripts with a handler: a well-behaved registrar, or a hostile
// one that grants years, asks to retry in years, or drops every connection. It counts what it
// receives, with times, so a test can count what a client sent in a fixed window.
// Lives on the thread that creates it (the test's); the client under test runs on its own.
class FakeSipServer : public QObject
{
    Q_OBJECT
public:
    // Called for every request that parses; `peer` is the connection it came on.
    using Handler = std::function<void(FakeSipServer &server, QWebSocket *peer, const sip::SipMessage &request)>;

    explicit FakeSipServer(QObject *parent = nullptr);
    ~FakeSipServer() override;

    // Listens on 127.0.0.1 on a free port; false if it cannot.
    bool listen();
    QUrl url() const; // ws://127.0.0.1:PORT
    void setHandler(Handler handler);

    void send(QWebSocket *peer, const sip::SipMessage &message);
    // Aborts the TCP connection, as a crashing or hostile server does.
    void drop(QWebSocket *peer);

    // Counters since the server was created (or reset()).
    int connectionCount() const { return int(m_connectionTimes.size()); }
    int requestCount() const { return int(m_requests.size()); }
    // How many connections / requests arrived in the last `window` milliseconds.
    int connectionsWithin(qint64 windowMs) const;
    int requestsWithin(qint64 windowMs) const;
    QList<sip::SipMessage> requests() const;
    void reset();

    // Handlers for common servers. `registrar` grants every REGISTER `expires` seconds and
    // echoes the client's Contact, no authentication.
    static Handler registrar(qint64 expires = 600);

    // The connection that arrived last (nullptr when none is open).
    QWebSocket *lastPeer() const;

Q_SIGNALS:
    void requestReceived(const parla::sip::SipMessage &request);
    void responseReceived(const parla::sip::SipMessage &response);
    void clientConnected();

private:
    void onNewConnection();
    void onMessage(QWebSocket *peer, const QByteArray &wire);

    QWebSocketServer m_server;
    Handler m_handler;
    QElapsedTimer m_clock;
    QList<qint64> m_connectionTimes;
    QList<qint64> m_requestTimes;
    QList<sip::SipMessage> m_requests;
    QList<QPointer<QWebSocket>> m_peers;
};

} // namespace parla::test
