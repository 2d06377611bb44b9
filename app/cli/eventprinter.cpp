// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventprinter.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cstdio>

using parla::client::CallClient;
using parla::client::ClientError;

namespace {
QJsonObject errorFields(const ClientError &error)
{
    QJsonObject fields { { QStringLiteral("reason"), error.reasonName() },
        { QStringLiteral("message"), error.message } };
    // Added, never replacing: scripts read "reason". The kind and the server's words, when known.
    if (error.kind != ClientError::Kind::None)
        fields.insert(QStringLiteral("kind"), error.kindName());
    if (!error.detail.isEmpty())
        fields.insert(QStringLiteral("detail"), error.detail);
    return fields;
}
} // namespace

EventPrinter::EventPrinter(CallClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    const auto transition = [this](const QString &name) {
        return [this, name](CallClient::State from, CallClient::State to) {
            print(name,
                { { QStringLiteral("from"), CallClient::stateName(from) },
                    { QStringLiteral("to"), CallClient::stateName(to) } });
        };
    };
    connect(client, &CallClient::stateWillChange, this, transition(QStringLiteral("stateWillChange")));
    connect(client, &CallClient::stateDidChange, this, transition(QStringLiteral("stateDidChange")));

    const std::pair<void (CallClient::*)(), const char *> plainEvents[] = {
        { &CallClient::willStart, "willStart" },
        { &CallClient::didStart, "didStart" },
        { &CallClient::willPause, "willPause" },
        { &CallClient::didPause, "didPause" },
        { &CallClient::willResume, "willResume" },
        { &CallClient::didResume, "didResume" },
        { &CallClient::willStop, "willStop" },
        { &CallClient::didStop, "didStop" },
    };
    for (const auto &[signal, name] : plainEvents)
        connect(client, signal, this, [this, name = QString::fromLatin1(name)] { print(name); });

    connect(client, &CallClient::didStartReconnecting, this, [this](int attempt, const QDateTime &nextTry) {
        print(QStringLiteral("didStartReconnecting"),
            { { QStringLiteral("attempt"), attempt },
                { QStringLiteral("nextTry"), nextTry.toUTC().toString(Qt::ISODateWithMs) } });
    });
    connect(client, &CallClient::didFail, this,
        [this](const ClientError &error) { print(QStringLiteral("didFail"), errorFields(error)); });
    connect(client, &CallClient::operationFailed, this,
        [this](const ClientError &error) { print(QStringLiteral("operationFailed"), errorFields(error)); });
    connect(client, &CallClient::registered, this, [this](int expires) {
        print(QStringLiteral("registered"), { { QStringLiteral("expires"), expires } });
    });
}

void EventPrinter::print(const QString &event, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), event);
    fields.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    const QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void EventPrinter::printStatus()
{
    print(QStringLiteral("status"), { { QStringLiteral("state"), CallClient::stateName(m_client->state()) } });
}

void EventPrinter::printCommandError(const QString &message)
{
    print(QStringLiteral("commandError"), { { QStringLiteral("message"), message } });
}
