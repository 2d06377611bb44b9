// SPDX-License-Identifier: GPL-3.0-or-later
#include "dtmfsender.h"

#include "telephoneevent.h"

namespace parla::media {

bool DtmfSender::enqueue(char digit)
{
    if (!TelephoneEvent::eventForDigit(digit) || m_queue.size() >= MaxQueued)
        return false;
    m_queue.append(digit);
    return true;
}

void DtmfSender::clear()
{
    m_queue.clear();
    m_phase = Phase::Idle;
    m_frame = 0;
}

std::optional<DtmfSender::Packet> DtmfSender::next(std::uint32_t timestamp, std::uint32_t frameSpan)
{
    if (m_phase == Phase::Gap) {
        if (m_frame < GapFrames) {
            ++m_frame;
            return std::nullopt;
        }
        m_phase = Phase::Idle;
    }
    if (m_phase == Phase::Idle) {
        if (m_queue.isEmpty())
            return std::nullopt;
        m_event = *TelephoneEvent::eventForDigit(m_queue.front());
        m_queue.remove(0, 1);
        m_phase = Phase::Pressing;
        m_frame = 0;
        m_start = timestamp;
    }
    TelephoneEvent event;
    event.event = m_event;
    Packet packet;
    packet.timestamp = m_start;
    if (m_phase == Phase::Pressing) {
        packet.marker = m_frame == 0;
        // The duration so far, this packet's frame included (§2.5.1.3).
        event.duration = quint16(qMin<std::uint32_t>(frameSpan * std::uint32_t(m_frame + 1), 0xffff));
        if (++m_frame == PressFrames) {
            m_phase = Phase::Ending;
            m_frame = 0;
        }
    } else {
        event.end = true;
        event.duration = quint16(qMin<std::uint32_t>(frameSpan * std::uint32_t(PressFrames), 0xffff));
        if (++m_frame == EndRepeats) {
            m_phase = Phase::Gap;
            m_frame = 0;
        }
    }
    packet.payload = event.toBytes();
    return packet;
}

} // namespace parla::media
