// SPDX-License-Identifier: GPL-3.0-or-later
#include "testphone.h"

#include "clientstatewait.h"

#include "calls/call.h"

#include <QSignalSpy>
#include <QTest>

namespace parla::test {

client::Session TestPhone::demoSession(const QString &user, const QUrl &server)
{
    client::Session session;
    session.server = server;
    session.user = user;
    session.password = user + QStringLiteral("-secret");
    return session;
}

TestPhone::TestPhone(QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<client::CallClient>())
{
    // Same thread: the call is recorded before the client's incomingCall returns.
    connect(m_client.get(), &client::CallClient::incomingCall, this,
        [this](calls::Call *call) { m_incoming.append(call); });
}

TestPhone::~TestPhone()
{
    stop();
}

bool TestPhone::signIn(const client::Session &session, int timeoutMs)
{
    m_session = session;
    m_client->start(session);
    return waitForState(m_client.get(), client::CallClient::State::Running, timeoutMs);
}

calls::Call *TestPhone::lastIncoming() const
{
    return m_incoming.isEmpty() ? nullptr : m_incoming.last().data();
}

calls::Call *TestPhone::waitForIncoming(qsizetype count, int timeoutMs)
{
    if (!QTest::qWaitFor([&] { return m_incoming.size() > count; }, timeoutMs))
        return nullptr;
    return lastIncoming();
}

bool TestPhone::stop(int timeoutMs)
{
    if (m_client->state() == client::CallClient::State::Stopped)
        return true;
    QSignalSpy didStop(m_client.get(), &client::CallClient::didStop);
    m_client->stop();
    return !didStop.isEmpty() || didStop.wait(timeoutMs);
}

} // namespace parla::test
