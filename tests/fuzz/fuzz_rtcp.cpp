// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: RtcpCompound::parse on arbitrary bytes. A rejection must give a reason; an
// accepted compound packet made only of SR, RR, SDES and BYE must write out to bytes that
// read back as the same packets.
#include "media/rtcppacket.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace parla::media;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = RtcpCompound::parse(bytes);
    if (const auto *error = std::get_if<ParseError>(&result)) {
        if (error->reason.isEmpty()) {
            std::fprintf(stderr, "fuzz_rtcp: rejected without a reason\n");
            std::abort();
        }
        return 0;
    }
    const auto &compound = std::get<RtcpCompound>(result);
    const QByteArray written = compound.toBytes();
    if (written.isEmpty())
        return 0; // holds a packet type that is only skipped, or a CNAME too long to write
    auto again = RtcpCompound::parse(written);
    if (!std::holds_alternative<RtcpCompound>(again) || std::get<RtcpCompound>(again) != compound) {
        std::fprintf(stderr, "fuzz_rtcp: written compound reads differently\n");
        std::abort();
    }
    return 0;
}
