// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace parla::media {

// Interarrival jitter (RFC 3550 §6.4.1, computed as Appendix A.8 does in integers): the mean
// deviation of the transit time, smoothed with gain 1/16, in RTP timestamp units.
class RtpJitter
{
public:
    // `arrival` is the packet's arrival time already in the stream's timestamp units (for
    // 8 kHz audio, milliseconds * 8); only differences matter, so any origin works.
    void update(quint32 rtpTimestamp, quint32 arrival);
    // The value for a report block's jitter field.
    quint32 jitter() const { return quint32(qMin<quint64>(m_scaledJitter >> 4, 0xffffffffu)); }

private:
    bool m_started = false;
    qint32 m_transit = 0;
    quint64 m_scaledJitter = 0; // jitter * 16, as A.8 keeps it
};

} // namespace parla::media
