// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A WebSocket server written by hand on a QTcpServer: it answers the opening handshake with the
// "sip" subprotocol and then writes whatever bytes a test gives it, so a test can send frames a
// well-behaved server never would (masked ones, split headers, fragments).

#include <QByteArray>
#include <QCryptographicHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QtEndian>

#include <functional>

namespace parla::test {

// Not a Q_OBJECT (tests/support is header-only): callbacks instead of signals.
class RawWebSocketServer : public QObject
{
public:
    explicit RawWebSocketServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                m_socket = socket;
                m_upgraded = false;
                m_request.clear();
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort())); }
    int connections() const { return m_connections; }
    // The last connection once its handshake was answered; null before.
    QTcpSocket *socket() const { return m_upgraded ? m_socket.data() : nullptr; }

    // One frame as RFC 6455 §5.2 lays it out; masked with `mask` when it is non-zero.
    static QByteArray frame(quint8 opcode, const QByteArray &payload, bool fin = true, quint32 mask = 0)
    {
        QByteArray out;
        out.append(char((fin ? 0x80 : 0x00) | (opcode & 0x0F)));
        const char maskBit = mask ? char(0x80) : char(0x00);
        const quint64 size = quint64(payload.size());
        if (size <= 125) {
            out.append(char(maskBit | char(size)));
        } else if (size <= 0xFFFF) {
            out.append(char(maskBit | 126));
            const quint16 big = qToBigEndian(quint16(size));
            out.append(reinterpret_cast<const char *>(&big), 2);
        } else {
            out.append(char(maskBit | 127));
            const quint64 big = qToBigEndian(size);
            out.append(reinterpret_cast<const char *>(&big), 8);
        }
        QByteArray body = payload;
        if (mask) {
            const quint32 bigMask = qToBigEndian(mask);
            const char *key = reinterpret_cast<const char *>(&bigMask);
            out.append(key, 4);
            for (qsizetype i = 0; i < body.size(); ++i)
                body[i] = char(body[i] ^ key[i % 4]);
        }
        return out + body;
    }
    static constexpr quint8 Continuation = 0x0;
    static constexpr quint8 Text = 0x1;

    // Called once a connection's handshake was answered.
    std::function<void(QTcpSocket *)> onUpgraded;

private:
    void onReadyRead(QTcpSocket *socket)
    {
        if (m_upgraded && socket == m_socket) {
            socket->readAll(); // what the client sends is of no interest here
            return;
        }
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n"))
            return;
        QByteArray key;
        for (const QByteArray &line : m_request.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(18).trimmed();
        }
        const QByteArray accept
            = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
                  .toBase64();
        socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Accept: "
            + accept + "\r\nSec-WebSocket-Protocol: sip\r\n\r\n");
        socket->flush();
        m_request.clear();
        m_upgraded = true;
        if (onUpgraded)
            onUpgraded(socket);
    }

    QTcpServer m_server;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_request;
    bool m_upgraded = false;
    int m_connections = 0;
};

} // namespace parla::test
