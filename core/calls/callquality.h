// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/rtpstreamstats.h"

#include <QMetaType>
#include <QString>

namespace parla::calls {

// A call's quality at a glance, from two stats snapshots a moment apart: what the last
// interval lost (not the whole call's average, which hides a bad minute), the jitter and
// round trip RTCP measured, the codec, and a grade a person reads as a traffic light.
struct CallQuality
{
    enum class Grade { Unknown, Good, Fair, Poor };

    bool valid = false; // false until two snapshots were compared
    double lossPercent = 0.0; // of the packets expected from the peer in the interval
    double jitterMs = 0.0; // interarrival jitter of what we receive (RFC 3550 A.8)
    double roundTripMs = -1.0; // RFC 3550 §6.4.1; -1 until an RTCP report measured it
    QString codec; // "opus", "PCMU"

    // `previous` may be a default (zero) snapshot: then the counts since the stream started.
    static CallQuality measure(
        const media::RtpStreamStats &previous, const media::RtpStreamStats &current, const QString &codec);
    Grade grade() const;
    static QString gradeName(Grade grade); // "good", "fair", "poor", "unknown"
    bool operator==(const CallQuality &) const = default;
};

} // namespace parla::calls

Q_DECLARE_METATYPE(parla::calls::CallQuality)
