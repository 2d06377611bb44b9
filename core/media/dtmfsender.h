// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

namespace parla::media {

// The sending half of RFC 4733 DTMF for one stream, one 20 ms frame at a time. Each digit
// becomes a press of PressFrames packets that share the timestamp of the press's start
// (§2.5.1.2), the first with the marker bit (§2.5.1.3), the duration growing by a frame each
// time; then its end packet three times (§2.5.1.4); then GapFrames frames of audio before the
// next digit, so a receiver that reports key-ups sees two presses of a repeated digit.
//
// Pure logic: the stream asks it at each frame whether an event packet replaces the audio.
class DtmfSender
{
public:
    static constexpr int PressFrames = 5; // 100 ms, above the 40 ms ITU-T Q.24 minimum
    static constexpr int EndRepeats = 3;
    static constexpr int GapFrames = 3; // 60 ms between digits
    static constexpr int MaxQueued = 64; // digits waiting; more are refused

    struct Packet
    {
        QByteArray payload; // a TelephoneEvent
        bool marker = false;
        std::uint32_t timestamp = 0;
    };

    // False for a character that is not a DTMF key, or a full queue.
    bool enqueue(char digit);
    // What to send at this frame, whose audio would carry `timestamp`; nullopt: send audio.
    // `frameSpan` is the frame's duration in timestamp units.
    std::optional<Packet> next(std::uint32_t timestamp, std::uint32_t frameSpan);
    bool isIdle() const { return m_queue.isEmpty() && m_phase == Phase::Idle; }
    void clear();

private:
    enum class Phase { Idle, Pressing, Ending, Gap };
    QByteArray m_queue;
    Phase m_phase = Phase::Idle;
    int m_frame = 0; // frames into the current phase
    std::uint8_t m_event = 0;
    std::uint32_t m_start = 0;
};

} // namespace parla::media
