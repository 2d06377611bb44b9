// SPDX-License-Identifier: GPL-3.0-or-later
#include "digestauth.h"

#include "sipgrammar.h"

#include "randomtoken.h"

#include "logging.h"

#include <QCryptographicHash>

namespace parla::sip {

namespace {

// A challenge is a few hundred bytes; anything far larger is not one.
constexpr qsizetype MaxChallengeSize = 8 * 1024;
constexpr int CnonceBytes = 16;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The auth-param list of RFC 7235 §2.1 / RFC 3261 §25.1: name=token or name="quoted string",
// separated by commas, in any order and case. Quoted-pair escapes are undone.
class ParamReader
{
public:
    explicit ParamReader(QByteArrayView text)
        : m_text(text)
    {
    }

    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && detail::isTokenChar(m_text.at(m_pos)))
            ++m_pos;
        return m_text.sliced(start, m_pos - start).toByteArray();
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && isSpace(m_text.at(m_pos)))
            ++m_pos;
    }

    // Skips spaces and commas; false at the end.
    bool nextParam()
    {
        while (m_pos < m_text.size() && (isSpace(m_text.at(m_pos)) || m_text.at(m_pos) == ','))
            ++m_pos;
        return m_pos < m_text.size();
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text.at(m_pos); }
    void advance() { ++m_pos; }

    std::optional<QByteArray> value(QString *error)
    {
        if (atEnd()) {
            *error = QStringLiteral("a parameter has no value");
            return std::nullopt;
        }
        if (peek() != '"') {
            QByteArray plain;
            while (!atEnd() && peek() != ',' && !isSpace(peek())) {
                plain.append(peek());
                advance();
            }
            return plain;
        }
        advance();
        QByteArray quoted;
        while (!atEnd()) {
            const char c = peek();
            advance();
            if (c == '"')
                return quoted;
            if (c == '\\') {
                if (atEnd())
                    break;
                quoted.append(peek());
                advance();
                continue;
            }
            quoted.append(c);
        }
        *error = QStringLiteral("unterminated quoted string");
        return std::nullopt;
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

std::optional<DigestChallenge::Algorithm> algorithmFromName(const QByteArray &name)
{
    using Algorithm = DigestChallenge::Algorithm;
    if (name.compare("MD5", Qt::CaseInsensitive) == 0)
        return Algorithm::Md5;
    if (name.compare("MD5-sess", Qt::CaseInsensitive) == 0)
        return Algorithm::Md5Sess;
    if (name.compare("SHA-256", Qt::CaseInsensitive) == 0)
        return Algorithm::Sha256;
    if (name.compare("SHA-256-sess", Qt::CaseInsensitive) == 0)
        return Algorithm::Sha256Sess;
    return std::nullopt;
}

QByteArray algorithmName(DigestChallenge::Algorithm algorithm)
{
    switch (algorithm) {
    case DigestChallenge::Algorithm::Md5:
        return QByteArrayLiteral("MD5");
    case DigestChallenge::Algorithm::Md5Sess:
        return QByteArrayLiteral("MD5-sess");
    case DigestChallenge::Algorithm::Sha256:
        return QByteArrayLiteral("SHA-256");
    case DigestChallenge::Algorithm::Sha256Sess:
        return QByteArrayLiteral("SHA-256-sess");
    }
    return QByteArrayLiteral("MD5");
}

bool isSessionAlgorithm(DigestChallenge::Algorithm algorithm)
{
    return algorithm == DigestChallenge::Algorithm::Md5Sess || algorithm == DigestChallenge::Algorithm::Sha256Sess;
}

QByteArray hashHex(DigestChallenge::Algorithm algorithm, const QByteArray &data)
{
    const bool sha256
        = algorithm == DigestChallenge::Algorithm::Sha256 || algorithm == DigestChallenge::Algorithm::Sha256Sess;
    return QCryptographicHash::hash(data, sha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Md5).toHex();
}

// RFC 7616 §3.4.2: nc is exactly 8 lower-case hex digits.
QByteArray nonceCountHex(quint32 nonceCount)
{
    return QByteArray::number(nonceCount, 16).rightJustified(8, '0');
}

} // namespace

