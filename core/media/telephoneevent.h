// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "parseerror.h"

#include <QByteArray>

#include <optional>
#include <variant>

namespace parla::media {

// The payload of an RFC 4733 named telephone event (§2.3): event, E bit, volume, duration.
struct TelephoneEvent
{
    static constexpr int PayloadBytes = 4;
    static constexpr int MaxVolume = 63; // 6 bits of -dBm0
    static constexpr int Flash = 16; // §3.2, after the 16 DTMF events

    quint8 event = 0;
    bool end = false;
    quint8 volume = 10; // -10 dBm0, a usual DTMF level
    quint16 duration = 0; // timestamp units since the event began

    static std::variant<TelephoneEvent, ParseError> parse(const QByteArray &payload);
    QByteArray toBytes() const; // the R bit is always 0; a volume above 63 is written as 63

    // DTMF: digits 0-9 are events 0-9, '*' 10, '#' 11, 'A'-'D' 12-15 (§3.2, Table 7).
    static std::optional<quint8> eventForDigit(char digit);
    static std::optional<char> digitForEvent(quint8 event);

    bool operator==(const TelephoneEvent &) const = default;
};

// Turns the packets of a peer's telephone events into digits, once each. A sender repeats a
// press's packets as it lasts and sends its end three times (§2.5.1.4); all of them share the
// RTP timestamp of the press's start (§2.5.1.2), so the press is (timestamp, event). The digit
// is reported on its first packet, whichever arrives first, including a lone end packet.
class TelephoneEventReceiver
{
public:
    std::optional<char> receive(quint32 rtpTimestamp, const TelephoneEvent &event);

private:
    std::optional<std::pair<quint32, quint8>> m_lastPress;
};

} // namespace parla::media
