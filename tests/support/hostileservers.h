// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakesipserver.h"

#include <QList>

namespace parla::test {

// Servers that answer every REGISTER the hostile way, for the hostile-server test and the
// benchmark that counts what each gets out of Parla.
struct HostileServer
{
    const char *name;
    const char *what;
    FakeSipServer::Handler handler;
};

QList<HostileServer> hostileServers();
HostileServer hostileServer(const char *name);

} // namespace parla::test
