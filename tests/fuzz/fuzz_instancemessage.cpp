// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SingleInstance::parseMessage (what another launch of parla sends on the
// session's local socket) on arbitrary bytes. A rejection must give a reason; an accepted
// message is "show" or a call to a bounded sip:, sips: or tel: address without spaces.
#include "singleinstance.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using parla::desktop::SingleInstance;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto address = SingleInstance::parseMessage(bytes, &error);
    if (!address) {
        if (error.isEmpty()) {
            std::fprintf(stderr, "fuzz_instancemessage: rejected without a reason\n");
            std::abort();
        }
        return 0;
    }
    if (bytes.size() > SingleInstance::MaxMessageBytes || address->contains(QLatin1Char(' '))
        || address->contains(QLatin1Char('\n'))) {
        std::fprintf(stderr, "fuzz_instancemessage: accepted what it must refuse\n");
        std::abort();
    }
    // What a launch sends must parse back to the same address.
    QString again;
    if (SingleInstance::parseMessage(SingleInstance::message(*address), &again) != address) {
        std::fprintf(stderr, "fuzz_instancemessage: message() and parseMessage() disagree\n");
        std::abort();
    }
    return 0;
}
