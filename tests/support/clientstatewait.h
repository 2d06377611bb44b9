// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/call.h"
#include "client/callclient.h"

#include <QDeadlineTimer>
#include <QPointer>
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

// The same for a call: until `call` is in `state`, the time is up, or the call is gone.
inline bool waitForCallState(calls::Call *call, calls::Call::State state, int timeoutMs = 5000)
{
    if (!call)
        return false;
    QPointer<calls::Call> guard(call);
    QSignalSpy spy(call, &calls::Call::stateChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (guard && guard->state() != state && !deadline.hasExpired())
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    return guard && guard->state() == state;
}

} // namespace parla::test
