// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiocodecs.h"

namespace parla::media::codecs {

QList<RtpMap> preferredCodecs()
{
    // RFC 3551 Table 4: PCMU is 0 and PCMA 8, static.
    return { { OpusPayloadType, "opus", OpusClockRate, OpusSdpChannels }, { 0, "PCMU", G711ClockRate, 1 },
        { 8, "PCMA", G711ClockRate, 1 } };
}

bool isOpus(const RtpMap &format)
{
    return format.encodingName.compare("opus", Qt::CaseInsensitive) == 0 && format.clockRate == OpusClockRate
        && format.channels == OpusSdpChannels;
}

bool isSupported(const RtpMap &format)
{
    if (isOpus(format))
        return true;
    const bool g711 = format.encodingName.compare("PCMU", Qt::CaseInsensitive) == 0
        || format.encodingName.compare("PCMA", Qt::CaseInsensitive) == 0;
    return g711 && format.clockRate == G711ClockRate && format.channels == 1;
}

bool isTelephoneEvent(const RtpMap &format)
{
    return format.encodingName.compare("telephone-event", Qt::CaseInsensitive) == 0
        && (format.clockRate == G711ClockRate || format.clockRate == OpusClockRate);
}

} // namespace parla::media::codecs
