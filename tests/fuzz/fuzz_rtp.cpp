// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: RtpPacket::parse and TelephoneEvent::parse on arbitrary bytes. A rejection
// must give a reason; an accepted packet must write out to bytes that read back the same. The
// payload also goes to Opus as the stream hands it over: the FEC check (a TOC and LBRR flag read
// from the peer's bytes), FEC recovery and plain decoding.
#include "media/opusaudiodecoder.h"
#include "media/rtppacket.h"
#include "media/telephoneevent.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace parla::media;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto result = RtpPacket::parse(bytes);
    if (const auto *error = std::get_if<ParseError>(&result)) {
        if (error->reason.isEmpty()) {
            std::fprintf(stderr, "fuzz_rtp: rejected without a reason\n");
            std::abort();
        }
        return 0;
    }
    const auto &packet = std::get<RtpPacket>(result);
    const QByteArray written = packet.toBytes();
    // Only the padding's filler may differ; its length and count octet do not.
    if (written.size() != bytes.size()) {
        std::fprintf(
            stderr, "fuzz_rtp: %lld bytes written for %lld read\n", qlonglong(written.size()), qlonglong(bytes.size()));
        std::abort();
    }
    auto again = RtpPacket::parse(written);
    if (!std::holds_alternative<RtpPacket>(again) || std::get<RtpPacket>(again) != packet) {
        std::fprintf(stderr, "fuzz_rtp: written packet reads differently\n");
        std::abort();
    }
    TelephoneEventReceiver receiver;
    auto event = TelephoneEvent::parse(packet.payload);
    if (const auto *parsed = std::get_if<TelephoneEvent>(&event))
        (void)receiver.receive(packet.timestamp, *parsed);
    static OpusAudioDecoder decoder; // state carried across inputs, as across a call's packets
    std::vector<std::int16_t> samples;
    if (OpusAudioDecoder::carriesFec(packet.payload))
        (void)decoder.recover(packet.payload, samples);
    (void)decoder.decode(packet.payload, samples);
    if (samples.size() > std::size_t(2 * OpusAudioDecoder::MaxFrameSamples)) {
        std::fprintf(stderr, "fuzz_rtp: %zu samples decoded from one packet\n", samples.size());
        std::abort();
    }
    return 0;
}
