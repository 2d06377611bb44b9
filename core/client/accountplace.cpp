// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountplace.h"

#include <QSettings>
#include <QUdpSocket>

namespace parla::client {

QUuid storedInstanceId(const Session &session)
{
    QSettings settings;
    const QString key = QStringLiteral("instances/%1")
                            .arg(QString::fromLatin1(session.addressOfRecord().toUtf8().toPercentEncoding()));
    QUuid id = QUuid::fromString(settings.value(key).toString());
    if (id.isNull()) {
        id = QUuid::createUuid();
        settings.setValue(key, id.toString());
    }
    return id;
}

QHostAddress localAddressToward(const QUrl &server)
{
    const QHostAddress literal(server.host());
    if (literal.isLoopback())
        return literal;
    QUdpSocket probe;
    probe.connectToHost(server.host(), quint16(server.port(443)));
    probe.waitForConnected(2000);
    const QHostAddress local = probe.localAddress();
    return local.isNull() ? QHostAddress(QHostAddress::LocalHost) : local;
}

} // namespace parla::client
