// SPDX-License-Identifier: GPL-3.0-or-later
#include "srtpsession.h"

#include "logging.h"

#include <QRandomGenerator>

#include <srtp2/srtp.h>

#include <array>

namespace parla::media {

namespace {

// srtp_init() once per process; a function-local static is initialised once even when calls
// on several threads race to it.
bool libraryReady()
{
    static const bool ready = [] {
        const srtp_err_status_t status = srtp_init();
        if (status != srtp_err_status_ok)
            qCWarning(lcMedia) << "libsrtp2 failed to initialise:" << int(status);
        return status == srtp_err_status_ok;
    }();
    return ready;
}

} // namespace

void SrtpSession::Deleter::operator()(srtp_ctx_t_ *context) const
{
    srtp_dealloc(context);
}

bool SrtpSession::isSupportedSuite(QByteArrayView suite)
{
    return suite == Suite80 || suite == Suite32;
}

QByteArray SrtpSession::randomKey()
{
    std::array<quint32, (KeyBytes + 3) / 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray key(reinterpret_cast<const char *>(words.data()), KeyBytes);
    words.fill(0);
    return key;
}

SrtpSession::SrtpSession()
{
    libraryReady();
}

SrtpSession::~SrtpSession() = default;

bool SrtpSession::setKeys(const SrtpKeys &keys)
{
    m_error.clear();
    const bool sending = rekey(m_send, keys.suite, keys.localKey, true);
    const bool receiving = rekey(m_receive, keys.suite, keys.remoteKey, false);
    return sending && receiving;
}

bool SrtpSession::rekey(Half &half, const QByteArray &suite, const QByteArray &key, bool outbound)
{
    if (half.context && half.suite == suite && half.key == key)
        return true;
    half = {};
    if (!libraryReady()) {
        m_error = QStringLiteral("libsrtp2 did not initialise");
        return false;
    }
    if (!isSupportedSuite(suite)) {
        m_error = QStringLiteral("unsupported SRTP suite %1").arg(QString::fromLatin1(suite.left(40)));
        return false;
    }
    if (key.size() != KeyBytes) {
        m_error = QStringLiteral("an SRTP master key and salt are %1 bytes, not %2").arg(KeyBytes).arg(key.size());
        return false;
    }
    srtp_policy_t policy {};
    if (suite == Suite32)
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
    else
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp); // RFC 4568 §6.2: SRTCP keeps 80
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    // libsrtp reads the key through a non-const pointer but does not change it.
    QByteArray copy = key;
    policy.key = reinterpret_cast<unsigned char *>(copy.data());
    policy.window_size = 128; // RFC 3711 §3.3.2's minimum is 64; libsrtp's default
    srtp_t context = nullptr;
    const srtp_err_status_t status = srtp_create(&context, &policy);
    copy.fill('\0');
    if (status != srtp_err_status_ok) {
        m_error = QStringLiteral("libsrtp2 refused the key (status %1)").arg(int(status));
        return false;
    }
    half = { Context(context), suite, key };
    return true;
}

bool SrtpSession::fail(int status, const char *what)
{
    switch (status) {
    case srtp_err_status_auth_fail:
        ++m_counters.authenticationFailed;
        m_lastFailure
            = QStringLiteral("%1: authentication failed (wrong key or altered packet)").arg(QLatin1String(what));
        break;
    case srtp_err_status_replay_fail:
    case srtp_err_status_replay_old:
        ++m_counters.replayed;
        m_lastFailure = QStringLiteral("%1: replayed or too old").arg(QLatin1String(what));
        break;
    default:
        ++m_counters.otherFailures;
        m_lastFailure = QStringLiteral("%1: libsrtp2 status %2").arg(QLatin1String(what)).arg(status);
        break;
    }
    return false;
}

namespace {

using Transform = srtp_err_status_t (*)(srtp_t, void *, int *);

// Runs one libsrtp transform on `packet` in place, with room for the longest trailer.
srtp_err_status_t transform(Transform function, srtp_t context, QByteArray &packet, bool grows)
{
    if (!context)
        return srtp_err_status_no_ctx;
    int length = int(packet.size());
    if (grows)
        packet.resize(packet.size() + SRTP_MAX_TRAILER_LEN);
    const srtp_err_status_t status = function(context, packet.data(), &length);
    packet.resize(status == srtp_err_status_ok ? length : packet.size() - (grows ? SRTP_MAX_TRAILER_LEN : 0));
    return status;
}

// Shorter than a header: refused before libsrtp reads it.
constexpr int MinimumRtpBytes = 12;
constexpr int MinimumRtcpBytes = 8;

} // namespace

bool SrtpSession::protectRtp(QByteArray &packet)
{
    if (packet.size() < MinimumRtpBytes)
        return fail(srtp_err_status_bad_param, "RTP to protect");
    const auto status = transform(srtp_protect, m_send.context.get(), packet, true);
    return status == srtp_err_status_ok || fail(status, "RTP to protect");
}

bool SrtpSession::protectRtcp(QByteArray &packet)
{
    if (packet.size() < MinimumRtcpBytes)
        return fail(srtp_err_status_bad_param, "RTCP to protect");
    const auto status = transform(srtp_protect_rtcp, m_send.context.get(), packet, true);
    return status == srtp_err_status_ok || fail(status, "RTCP to protect");
}

bool SrtpSession::unprotectRtp(QByteArray &packet)
{
    if (packet.size() < MinimumRtpBytes)
        return fail(srtp_err_status_bad_param, "SRTP");
    const auto status = transform(srtp_unprotect, m_receive.context.get(), packet, false);
    return status == srtp_err_status_ok || fail(status, "SRTP");
}

bool SrtpSession::unprotectRtcp(QByteArray &packet)
{
    if (packet.size() < MinimumRtcpBytes)
        return fail(srtp_err_status_bad_param, "SRTCP");
    const auto status = transform(srtp_unprotect_rtcp, m_receive.context.get(), packet, false);
    return status == srtp_err_status_ok || fail(status, "SRTCP");
}

} // namespace parla::media
