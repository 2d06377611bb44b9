// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace parla::sip {

// A WWW-Authenticate or Proxy-Authenticate challenge (RFC 3261 §22, RFC 7616, RFC 8760).
struct DigestChallenge
{
    enum class Algorithm { Md5, Md5Sess, Sha256, Sha256Sess };

    QByteArray realm;
    QByteArray nonce;
    QByteArray opaque;
    Algorithm algorithm = Algorithm::Md5;
    bool qopAuth = false; // the server offered qop=auth (auth-int is not supported)
    bool stale = false;
    bool proxy = false; // came in Proxy-Authenticate (answer with Proxy-Authorization)

    // Parses a header value such as `Digest realm="x", nonce="y", qop="auth"`.
    // Returns nullopt and sets *error for anything that is not a usable Digest challenge
    // (other scheme, missing realm or nonce, unknown algorithm, only qop=auth-int).
    static std::optional<DigestChallenge> parse(const QByteArray &headerValue, bool proxy, QString *error);
};

struct DigestCredentials
{
    QByteArray username;
    QByteArray password;
};

// The fields that make one answer to a challenge; `nc` and `cnonce` only matter with qop=auth.
struct DigestRequest
{
    QByteArray method;
    QByteArray uri;
    quint32 nonceCount = 1;
    QByteArray cnonce;
};

// The `response` value of RFC 7616 §3.4.1 (hex, lower case).
QByteArray digestResponse(
    const DigestChallenge &challenge, const DigestCredentials &credentials, const DigestRequest &request);

// The full Authorization / Proxy-Authorization header value:
// `Digest username="..", realm="..", nonce="..", uri="..", response="..", algorithm=.., [cnonce, qop=auth, nc],
// [opaque]`.
QByteArray digestAuthorization(
    const DigestChallenge &challenge, const DigestCredentials &credentials, const DigestRequest &request);

// Remembers the challenge of one realm and counts nonce uses, so that each request
// gets a fresh nc and cnonce (RFC 7616 §3.4).
class DigestSession
{
public:
    void setChallenge(const DigestChallenge &challenge); // a new nonce resets nc to 0
    bool hasChallenge() const { return m_challenge.has_value(); }
    const std::optional<DigestChallenge> &challenge() const { return m_challenge; }
    // Header name ("Authorization" or "Proxy-Authorization") and value for the next request.
    QByteArray headerName() const;
    QByteArray authorize(const DigestCredentials &credentials, const QByteArray &method, const QByteArray &uri);
    void clear()
    {
        m_challenge.reset();
        m_nonceCount = 0;
    }

private:
    std::optional<DigestChallenge> m_challenge;
    quint32 m_nonceCount = 0;
};

} // namespace parla::sip
