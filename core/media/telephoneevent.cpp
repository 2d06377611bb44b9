// SPDX-License-Identifier: GPL-3.0-or-later
#include "telephoneevent.h"

#include "bytereader.h"

#include <algorithm>
#include <string_view>

namespace parla::media {

using namespace detail;

namespace {

constexpr std::string_view DtmfDigits = "0123456789*#ABCD";

} // namespace

std::variant<TelephoneEvent, ParseError> TelephoneEvent::parse(const QByteArray &payload)
{
    if (payload.size() != PayloadBytes)
        return ParseError {
            QStringLiteral("a telephone-event payload is 4 bytes, not %1 (RFC 4733 §2.3)").arg(payload.size()), 0, {}
        };
    TelephoneEvent event;
    event.event = byteAt(payload, 0);
    const quint8 flags = byteAt(payload, 1);
    event.end = flags & 0x80;
    // The R bit (0x40) is reserved: a receiver ignores it.
    event.volume = flags & 0x3f;
    event.duration = read16(payload, 2);
    return event;
}

QByteArray TelephoneEvent::toBytes() const
{
    QByteArray bytes;
    bytes.append(char(event));
    bytes.append(char((end ? 0x80 : 0) | std::min<int>(volume, MaxVolume)));
    append16(&bytes, duration);
    return bytes;
}

std::optional<quint8> TelephoneEvent::eventForDigit(char digit)
{
    const char upper = (digit >= 'a' && digit <= 'd') ? char(digit - 'a' + 'A') : digit;
    const auto position = DtmfDigits.find(upper);
    if (digit == '\0' || position == std::string_view::npos)
        return std::nullopt;
    return quint8(position);
}

std::optional<char> TelephoneEvent::digitForEvent(quint8 event)
{
    if (event >= DtmfDigits.size())
        return std::nullopt;
    return DtmfDigits[event];
}

std::optional<char> TelephoneEventReceiver::receive(quint32 rtpTimestamp, const TelephoneEvent &event)
{
    const std::pair<quint32, quint8> press { rtpTimestamp, event.event };
    if (m_lastPress == press)
        return std::nullopt; // a repeat or one of the redundant end packets
    m_lastPress = press;
    return TelephoneEvent::digitForEvent(event.event);
}

} // namespace parla::media