std::optional<DigestChallenge> DigestChallenge::parse(const QByteArray &headerValue, bool proxy, QString *error)
{
    QString localError;
    if (!error)
        error = &localError;
    if (headerValue.size() > MaxChallengeSize) {
        *error = QStringLiteral("challenge too long (%1 bytes)").arg(headerValue.size());
        return std::nullopt;
    }

    ParamReader reader(headerValue);
    reader.skipSpace();
    const QByteArray scheme = reader.token();
    if (scheme.isEmpty()) {
        *error = QStringLiteral("no authentication scheme");
        return std::nullopt;
    }
    if (scheme.compare("Digest", Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("unsupported authentication scheme \"%1\"").arg(QString::fromUtf8(scheme));
        return std::nullopt;
    }
    if (!reader.atEnd() && !isSpace(reader.peek())) {
        *error = QStringLiteral("malformed authentication scheme");
        return std::nullopt;
    }

    DigestChallenge challenge;
    challenge.proxy = proxy;
    bool haveRealm = false;
    bool haveNonce = false;
    std::optional<QByteArray> qop;
    while (reader.nextParam()) {
        const QByteArray name = reader.token().toLower();
        if (name.isEmpty()) {
            *error = QStringLiteral("malformed parameter list");
            return std::nullopt;
        }
        reader.skipSpace();
        if (reader.atEnd() || reader.peek() != '=') {
            *error = QStringLiteral("parameter \"%1\" has no value").arg(QString::fromLatin1(name));
            return std::nullopt;
        }
        reader.advance();
        reader.skipSpace();
        const std::optional<QByteArray> value = reader.value(error);
        if (!value)
            return std::nullopt;
        if (!reader.atEnd() && reader.peek() != ',' && !isSpace(reader.peek())) {
            *error = QStringLiteral("garbage after the value of \"%1\"").arg(QString::fromLatin1(name));
            return std::nullopt;
        }

        if (name == "realm") {
            challenge.realm = *value;
            haveRealm = true;
        } else if (name == "nonce") {
            challenge.nonce = *value;
            haveNonce = true;
        } else if (name == "opaque") {
            challenge.opaque = *value;
        } else if (name == "algorithm") {
            const auto algorithm = algorithmFromName(*value);
            if (!algorithm) {
                *error = QStringLiteral("unsupported digest algorithm \"%1\"").arg(QString::fromUtf8(*value));
                return std::nullopt;
            }
            challenge.algorithm = *algorithm;
        } else if (name == "qop") {
            qop = *value;
        } else if (name == "stale") {
            challenge.stale = value->compare("true", Qt::CaseInsensitive) == 0;
        }
        // domain, charset and userhash need nothing from us: the realm's credentials are UTF-8 already.
    }

    if (!haveRealm) {
        *error = QStringLiteral("digest challenge without a realm");
        return std::nullopt;
    }
    if (!haveNonce || challenge.nonce.isEmpty()) {
        *error = QStringLiteral("digest challenge without a nonce");
        return std::nullopt;
    }
    if (qop) {
        const QList<QByteArray> offered = qop->split(',');
        for (const QByteArray &option : offered) {
            if (option.trimmed().compare("auth", Qt::CaseInsensitive) == 0)
                challenge.qopAuth = true;
        }
        if (!challenge.qopAuth) {
            *error
                = QStringLiteral("no usable qop offered (\"%1\"; only auth is supported)").arg(QString::fromUtf8(*qop));
            return std::nullopt;
        }
    }
    return challenge;
}

QByteArray digestResponse(
    const DigestChallenge &challenge, const DigestCredentials &credentials, const DigestRequest &request)
{
    const auto algorithm = challenge.algorithm;
    // RFC 7616 §3.4.2: A1 = username:realm:password, and for -sess H(A1):nonce:cnonce.
    QByteArray ha1 = hashHex(algorithm, credentials.username + ':' + challenge.realm + ':' + credentials.password);
    if (isSessionAlgorithm(algorithm))
        ha1 = hashHex(algorithm, ha1 + ':' + challenge.nonce + ':' + request.cnonce);
    // §3.4.3: A2 = Method:request-uri for qop=auth (and without qop).
    const QByteArray ha2 = hashHex(algorithm, request.method + ':' + request.uri);
    if (challenge.qopAuth) {
        return hashHex(algorithm,
            ha1 + ':' + challenge.nonce + ':' + nonceCountHex(request.nonceCount) + ':' + request.cnonce
                + ":auth:" + ha2);
    }
    // RFC 2069 compatibility: no qop, no nc, no cnonce in the response.
    return hashHex(algorithm, ha1 + ':' + challenge.nonce + ':' + ha2);
}

QByteArray digestAuthorization(
    const DigestChallenge &challenge, const DigestCredentials &credentials, const DigestRequest &request)
{
    DigestRequest effective = request;
    const bool needCnonce = challenge.qopAuth || isSessionAlgorithm(challenge.algorithm);
    if (needCnonce && effective.cnonce.isEmpty())
        effective.cnonce = randomToken(CnonceBytes);

    // Kamailio's auth module wants these quoted and algorithm, qop and nc as bare tokens.
    QByteArray value = QByteArrayLiteral("Digest username=") + detail::quotedString(credentials.username);
    value += ", realm=" + detail::quotedString(challenge.realm);
    value += ", nonce=" + detail::quotedString(challenge.nonce);
    value += ", uri=" + detail::quotedString(effective.uri);
    value += ", response=" + detail::quotedString(digestResponse(challenge, credentials, effective));
    value += ", algorithm=" + algorithmName(challenge.algorithm);
    if (needCnonce)
        value += ", cnonce=" + detail::quotedString(effective.cnonce);
    if (challenge.qopAuth)
        value += ", qop=auth, nc=" + nonceCountHex(effective.nonceCount);
    if (!challenge.opaque.isEmpty())
        value += ", opaque=" + detail::quotedString(challenge.opaque);
    return value;
}

void DigestSession::setChallenge(const DigestChallenge &challenge)
{
    if (!m_challenge || m_challenge->nonce != challenge.nonce || m_challenge->realm != challenge.realm)
        m_nonceCount = 0;
    m_challenge = challenge;
}

QByteArray DigestSession::headerName() const
{
    return m_challenge && m_challenge->proxy ? QByteArrayLiteral("Proxy-Authorization")
                                             : QByteArrayLiteral("Authorization");
}

QByteArray DigestSession::authorize(
    const DigestCredentials &credentials, const QByteArray &method, const QByteArray &uri)
{
    if (!m_challenge) {
        qCWarning(lcSip).noquote() << "authorize() called without a challenge";
        return {};
    }
    ++m_nonceCount;
    DigestRequest request;
    request.method = method;
    request.uri = uri;
    request.nonceCount = m_nonceCount;
    request.cnonce = randomToken(CnonceBytes);
    return digestAuthorization(*m_challenge, credentials, request);
}

} // namespace parla::sip
