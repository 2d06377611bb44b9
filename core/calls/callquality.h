// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/rtpstreamstats.h"

#include <QMetaType>
#include <QString>

namespace parla::calls {

// A call's quality at a glance, from two stats snapshots a moment apart: what the last
// interval lost (not the whole call's average, which hides a bad minute), the jitter and
// round trip RTCP measured, the codec, and a grade a person reads as a traffic light. Both
// ways: how we hear the peer, from what arrives, and how the peer hears us, from the report
// block of its last RTCP report (RFC 3550 §6.4.1).
struct CallQuality
{
    enum class Grade { Unknown, Good, Fair, Poor };

    bool valid = false; // false until two snapshots were compared
    double lossPercent = 0.0; // of the packets expected from the peer in the interval
    double jitterMs = 0.0; // interarrival jitter of what we receive (RFC 3550 A.8)
    double roundTripMs = -1.0; // RFC 3550 §6.4.1; -1 until an RTCP report measured it
    QString codec; // "opus", "PCMU"
    // How the peer hears us, as its last RTCP report says: -1 until one came.
    double remoteLossPercent = -1.0; // its fraction lost since its previous report
    double remoteJitterMs = -1.0; // the interarrival jitter it measures on our stream

    // `previous` may be a default (zero) snapshot: then the counts since the stream started.
    static CallQuality measure(
        const media::RtpStreamStats &previous, const media::RtpStreamStats &current, const QString &codec);
    // The call is as good as its worse way: the worse of hearingGrade() and heardGrade().
    Grade grade() const;
    Grade hearingGrade() const; // how we hear the peer
    Grade heardGrade() const; // how the peer hears us; Unknown until it reported
    bool hasRemote() const { return valid && remoteLossPercent >= 0; }
    static QString gradeName(Grade grade); // "good", "fair", "poor", "unknown"
    bool operator==(const CallQuality &) const = default;
};

} // namespace parla::calls

Q_DECLARE_METATYPE(parla::calls::CallQuality)
