// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SessionDescription::parse on arbitrary bytes. A rejection must give a
// reason; an accepted description must write out to bytes that read back as the same value,
// and answering it as an offer (over ws:// and over wss://, where a=crypto is read) must not crash.
#include "media/offeranswer.h"
#include "media/sessiondescription.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace parla::media;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &first, const QByteArray &second)
{
    std::fprintf(
        stderr, "fuzz_sdp: %s\n--- first ---\n%s\n--- second ---\n%s\n", what, first.constData(), second.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = SessionDescription::parse(bytes);
    if (const auto *error = std::get_if<ParseError>(&result)) {
        if (error->reason.isEmpty() || error->lineNumber < 0 || error->toString().isEmpty())
            fail("rejected without a reason", bytes, {});
        return 0;
    }
    const auto &description = std::get<SessionDescription>(result);
    if (description.media.size() > 16)
        fail("more than 16 m= lines accepted", bytes, {});
    for (qsizetype i = 0; i < description.media.size(); ++i) {
        (void)description.direction(i);
        (void)description.connectionOf(i);
        for (int payloadType : description.media[i].payloadTypes()) {
            (void)description.media[i].rtpMap(payloadType);
            (void)description.media[i].fmtp(payloadType);
        }
        (void)description.media[i].ptime();
        const auto crypto = description.media[i].crypto();
        if (const auto *reason = std::get_if<QString>(&crypto); reason && reason->isEmpty())
            fail("a=crypto refused without a reason", bytes, {});
    }

    const QByteArray written = description.toBytes();
    auto again = SessionDescription::parse(written);
    if (const auto *error = std::get_if<ParseError>(&again))
        fail(qPrintable(QStringLiteral("written description does not parse: ") + error->toString()), bytes, written);
    if (std::get<SessionDescription>(again) != description)
        fail("written description reads differently", bytes, written);
    if (std::get<SessionDescription>(again).toBytes() != written)
        fail("writing is not stable", written, std::get<SessionDescription>(again).toBytes());

    OfferAnswer negotiation(QHostAddress(QHostAddress::LocalHost), 40000, 1);
    const auto answer = negotiation.answerOffer(description);
    if (const auto *answered = std::get_if<OfferAnswer::Answer>(&answer)) {
        if (answered->description.media.size() != description.media.size())
            fail("answer has another m= count", bytes, answered->description.toBytes());
        if (!std::holds_alternative<SessionDescription>(SessionDescription::parse(answered->description.toBytes())))
            fail("answer does not parse", bytes, answered->description.toBytes());
    } else if (std::get<NegotiationError>(answer).reason.isEmpty()) {
        fail("offer refused without a reason", bytes, {});
    }
    negotiation.createOffer();
    (void)negotiation.acceptAnswer(description);

    // Over wss://: SRTP offers and answers, with a=crypto read and written.
    OfferAnswer secure(QHostAddress(QHostAddress::LocalHost), 40000, 1);
    secure.setSignallingSecure(true);
    const auto secureAnswer = secure.answerOffer(description);
    if (const auto *answered = std::get_if<OfferAnswer::Answer>(&secureAnswer)) {
        if (!std::holds_alternative<SessionDescription>(SessionDescription::parse(answered->description.toBytes())))
            fail("secure answer does not parse", bytes, answered->description.toBytes());
        if (answered->media.isSecure() != description.media[answered->media.mediaIndex].isSecureRtp())
            fail("SRTP negotiated for a plain stream, or not for an SRTP one", bytes, answered->description.toBytes());
    } else if (std::get<NegotiationError>(secureAnswer).reason.isEmpty()) {
        fail("secure offer refused without a reason", bytes, {});
    }
    secure.createOffer();
    (void)secure.acceptAnswer(description);
    return 0;
}
