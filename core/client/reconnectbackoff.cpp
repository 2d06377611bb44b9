// SPDX-License-Identifier: GPL-3.0-or-later
#include "reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace parla::client {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, RandomSource random)
    : m_base(base)
    , m_cap(std::max(cap, base))
    , m_random(random ? std::move(random) : RandomSource([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

std::chrono::milliseconds ReconnectBackoff::nextDelay(std::optional<std::chrono::seconds> retryAfter)
{
    // Doubling stops growing long before it could overflow: 2^20 * base is far above any cap.
    const int exponent = std::min(m_failures, 20);
    ++m_failures;
    const auto ceiling = std::min<std::chrono::milliseconds>(m_cap, m_base * (1LL << exponent));
    const double fraction = 0.5 + 0.5 * std::clamp(m_random(), 0.0, 1.0);
    auto delay = std::chrono::milliseconds(static_cast<long long>(ceiling.count() * fraction));
    if (retryAfter)
        delay = std::max<std::chrono::milliseconds>(
            delay, std::clamp<std::chrono::seconds>(*retryAfter, {}, MaxRetryAfter));
    return delay;
}

} // namespace parla::client
