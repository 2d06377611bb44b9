// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SipMessage::parse on arbitrary bytes. A message that parses must
// serialise to bytes that parse again, into the same message, serialising the same way.
#include "sip/sipmessage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using parla::sip::ParseError;
using parla::sip::SipMessage;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &first, const QByteArray &second)
{
    std::fprintf(stderr, "fuzz_sipmessage: %s\n--- first ---\n%s\n--- second ---\n%s\n", what, first.constData(),
        second.constData());
    std::abort();
}

void check(bool condition, const char *what, const QByteArray &first, const QByteArray &second)
{
    if (!condition)
        fail(what, first, second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray wire(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = SipMessage::parse(wire);
    if (const auto *error = std::get_if<ParseError>(&result)) {
        if (error->reason.isEmpty() || error->line.size() > 200 || error->lineNumber < 0)
            fail("bad ParseError", wire, error->toString().toUtf8());
        return 0;
    }
    const SipMessage &message = std::get<SipMessage>(result);

    // Every accessor must cope with whatever was accepted.
    (void)message.method();
    (void)message.requestUri();
    (void)message.statusCode();
    (void)message.topViaBranch();
    (void)message.fromTag();
    (void)message.toTag();
    (void)message.expires();
    (void)message.headerValues("Contact");
    (void)message.header("X-Unknown");
    if (message.isRequest())
        (void)SipMessage::response(message, 200, "OK").toBytes();

    const QByteArray bytes = message.toBytes();
    auto again = SipMessage::parse(bytes);
    if (const auto *error = std::get_if<ParseError>(&again))
        fail(qPrintable(QStringLiteral("serialised message does not parse: ") + error->toString()), wire, bytes);
    const SipMessage &second = std::get<SipMessage>(again);
    check(second.isRequest() == message.isRequest(), "request/response changed", wire, bytes);
    check(second.method() == message.method(), "method changed", wire, bytes);
    check(second.statusCode() == message.statusCode(), "status changed", wire, bytes);
    check(second.callId() == message.callId(), "Call-ID changed", wire, bytes);
    check(second.cseqNumber() == message.cseqNumber(), "CSeq changed", wire, bytes);
    check(second.topViaBranch() == message.topViaBranch(), "branch changed", wire, bytes);
    check(second.body() == message.body(), "body changed", wire, bytes);
    check(second.toBytes() == bytes, "serialisation not stable", bytes, second.toBytes());

    // Copies are deep.
    SipMessage copy = second;
    copy.removeHeader("Via");
    check(second.hasHeader("Via"), "copy shares state", wire, bytes);
    return 0;
}
