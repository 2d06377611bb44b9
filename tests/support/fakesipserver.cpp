// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesipserver.h"

#include <QWebSocket>

#include <algorithm>

namespace parla::test {

using sip::SipMessage;

FakeSipServer::FakeSipServer(QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("parla-fake-sip"), QWebSocketServer::NonSecureMode)
    , m_handler(registrar())
{
    m_server.setSupportedSubprotocols({ QStringLiteral("sip") });
    m_clock.start();
    connect(&m_server, &QWebSocketServer::newConnection, this, &FakeSipServer::onNewConnection);
}

FakeSipServer::~FakeSipServer()
{
    for (const auto &peer : std::as_const(m_peers)) {
        if (peer)
            peer->abort();
    }
}

bool FakeSipServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeSipServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
}

void FakeSipServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void FakeSipServer::send(QWebSocket *peer, const SipMessage &message)
{
    if (peer && peer->isValid())
        peer->sendTextMessage(QString::fromUtf8(message.toBytes()));
}

void FakeSipServer::drop(QWebSocket *peer)
{
    if (peer)
        peer->abort();
}

int FakeSipServer::connectionsWithin(qint64 windowMs) const
{
    const qint64 since = m_clock.elapsed() - windowMs;
    return int(
        std::count_if(m_connectionTimes.begin(), m_connectionTimes.end(), [since](qint64 t) { return t >= since; }));
}

int FakeSipServer::requestsWithin(qint64 windowMs) const
{
    const qint64 since = m_clock.elapsed() - windowMs;
    return int(std::count_if(m_requestTimes.begin(), m_requestTimes.end(), [since](qint64 t) { return t >= since; }));
}

QList<SipMessage> FakeSipServer::requests() const
{
    return m_requests;
}

QWebSocket *FakeSipServer::lastPeer() const
{
    for (auto it = m_peers.crbegin(); it != m_peers.crend(); ++it) {
        if (*it && (*it)->isValid())
            return *it;
    }
    return nullptr;
}

void FakeSipServer::reset()
{
    m_connectionTimes.clear();
    m_requestTimes.clear();
    m_requests.clear();
}

void FakeSipServer::onNewConnection()
{
    while (QWebSocket *peer = m_server.nextPendingConnection()) {
        peer->setParent(this);
        m_peers.append(peer);
        m_connectionTimes.append(m_clock.elapsed());
        connect(peer, &QWebSocket::textMessageReceived, this,
            [this, peer](const QString &text) { onMessage(peer, text.toUtf8()); });
        connect(peer, &QWebSocket::binaryMessageReceived, this,
            [this, peer](const QByteArray &wire) { onMessage(peer, wire); });
        connect(peer, &QWebSocket::disconnected, peer, &QObject::deleteLater);
        Q_EMIT clientConnected();
    }
}

void FakeSipServer::onMessage(QWebSocket *peer, const QByteArray &wire)
{
    auto parsed = SipMessage::parse(wire);
    if (!std::holds_alternative<SipMessage>(parsed))
        return;
    if (std::get<SipMessage>(parsed).isResponse()) {
        Q_EMIT responseReceived(std::get<SipMessage>(parsed));
        return;
    }
    const SipMessage request = std::get<SipMessage>(std::move(parsed));
    m_requestTimes.append(m_clock.elapsed());
    m_requests.append(request);
    Q_EMIT requestReceived(request);
    if (m_handler)
        m_handler(*this, peer, request);
}

FakeSipServer::Handler FakeSipServer::registrar(qint64 expires)
{
    return [expires](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
        if (request.method() != "REGISTER") {
            server.send(peer, SipMessage::response(request, 200, "OK", "fake"));
            return;
        }
        SipMessage response = SipMessage::response(request, 200, "OK", "fake");
        const QByteArray contact = request.header("Contact");
        const bool removing = request.expires().value_or(1) == 0;
        if (!removing)
            response.addHeader(
                "Contact", contact.left(contact.indexOf('>') + 1) + ";expires=" + QByteArray::number(expires));
        server.send(peer, response);
    };
}

} // namespace parla::test
