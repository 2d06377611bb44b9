// SPDX-License-Identifier: GPL-3.0-or-later
#include "singleinstance.h"

#include "desktoplogging.h"

#include <QLocalSocket>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTimer>

namespace parla::desktop {

namespace {
constexpr int ConnectTimeoutMs = 500; // a live instance answers at once; a stale socket refuses
constexpr int ReadTimeoutMs = 2000;
} // namespace

SingleInstance::SingleInstance(const QString &socketPath, QObject *parent)
    : QObject(parent)
    , m_path(socketPath.isEmpty()
              ? QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) + QStringLiteral("/parla.socket")
              : socketPath)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
}

QByteArray SingleInstance::message(const QString &address)
{
    return address.isEmpty() ? QByteArray("show\n") : "call " + address.toUtf8() + '\n';
}

std::optional<QString> SingleInstance::parseMessage(const QByteArray &message, QString *error)
{
    if (message.size() > MaxMessageBytes) {
        *error = QStringLiteral("message longer than %1 bytes").arg(MaxMessageBytes);
        return std::nullopt;
    }
    if (!message.endsWith('\n') || message.count('\n') != 1) {
        *error = QStringLiteral("not one line ending in a newline");
        return std::nullopt;
    }
    const QByteArray line = message.chopped(1);
    if (line == "show")
        return QString();
    if (!line.startsWith("call ")) {
        *error = QStringLiteral("unknown request (show or call <address>)");
        return std::nullopt;
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString address = utf8.decode(line.mid(5));
    if (utf8.hasError()) {
        *error = QStringLiteral("the address is not UTF-8");
        return std::nullopt;
    }
    for (const QChar c : address) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.isSpace()) {
            *error = QStringLiteral("the address holds a space or a control character");
            return std::nullopt;
        }
    }
    const bool known = address.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
        || address.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive)
        || address.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive);
    if (!known || address.size() <= 4) {
        *error = QStringLiteral("the address is not a sip:, sips: or tel: URI");
        return std::nullopt;
    }
    return address;
}

bool SingleInstance::forwardToRunning(const QString &address) const
{
    QLocalSocket socket;
    socket.connectToServer(m_path);
    if (!socket.waitForConnected(ConnectTimeoutMs))
        return false;
    socket.write(message(address));
    // Written to the kernel's buffer is enough: the running instance reads it when it can.
    const bool sent = socket.waitForBytesWritten(ReadTimeoutMs);
    socket.abort();
    return sent;
}

bool SingleInstance::listen()
{
    if (m_server.listen(m_path))
        return true;
    // Left behind by a crash: nobody answered forwardToRunning(), so it is stale.
    QLocalServer::removeServer(m_path);
    return m_server.listen(m_path);
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        socket->setReadBufferSize(MaxMessageBytes + 1);
        auto *deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, &QLocalSocket::abort);
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine() && socket->bytesAvailable() <= MaxMessageBytes)
                return;
            const QByteArray line
                = socket->canReadLine() ? socket->readLine(MaxMessageBytes + 1) : socket->read(MaxMessageBytes + 1);
            QString error;
            if (const auto address = parseMessage(line, &error))
                Q_EMIT activated(*address);
            else
                qCWarning(lcDesktopApp).noquote() << "ignored a message from another launch:" << error;
            socket->disconnectFromServer();
        });
        deadline->start(ReadTimeoutMs);
    }
}

} // namespace parla::desktop
