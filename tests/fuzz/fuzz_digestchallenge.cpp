// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: DigestChallenge::parse on arbitrary header values (the first byte picks
// WWW- or Proxy-Authenticate); an accepted challenge must yield a well-formed answer.
#include "sip/digestauth.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using parla::sip::DigestChallenge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool proxy = size > 0 && (data[0] & 1);
    QString error;
    const auto challenge = DigestChallenge::parse(value, proxy, &error);
    if (!challenge) {
        if (error.isEmpty()) {
            std::fprintf(stderr, "fuzz_digestchallenge: rejected without a reason\n");
            std::abort();
        }
        return 0;
    }
    if (challenge->nonce.isEmpty() || challenge->proxy != proxy) {
        std::fprintf(stderr, "fuzz_digestchallenge: accepted an unusable challenge\n");
        std::abort();
    }
    parla::sip::DigestSession session;
    session.setChallenge(*challenge);
    const QByteArray header = session.authorize({ "alice", "fuzz-password" }, "REGISTER", "sip:example.com");
    if (!header.startsWith("Digest username=\"alice\"") || header.contains("fuzz-password")) {
        std::fprintf(stderr, "fuzz_digestchallenge: bad answer %s\n", header.constData());
        std::abort();
    }
    return 0;
}
