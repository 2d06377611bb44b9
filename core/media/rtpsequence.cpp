// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtpsequence.h"

namespace parla::media {

void RtpSequence::restart(quint16 sequence)
{
    // init_seq() of RFC 3550 A.1.
    m_baseSequence = sequence;
    m_maxSequence = sequence;
    m_badSequence = SequenceModulus + 1;
    m_cycles = 0;
    m_received = 0;
    m_receivedPrior = 0;
    m_expectedPrior = 0;
}

bool RtpSequence::update(quint16 sequence)
{
    if (!m_started) {
        // The first packet: the source is on probation until MinSequential arrive in order.
        m_started = true;
        restart(sequence);
        m_maxSequence = quint16(sequence - 1);
        m_probation = MinSequential;
    }
    const quint16 delta = quint16(sequence - m_maxSequence);
    if (m_probation) {
        if (sequence == quint16(m_maxSequence + 1)) {
            --m_probation;
            m_maxSequence = sequence;
            if (m_probation == 0) {
                // As A.1 does: counting starts at the packet that ends the probation.
                restart(sequence);
                ++m_received;
                return true;
            }
        } else {
            m_probation = MinSequential - 1;
            m_maxSequence = sequence;
        }
        return false;
    }
    if (delta < MaxDropout) {
        if (sequence < m_maxSequence)
            m_cycles += SequenceModulus; // wrapped around
        m_maxSequence = sequence;
    } else if (delta <= SequenceModulus - MaxMisorder) {
        // A very large jump: a restarted sender if the next packet follows this one.
        if (sequence == m_badSequence) {
            restart(sequence);
        } else {
            m_badSequence = (sequence + 1) & (SequenceModulus - 1);
            return false;
        }
    }
    // else: a duplicate or a packet out of order, counted but not moving the maximum.
    ++m_received;
    return true;
}

quint8 RtpSequence::takeFractionLost()
{
    const qint64 expectedNow = expected();
    const qint64 expectedInterval = expectedNow - m_expectedPrior;
    const qint64 receivedInterval = qint64(m_received) - m_receivedPrior;
    m_expectedPrior = expectedNow;
    m_receivedPrior = m_received;
    const qint64 lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval <= 0 || lostInterval <= 0)
        return 0;
    return quint8((lostInterval << 8) / expectedInterval);
}

} // namespace parla::media
