#pragma once

#include "client/callclient.h"

#include <QDeadlineTimer>
#include <QSignalSpy>

namespace parla::test {

// Waits, on the client's stateChanged signal, until the client is in `state` or the time is up.
// Works for a client on its engine thread too: the spy's queued connection wakes the wait.
inline bool waitForState(client::CallClient *client, client::CallClient::State state, int timeoutMs = 10000)
{
    QSignalSpy spy(client, &client::CallClient::stateChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (client->state() != state && !deadline.hasExpired())
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    return client->state() == state;
}

} // namespace parla::test
