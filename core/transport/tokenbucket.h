// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>

namespace parla::transport {

// A token bucket: up to `burst` sends at once, then one more every `refill`. take() spends a
// token when there is one; otherwise it says how long until there will be, and spends nothing.
class TokenBucket
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    TokenBucket(int burst, std::chrono::milliseconds refill, Clock clock = {});

    // Zero: a token was spent, go now. Otherwise: wait this long, then ask again.
    std::chrono::milliseconds take();
    int available();
    int burst() const { return m_burst; }
    std::chrono::milliseconds refill() const { return m_refill; }

private:
    void topUp();

    int m_burst;
    std::chrono::milliseconds m_refill;
    Clock m_clock;
    int m_tokens;
    std::chrono::steady_clock::time_point m_lastRefill;
};

} // namespace parla::transport
