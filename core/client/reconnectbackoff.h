// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <optional>

namespace parla::client {

// The wait before the next reconnection attempt, as RFC 5626 §4.5 computes it:
// min(cap, base * 2^failures), then drawn uniformly between half and all of that.
// A Retry-After from the server is a floor, honoured up to MaxRetryAfter. reset() once a flow
// has proven itself (CallClient: registered and stayed up, RFC 5626 §4.5).
class ReconnectBackoff
{
public:
    // Returns a number in [0, 1); the default is QRandomGenerator::global().
    using RandomSource = std::function<double()>;

    // The longest Retry-After honoured: long enough for a maintenance window, short enough
    // that a server asking for years is asked again the same day (one connection, one
    // REGISTER). "Retry now" and a network that comes back still act at once.
    static constexpr std::chrono::minutes MaxRetryAfter { 30 };

    ReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, RandomSource random = {});

    // The wait before attempt number failures() + 1; counts one more failure.
    std::chrono::milliseconds nextDelay(std::optional<std::chrono::seconds> retryAfter = std::nullopt);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    RandomSource m_random;
    int m_failures = 0;
};

} // namespace parla::client
