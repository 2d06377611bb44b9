// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: NetlinkRouteTable::feed (the desktop's rtnetlink reachability) on arbitrary
// bytes. A rejection must give a reason; the table must stay usable after any input.
#include "netlinkroutetable.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using parla::desktop::NetlinkRouteTable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    NetlinkRouteTable table;
    const auto result = table.feed(bytes);
    if (!result.ok && result.error.isEmpty()) {
        std::fprintf(stderr, "fuzz_netlinkroutetable: rejected without a reason\n");
        std::abort();
    }
    if (table.linkCount() < 0 || table.defaultRouteCount() < 0)
        std::abort();
    // Fed again (as a second datagram of a dump), the same bytes must change nothing of size.
    const int routes = table.defaultRouteCount();
    (void)table.feed(bytes);
    if (result.ok && !result.done && table.defaultRouteCount() < routes) {
        std::fprintf(stderr, "fuzz_netlinkroutetable: the same routes again removed some\n");
        std::abort();
    }
    (void)table.isReachable();
    return 0;
}
