// SPDX-License-Identifier: GPL-3.0-or-later
#include "callquality.h"

#include <algorithm>

namespace parla::calls {

namespace {

// Thresholds where a listener starts to notice (fair) and where a conversation suffers
// (poor). Loss: G.711 with PLC and Opus hide about 1% and fall apart past 5% (ITU-T G.113
// Appendix I's Bpl). Jitter: our buffer absorbs 30 ms at a modest delay (PLATFORM.md: 38 ms
// of buffering for 5 ms jitter, 158 ms for 30). Round trip: ITU-T G.114 calls a one-way
// delay up to 150 ms transparent and beyond 400 ms unacceptable; doubled for a round trip.
struct Limits
{
    double lossPercent;
    double jitterMs;
    double roundTripMs;
};
constexpr Limits Fair { 1.0, 30.0, 300.0 };
constexpr Limits Poor { 5.0, 60.0, 800.0 };

bool reaches(const CallQuality &quality, const Limits &limits)
{
    return quality.lossPercent >= limits.lossPercent || quality.jitterMs >= limits.jitterMs
        || quality.roundTripMs >= limits.roundTripMs;
}

} // namespace

CallQuality CallQuality::measure(
    const media::RtpStreamStats &previous, const media::RtpStreamStats &current, const QString &codec)
{
    CallQuality quality;
    quality.valid = true;
    quality.codec = codec;
    quality.jitterMs = current.jitterMs;
    quality.roundTripMs = current.roundTripMs;
    // Expected = received + lost (RFC 3550 A.3); duplicates can make the lost count shrink.
    const auto received = std::int64_t(current.packetsReceived) - std::int64_t(previous.packetsReceived);
    const auto lost = std::max<std::int64_t>(0, current.packetsLost - previous.packetsLost);
    const auto expected = received + lost;
    if (expected > 0)
        quality.lossPercent = 100.0 * double(lost) / double(expected);
    return quality;
}

CallQuality::Grade CallQuality::grade() const
{
    if (!valid)
        return Grade::Unknown;
    if (reaches(*this, Poor))
        return Grade::Poor;
    if (reaches(*this, Fair))
        return Grade::Fair;
    return Grade::Good;
}

QString CallQuality::gradeName(Grade grade)
{
    switch (grade) {
    case Grade::Good:
        return QStringLiteral("good");
    case Grade::Fair:
        return QStringLiteral("fair");
    case Grade::Poor:
        return QStringLiteral("poor");
    case Grade::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace parla::calls
