// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"
#include "client/session.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace parla::calls {
class Call;
}

namespace parla::test {

// One Parla phone of an integration test: a CallClient on the test's thread, signed in over
// WebSocket, and the calls it was offered. Destroying it stops the client and waits (bounded)
// for didStop, which comes once the un-REGISTER was answered: no binding outlives the test.
class TestPhone : public QObject
{
    Q_OBJECT
public:
    // A demo user of the project's Kamailio (kamailio/dbtext/subscriber): password "<user>-secret".
    static client::Session demoSession(const QString &user, const QUrl &server);

    explicit TestPhone(QObject *parent = nullptr);
    ~TestPhone() override;

    // Set its media factory, tuning, ... here before signIn().
    client::CallClient *client() const { return m_client.get(); }
    // Starts the client and waits for running; false if it is not running within the time.
    bool signIn(const client::Session &session, int timeoutMs = 15000);
    const client::Session &session() const { return m_session; }

    // The calls offered to this phone, oldest first.
    const QList<QPointer<calls::Call>> &incoming() const { return m_incoming; }
    calls::Call *lastIncoming() const;
    // Waits until more than `count` calls were offered: the newest, or nullptr when the time is up.
    calls::Call *waitForIncoming(qsizetype count = 0, int timeoutMs = 10000);

    // Stops the client and waits for didStop; true at once when it is stopped already.
    bool stop(int timeoutMs = 3000);

private:
    std::unique_ptr<client::CallClient> m_client;
    client::Session m_session;
    QList<QPointer<calls::Call>> m_incoming;
};

} // namespace parla::test
