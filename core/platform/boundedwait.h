// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>

namespace parla::platform {

// The longest wait any timer of Parla is given. A server that grants a binding for years is
// refreshed within a day; one that asks to be retried in years is asked again sooner.
inline constexpr std::chrono::milliseconds LongestWait = std::chrono::hours(24);

// `wait` clamped into [shortest, longest] (longest itself at most LongestWait), so it always
// fits a QTimer. Every wait derived from a number a server sent goes through here: Qt 6.4's
// QTimer keeps int milliseconds and its std::chrono overloads narrow, so a value of years
// would wrap to zero or below and fire at once, over and over.
template<typename Rep, typename Period>
constexpr std::chrono::milliseconds boundedWait(std::chrono::duration<Rep, Period> wait,
    std::chrono::milliseconds shortest = std::chrono::milliseconds::zero(),
    std::chrono::milliseconds longest = LongestWait)
{
    longest = std::clamp(longest, std::chrono::milliseconds::zero(), LongestWait);
    shortest = std::clamp(shortest, std::chrono::milliseconds::zero(), longest);
    // Compared as floating-point milliseconds: no conversion of a huge count can overflow.
    const double milliseconds = std::chrono::duration<double, std::milli>(wait).count();
    if (!(milliseconds > double(shortest.count()))) // NaN lands here too
        return shortest;
    if (milliseconds >= double(longest.count()))
        return longest;
    return std::chrono::milliseconds(static_cast<long long>(milliseconds));
}

} // namespace parla::platform
