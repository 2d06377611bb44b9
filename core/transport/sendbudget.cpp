// SPDX-License-Identifier: GPL-3.0-or-later
#include "sendbudget.h"

namespace parla::transport {

SendBudget::SendBudget(const Limits &limits, TokenBucket::Clock clock)
    : m_requests(limits.requestBurst, limits.requestRefill, clock)
    , m_connections(limits.connectBurst, limits.connectRefill, clock)
{
}

} // namespace parla::transport
