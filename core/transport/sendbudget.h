// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tokenbucket.h"

namespace parla::transport {

// How much one server may get; the defaults and why are on SendBudget.
struct SendLimits
{
    int requestBurst = 30;
    std::chrono::milliseconds requestRefill { 2000 };
    int connectBurst = 5;
    std::chrono::milliseconds connectRefill { 12000 };
};

// What one server may get from Parla, whatever it answers: the one place that bounds how
// often Parla connects and sends requests to it. Loops with a server (challenges, 423s,
// redirects, refreshes, reconnects) are bounded where they happen too; this is the floor under
// all of them, so no value from the network can make Parla send in a burst.
//
// Why these numbers: a healthy session sends a REGISTER with its challenge at start, one
// refresh every few minutes, and a few requests per call (INVITE and its challenge, BYE,
// re-INVITEs for hold). 30 at once and one every 2 s after that (at most 60 in any minute) is
// far above what a person does with a phone, and far below a storm. Connecting: the backoff
// of RFC 5626 §4.5 makes 4 or 5 attempts in its first minute; 5 at once and one every 12 s
// after that (at most 10 in any minute) leaves "retry now" and network-back reconnects free
// for all real use.
class SendBudget
{
public:
    using Limits = SendLimits;

    explicit SendBudget(const Limits &limits = Limits(), TokenBucket::Clock clock = {});

    // Zero: go now (spent). Otherwise: wait this long and ask again.
    std::chrono::milliseconds takeRequest() { return m_requests.take(); }
    std::chrono::milliseconds takeConnection() { return m_connections.take(); }

private:
    TokenBucket m_requests;
    TokenBucket m_connections;
};

} // namespace parla::transport
