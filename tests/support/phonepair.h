// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testphone.h"

#include <QPointer>

#include <utility>

namespace parla::test {

// Two Parla phones that call each other through a real server: Alice calls Bob. The test
// gives each its media and signs it in (TestPhone::signIn); the pair places and answers the
// call with bounded waits, and stops both when it is destroyed.
class PhonePair
{
public:
    // The caller's call and the callee's.
    using Ends = std::pair<QPointer<calls::Call>, QPointer<calls::Call>>;

    TestPhone alice;
    TestPhone bob;

    // Alice calls Bob (his session's user): both ends once Bob's rings and Alice heard 180.
    // {nullptr, nullptr} when a step did not happen within `timeoutMs`.
    Ends ring(int timeoutMs = 10000);
    // ring(), then Bob answers: both ends once both are active.
    Ends connectCall(int timeoutMs = 10000);
    // Stops both; true when both said didStop in time.
    bool stop(int timeoutMs = 3000);
};

} // namespace parla::test
