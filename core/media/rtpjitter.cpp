// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtpjitter.h"

namespace parla::media {

void RtpJitter::update(quint32 rtpTimestamp, quint32 arrival)
{
    // Differences modulo 2^32 then read as signed, so that both clocks may wrap.
    const qint32 transit = qint32(arrival - rtpTimestamp);
    if (!m_started) {
        m_started = true;
        m_transit = transit;
        return;
    }
    // A.8 subtracts in 32-bit ints, which wrap; so does this.
    qint64 d = qint32(quint32(transit) - quint32(m_transit));
    m_transit = transit;
    if (d < 0)
        d = -d;
    // A.8: jitter += d - ((jitter + 8) >> 4), with jitter scaled by 16 (64 bits: no overflow).
    m_scaledJitter = m_scaledJitter + quint64(d) - ((m_scaledJitter + 8) >> 4);
}

} // namespace parla::media
