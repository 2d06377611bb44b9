// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientstatus.h"

#include "desktoplogging.h"

#include <cmath>

namespace parla::desktop {

ClientStatus::ClientStatus(QObject *parent)
    : QObject(parent)
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ClientStatus::changed);
}

void ClientStatus::attach(client::CallClient *client)
{
    m_client = client;
    // A context object: queued from the engine thread to this (GUI) thread.
    connect(client, &client::CallClient::stateChanged, this, &ClientStatus::setState);
    connect(client, &client::CallClient::didStartReconnecting, this, &ClientStatus::setReconnecting);
    connect(client, &client::CallClient::didFail, this, &ClientStatus::setFailed);
    setState(client->state());
}

QString ClientStatus::text() const
{
    switch (m_state) {
    case State::Stopped:
        return tr("Not signed in");
    case State::Starting:
        return tr("Connecting…");
    case State::Running:
        return tr("Online: calls can come in");
    case State::Paused:
        return tr("Paused while Parla is in the background");
    case State::Resuming:
        return tr("Reconnecting after the pause…");
    case State::Reconnecting: {
        const int seconds = secondsToRetry();
        if (seconds <= 0 || !m_nextTry.isValid())
            return tr("Connection lost: reconnecting now…");
        return tr("Connection lost: reconnecting in %n s", nullptr, seconds);
    }
    case State::Failed: {
        const QString reason = failureReason();
        return reason.isEmpty() ? tr("Could not connect") : tr("Could not connect: %1").arg(reason);
    }
    }
    return {};
}

QString ClientStatus::failureReason() const
{
    const QString sentence = failureSentence();
    if (m_error.kind == client::ClientError::Kind::None || m_error.detail.isEmpty())
        return sentence;
    //: A failure in words, then the server's own (untranslated) words: "… (403 Forbidden)"
    return tr("%1 (%2)").arg(sentence, m_error.detail);
}

QString ClientStatus::failureSentence() const
{
    using Kind = client::ClientError::Kind;
    switch (m_error.kind) {
    case Kind::None:
        break;
    case Kind::Settings:
        return tr("the server address or the user name cannot be used");
    case Kind::HostNotFound:
        return tr("no server has that name");
    case Kind::ServerUnreachable:
        return tr("the server cannot be reached");
    case Kind::Certificate:
        return tr("the server's certificate was refused");
    case Kind::ProtocolError:
        return tr("the server does not speak SIP over WebSocket the way Parla does");
    case Kind::AuthenticationRefused:
        return tr("the server refused the user name or password");
    case Kind::Forbidden:
        return tr("the server does not let this account sign in");
    case Kind::Refused:
        return tr("the server refused the sign-in");
    case Kind::ServerError:
        return tr("the server has a problem of its own");
    case Kind::Timeout:
        return tr("the server did not answer in time");
    }
    // Not a sign-in failure the views know: the engine's own (English) words.
    return m_error.message;
}

int ClientStatus::secondsToRetry() const
{
    if (m_state != State::Reconnecting || !m_nextTry.isValid())
        return 0;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(m_nextTry);
    return ms <= 0 ? 0 : int(std::ceil(double(ms) / 1000.0));
}

void ClientStatus::retryNow()
{
    Q_EMIT retryRequested();
    if (m_client)
        m_client->networkAvailable(); // a slot: it hops to the engine thread
}

void ClientStatus::setState(State state)
{
    if (state == m_state)
        return;
    qCDebug(lcDesktopApp) << "client state" << client::CallClient::stateName(state);
    m_state = state;
    // The reason outlives the failure until the next try: "Check sign-in" stops the client,
    // and the sign-in page still says what went wrong.
    if (state == State::Starting || state == State::Running)
        m_error = {};
    if (state != State::Reconnecting) {
        m_nextTry = {};
        m_countdown.stop();
    }
    announce();
}

void ClientStatus::setReconnecting(int attempt, const QDateTime &nextTry)
{
    m_attempt = attempt;
    m_nextTry = nextTry.toUTC();
    m_state = State::Reconnecting;
    m_countdown.start();
    announce();
}

void ClientStatus::setFailed(const client::ClientError &error)
{
    m_error = error;
    m_state = State::Failed;
    m_countdown.stop();
    announce();
}

void ClientStatus::announce()
{
    Q_EMIT changed();
    Q_EMIT stateChanged(m_state, m_state == State::Failed ? failureReason() : QString());
}

} // namespace parla::desktop
