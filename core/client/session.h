// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QUuid>

#include "transport/sendbudget.h"

#include <chrono>

namespace parla::client {

// Who signs in, where: everything start() needs. A value type, copied onto the engine thread.
struct Session
{
    QUrl server; // ws://host:port or wss://host:port
    QString user; // the user part of the address-of-record
    QString password;
    QString domain; // the SIP domain; empty means the server's host
    QString displayName;
    // RFC 5626 instance id. Keep it across runs (the CLI stores it) so that the registrar
    // replaces this device's binding instead of collecting stale ones.
    QUuid instanceId;
    int registerExpires = 600;
    // One CA file (PEM) trusted for wss:// on top of the system's CAs; empty for none.
    QString caFile;

    // The domain, else the server's host; an IPv6 host in brackets, as SIP URIs need it.
    QString effectiveDomain() const;
    QString addressOfRecord() const { return QStringLiteral("sip:%1@%2").arg(user, effectiveDomain()); }
    // Empty when usable; otherwise what is wrong, for a person.
    QString validate() const;
};

// How hard the client works to stay connected. Defaults are for a desktop user; tests shrink them.
struct ConnectionTuning
{
    // RFC 5626 §4.5 backoff. The RFC's base of 30 s protects servers from large fleets of phones
    // reconnecting at once; a desktop user watching "reconnecting in N s" expects seconds, and
    // every sign that the network is back already retries at once. So: 2 s doubling up to 2 min,
    // each wait drawn between half and all of it so that clients restarted together spread out.
    std::chrono::milliseconds backoffBase { 2000 };
    std::chrono::milliseconds backoffCap { 120000 };
    // A server never reached since start() is given this many tries before the client fails
    // (about 30 s with the defaults); one that was reached is retried without end.
    int maxStartAttempts = 5;
    std::chrono::milliseconds openTimeout { 10000 };
    std::chrono::milliseconds pingInterval { 25000 };
    std::chrono::milliseconds pongTimeout { 10000 };
    // Bound on the best-effort un-REGISTER of pause() and stop().
    std::chrono::milliseconds unregisterTimeout { 2000 };
    // Bound on any one REGISTER transaction (Timer F is 32 s; a user waits less).
    std::chrono::milliseconds registerTimeout { 10000 };
    // A flow that stays registered this long has proven itself and resets the backoff
    // (RFC 5626 §4.5). One lost sooner counts as one more failure, so a server that accepts
    // and drops at once gets growing waits, not a reconnect every few seconds. Longer than
    // the ping interval: the flow has carried at least one keepalive.
    std::chrono::milliseconds stableFlowTime { 30000 };
    // How often this server may be connected to and sent requests, whatever it answers.
    transport::SendBudget::Limits sendBudget;
};

} // namespace parla::client
