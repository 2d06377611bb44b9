// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <deque>
#include <memory>
#include <vector>

struct JitterBuffer_;

namespace parla::media {

// The receive side's jitter buffer: speexdsp's adaptive one (DESIGN.md: it and the resampler
// come from speexdsp), which picks its delay from the arrival jitter it sees and the share of
// late packets it will tolerate. Timestamps are the stream's RTP clock; every get() takes one
// frame span and advances the playout pointer by it.
//
// Bounded: speexdsp holds at most 200 packets and drops the oldest; payloads are copied, and
// longer ones than MaxPayloadBytes are refused by the caller's parsing before they get here.
class JitterBuffer
{
public:
    static constexpr int MaxPayloadBytes = 1500;
    // Payloads also kept here, beside speexdsp's copy, to find the one after a loss (speexdsp
    // has no way to look ahead): a second of 20 ms packets.
    static constexpr int MaxHeld = 50;

    enum class Result {
        Packet, // `payload` is the frame due now
        Missing, // lost or still late: conceal
        Insertion, // the buffer grows its delay: play a concealed frame, do not count a loss
    };
    struct Output
    {
        Result result = Result::Missing;
        QByteArray payload;
        quint32 timestamp = 0;
        quint8 payloadType = 0;
        // Missing only: the payload of the frame after the lost one, when it has arrived, so
        // Opus can rebuild the lost frame from its in-band FEC (RFC 7587 §3.1.2).
        QByteArray next;
    };

    explicit JitterBuffer(quint32 frameSpan);
    ~JitterBuffer();
    JitterBuffer(const JitterBuffer &) = delete;
    JitterBuffer &operator=(const JitterBuffer &) = delete;

    // False when the packet came too late: its time was already played out (counted by the caller).
    bool put(const QByteArray &payload, quint32 timestamp, quint16 sequence, quint8 payloadType);
    // The frame due now; call once per frame span.
    Output get();
    void reset();
    int available() const;

private:
    struct Deleter
    {
        void operator()(JitterBuffer_ *buffer) const;
    };
    std::unique_ptr<JitterBuffer_, Deleter> m_buffer;
    quint32 m_span;
    bool m_playing = false;
    quint32 m_played = 0; // the timestamp of the last frame handed out
    struct Held
    {
        quint32 timestamp;
        QByteArray payload; // shares the caller's bytes
    };
    void prune(); // drops what is played out
    std::deque<Held> m_held;
    std::vector<char> m_scratch = std::vector<char>(MaxPayloadBytes); // get()'s copy, kept
};

} // namespace parla::media
