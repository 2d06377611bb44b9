// SPDX-License-Identifier: GPL-3.0-or-later
#include "phonepair.h"

#include "clientstatewait.h"

#include "calls/call.h"

namespace parla::test {

using calls::Call;

PhonePair::Ends PhonePair::ring(int timeoutMs)
{
    const qsizetype before = bob.incoming().size();
    QPointer<Call> outgoing = alice.client()->call(bob.session().user);
    if (!outgoing)
        return {};
    QPointer<Call> incoming = bob.waitForIncoming(before, timeoutMs);
    if (!waitForCallState(incoming, Call::State::Ringing, timeoutMs)
        || !waitForCallState(outgoing, Call::State::Ringing, timeoutMs))
        return {};
    return { outgoing, incoming };
}

PhonePair::Ends PhonePair::connectCall(int timeoutMs)
{
    Ends ends = ring(timeoutMs);
    if (!ends.second)
        return {};
    ends.second->answer();
    if (!waitForCallState(ends.first, Call::State::Active, timeoutMs)
        || !waitForCallState(ends.second, Call::State::Active, timeoutMs))
        return {};
    return ends;
}

bool PhonePair::stop(int timeoutMs)
{
    const bool aliceStopped = alice.stop(timeoutMs);
    return bob.stop(timeoutMs) && aliceStopped;
}

} // namespace parla::test
