// SPDX-License-Identifier: GPL-3.0-or-later
#include "jitterbuffer.h"

#include <speex/speex_jitter.h>

#include <algorithm>
#include <vector>

namespace parla::media {

void JitterBuffer::Deleter::operator()(JitterBuffer_ *buffer) const
{
    jitter_buffer_destroy(buffer);
}

JitterBuffer::JitterBuffer(quint32 frameSpan)
    : m_buffer(jitter_buffer_init(int(frameSpan)))
    , m_span(frameSpan)
{
    // speexdsp's default margin is 0; one frame of slack absorbs the scheduling jitter of the
    // two timers involved (the peer's sender and our playout) without waiting for statistics.
    spx_int32_t margin = spx_int32_t(frameSpan);
    jitter_buffer_ctl(m_buffer.get(), JITTER_BUFFER_SET_MARGIN, &margin);
}

JitterBuffer::~JitterBuffer() = default;

bool JitterBuffer::put(const QByteArray &payload, quint32 timestamp, quint16 sequence, quint8 payloadType)
{
    // Serial number arithmetic (RFC 1982), as RTP timestamps wrap.
    if (m_playing && qint32(timestamp - m_played) <= 0)
        return false;
    JitterBufferPacket packet {};
    packet.data = const_cast<char *>(payload.constData()); // speexdsp copies it
    packet.len = spx_uint32_t(qMin<qsizetype>(payload.size(), MaxPayloadBytes));
    packet.timestamp = timestamp;
    packet.span = m_span;
    packet.sequence = sequence;
    packet.user_data = payloadType;
    jitter_buffer_put(m_buffer.get(), &packet);
    if (std::ssize(m_held) >= MaxHeld)
        m_held.pop_front();
    m_held.push_back({ timestamp, payload.left(MaxPayloadBytes) });
    return true;
}

JitterBuffer::Output JitterBuffer::get()
{
    JitterBufferPacket packet {};
    packet.data = m_scratch.data();
    packet.len = spx_uint32_t(m_scratch.size());
    spx_int32_t offset = 0;
    const int status = jitter_buffer_get(m_buffer.get(), &packet, spx_int32_t(m_span), &offset);
    jitter_buffer_tick(m_buffer.get());
    Output out;
    switch (status) {
    case JITTER_BUFFER_OK:
        out.result = Result::Packet;
        out.payload = QByteArray(m_scratch.data(), qsizetype(packet.len));
        out.timestamp = packet.timestamp;
        out.payloadType = quint8(packet.user_data);
        m_playing = true;
        m_played = packet.timestamp;
        break;
    case JITTER_BUFFER_INSERTION:
        out.result = Result::Insertion;
        break;
    default:
        out.result = Result::Missing;
        if (m_playing) {
            m_played += m_span;
            const quint32 after = m_played + m_span;
            const auto held
                = std::find_if(m_held.begin(), m_held.end(), [after](const Held &h) { return h.timestamp == after; });
            if (held != m_held.end())
                out.next = held->payload;
        }
        break;
    }
    prune();
    return out;
}

void JitterBuffer::prune()
{
    if (!m_playing)
        return;
    // Serial number arithmetic, as in put().
    std::erase_if(m_held, [this](const Held &h) { return qint32(h.timestamp - m_played) <= 0; });
}

void JitterBuffer::reset()
{
    m_held.clear();
    jitter_buffer_reset(m_buffer.get());
    m_playing = false;
    m_played = 0;
}

int JitterBuffer::available() const
{
    spx_int32_t count = 0;
    jitter_buffer_ctl(m_buffer.get(), JITTER_BUFFER_GET_AVAILABLE_COUNT, &count);
    return count;
}

} // namespace parla::media
