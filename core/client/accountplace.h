// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QHostAddress>
#include <QUuid>

// Where an account lives on this machine: the facts every front end (parla, parla-cli) needs
// before it starts a client, kept here so both get the same answer.
namespace parla::client {

// One RFC 5626 instance id per account on this machine, kept in QSettings across runs
// (RFC 5626 §4.1), so the registrar replaces this device's binding instead of piling up
// stale ones.
QUuid storedInstanceId(const Session &session);

// The local address the route to the server leaves from: where RTP is bound and what the SDP
// says. A UDP "connect" sends nothing; it only asks the kernel for the route. Blocks for at
// most 2 s while a host name resolves.
QHostAddress localAddressToward(const QUrl &server);

} // namespace parla::client
