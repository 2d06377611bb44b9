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

// One way of the call: its loss and jitter, and the round trip both ways share.
CallQuality::Grade gradeOf(double lossPercent, double jitterMs, double roundTripMs)
{
    const auto reaches = [&](const Limits &limits) {
        return lossPercent >= limits.lossPercent || jitterMs >= limits.jitterMs || roundTripMs >= limits.roundTripMs;
    };
    if (reaches(Poor))
        return CallQuality::Grade::Poor;
    if (reaches(Fair))
        return CallQuality::Grade::Fair;
    return CallQuality::Grade::Good;
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
    if (current.remoteFractionLost >= 0) {
        quality.remoteLossPercent = 100.0 * current.remoteFractionLost;
        quality.remoteJitterMs = std::max(0.0, current.remoteJitterMs);
    }
    return quality;
}

CallQuality::Grade CallQuality::grade() const
{
    // Unknown < Good < Fair < Poor: the worse known way wins.
    return std::max(hearingGrade(), heardGrade());
}

CallQuality::Grade CallQuality::hearingGrade() const
{
    return valid ? gradeOf(lossPercent, jitterMs, roundTripMs) : Grade::Unknown;
}

CallQuality::Grade CallQuality::heardGrade() const
{
    return hasRemote() ? gradeOf(remoteLossPercent, remoteJitterMs, roundTripMs) : Grade::Unknown;
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
