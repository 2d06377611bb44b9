// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <osipparser2/osip_parser.h>

// Glue between SipMessage and GNU oSIP: oSIP keeps some headers in typed structures of their
// own and the rest in a generic list, and takes or returns most strings in memory it owns.
// Internal to core/sip; nothing outside it includes oSIP.
namespace parla::sip::detail {

// oSIP's parser tables are global; this fills them once, whichever thread comes first.
void ensureParserInit();

// Takes ownership of a string oSIP allocated and frees it.
QByteArray fromOsip(char *text);

// A header oSIP parses into a structure of its own (Via, From, CSeq, the auth headers, ...).
struct TypedHeader;
// The typed header with that canonical name (case-insensitive), or nullptr for a generic one.
const TypedHeader *findTypedHeader(const QByteArray &canonical);
// A typed header's values as oSIP writes them; for a list-valued one from element `first` on.
QList<QByteArray> typedValues(osip_message_t *message, const TypedHeader &typed, int first = 0);

// Hands one header to oSIP's grammar, keeping the name as spelled. Returns oSIP's result code.
int osipAddHeader(osip_message_t *message, const QByteArray &name, const QByteArray &value);
// Whether oSIP takes that header, tried on a scratch message so a rejection leaves nothing behind.
bool osipAcceptsHeader(const QByteArray &name, const QByteArray &value);
// Adds a header read from the network; false when oSIP rejects it or would not write it back as
// it reads it, so that what Parla forwards or answers is what it read.
bool osipAddReceivedHeader(osip_message_t *message, const QByteArray &canonical, const QByteArray &value);
// Removes every header with that canonical name, typed or generic.
void removeOsipHeader(osip_message_t *message, const QByteArray &canonical);

// Sets the body (none when empty) and a Content-Length that matches it.
void osipSetBody(osip_message_t *message, const QByteArray &body);
// For osip_list_special_free() over a message's bodies.
void freeBody(void *body);

QByteArray uriToBytes(const osip_uri_t *uri);
// Whether oSIP writes the URI in a form that reads back the same (see osipAddReceivedHeader).
bool uriIsFixedPoint(const osip_uri_t *uri);

// A generic parameter's value (";tag=x"), empty when absent or valueless.
QByteArray genericParam(osip_list_t *params, const char *name);
bool hasGenericParam(osip_list_t *params, const char *name);

} // namespace parla::sip::detail
