// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenbucket.h"

#include <algorithm>

namespace parla::transport {

TokenBucket::TokenBucket(int burst, std::chrono::milliseconds refill, Clock clock)
    : m_burst(std::max(1, burst))
    , m_refill(std::max(refill, std::chrono::milliseconds(1)))
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
    , m_tokens(m_burst)
    , m_lastRefill(m_clock())
{
}

void TokenBucket::topUp()
{
    const auto now = m_clock();
    if (m_tokens >= m_burst) {
        m_lastRefill = now; // a full bucket earns nothing while it waits
        return;
    }
    const auto earned = (now - m_lastRefill) / m_refill;
    if (earned <= 0)
        return;
    m_tokens = int(std::min<long long>(m_burst, m_tokens + earned));
    m_lastRefill = m_tokens >= m_burst ? now : m_lastRefill + earned * m_refill;
}

int TokenBucket::available()
{
    topUp();
    return m_tokens;
}

std::chrono::milliseconds TokenBucket::take()
{
    topUp();
    if (m_tokens > 0) {
        --m_tokens;
        return std::chrono::milliseconds::zero();
    }
    const auto due = m_lastRefill + m_refill - m_clock();
    return std::max(std::chrono::ceil<std::chrono::milliseconds>(due), std::chrono::milliseconds(1));
}

} // namespace parla::transport
