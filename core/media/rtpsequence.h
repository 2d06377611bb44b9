// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace parla::media {

// The receiver's sequence number bookkeeping of RFC 3550 Appendix A.1 and A.3: a source is
// valid after MinSequential packets in order; wraparound extends the sequence to 32 bits; a
// jump beyond MaxDropout, or back beyond MaxMisorder, is taken as a restarted sender once a
// second packet confirms it. Feeds the loss figures of a report block (§6.4.1).
class RtpSequence
{
public:
    static constexpr int MaxDropout = 3000;
    static constexpr int MaxMisorder = 100;
    static constexpr int MinSequential = 2;
    static constexpr quint32 SequenceModulus = 1u << 16;

    // Whether the packet counts (false while on probation, or for a bad jump not yet confirmed).
    bool update(quint16 sequence);

    bool isValid() const { return m_probation == 0 && m_started; }
    quint32 extendedHighestSequence() const { return m_cycles + m_maxSequence; }
    quint32 received() const { return m_received; }
    qint64 expected() const { return qint64(extendedHighestSequence()) - m_baseSequence + 1; }
    // May be negative: duplicates count as received (§6.4.1).
    qint64 cumulativeLost() const { return expected() - m_received; }
    // Lost/expected since the last call, in 1/256 (A.3); 0 when more arrived than expected.
    quint8 takeFractionLost();

private:
    void restart(quint16 sequence);

    bool m_started = false;
    quint16 m_maxSequence = 0;
    quint32 m_cycles = 0; // shifted count of wraparounds
    quint32 m_baseSequence = 0;
    quint32 m_badSequence = SequenceModulus + 1; // an impossible value
    int m_probation = MinSequential;
    quint32 m_received = 0;
    qint64 m_expectedPrior = 0;
    quint32 m_receivedPrior = 0;
};

} // namespace parla::media
