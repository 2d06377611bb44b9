// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "negotiatedmedia.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>

struct srtp_ctx_t_;

namespace parla::media {

// SRTP and SRTCP (RFC 3711) for one call, from libsrtp2: protects what this side sends with
// its own key and unprotects what the peer sends with the peer's (SDES, RFC 4568). Suites:
// AES_CM_128_HMAC_SHA1_80 (offered) and AES_CM_128_HMAC_SHA1_32 (accepted; its short tag is
// for SRTP only, SRTCP keeps 80 bits, RFC 4568 §6.2).
//
// Sending and receiving are two libsrtp sessions, so a peer that re-keys in a re-INVITE
// restarts only the receiving one: restarting ours with the same key would start its rollover
// counter over and could reuse keystream. Packets that fail (forged or damaged tag, replayed,
// too old) are counted and dropped with a reason; nothing here logs a key.
//
// Not thread-safe: one per stream, used on the media thread.
class SrtpSession
{
public:
    static constexpr qsizetype KeyBytes = 30; // 128-bit master key || 112-bit master salt
    static constexpr QByteArrayView Suite80 = "AES_CM_128_HMAC_SHA1_80";
    static constexpr QByteArrayView Suite32 = "AES_CM_128_HMAC_SHA1_32";

    struct Counters
    {
        std::uint64_t authenticationFailed = 0; // wrong key, forged or damaged packet
        std::uint64_t replayed = 0; // seen already, or older than the replay window
        std::uint64_t otherFailures = 0; // too short to be SRTP, not keyed, ...
    };

    static bool isSupportedSuite(QByteArrayView suite);
    // A fresh master key and salt from the system's CSPRNG.
    static QByteArray randomKey();

    SrtpSession();
    ~SrtpSession();
    SrtpSession(const SrtpSession &) = delete;
    SrtpSession &operator=(const SrtpSession &) = delete;

    // Keys both directions; a direction whose suite and key are unchanged keeps its state.
    // False (and errorString()) when the suite is unknown, a key is not KeyBytes long or
    // libsrtp refuses; the directions that failed then pass nothing.
    bool setKeys(const SrtpKeys &keys);
    QString errorString() const { return m_error; }

    // In place. False when the packet must be dropped: counted, with lastFailure() saying why.
    bool protectRtp(QByteArray &packet);
    bool protectRtcp(QByteArray &packet);
    bool unprotectRtp(QByteArray &packet);
    bool unprotectRtcp(QByteArray &packet);

    Counters counters() const { return m_counters; }
    QString lastFailure() const { return m_lastFailure; }

private:
    struct Deleter
    {
        void operator()(srtp_ctx_t_ *context) const;
    };
    using Context = std::unique_ptr<srtp_ctx_t_, Deleter>;
    struct Half
    {
        Context context;
        QByteArray suite;
        QByteArray key;
    };

    bool rekey(Half &half, const QByteArray &suite, const QByteArray &key, bool outbound);
    bool fail(int status, const char *what);

    Half m_send;
    Half m_receive;
    Counters m_counters;
    QString m_error;
    QString m_lastFailure;
};

} // namespace parla::media
