// SPDX-License-Identifier: GPL-3.0-or-later
#include "headerrules.h"

#include "sipgrammar.h"

namespace parla::sip {

namespace {

// RFC 3261 §8.1.1: mandatory and allowed once; Via, also mandatory, may repeat.
constexpr std::array<const char *, 4> SingleValued { "From", "To", "Call-ID", "CSeq" };
// RFC 3261 §8.1.1.5: the CSeq sequence number MUST be less than 2**31.
constexpr quint64 MaxCSeq = (quint64(1) << 31) - 1;

} // namespace

HeaderRules::HeaderRules(const StartLine &startLine)
    : m_startLine(startLine)
{
}

std::optional<ParseError> HeaderRules::check(const HeaderLine &header)
{
    if (auto error = checkSingleValued(header))
        return error;
    if (header.is("Via"))
        m_haveVia = true;
    if (header.is("CSeq")) {
        if (auto error = checkCSeq(header))
            return error;
    }
    if (header.is("Content-Length"))
        return checkContentLength(header);
    return std::nullopt;
}

std::optional<ParseError> HeaderRules::checkMandatoryPresent() const
{
    if (!m_haveVia)
        return parseError(QStringLiteral("missing Via header"));
    for (size_t i = 0; i < SingleValued.size(); ++i) {
        if (!m_seen[i])
            return parseError(QStringLiteral("missing %1 header").arg(QLatin1String(SingleValued[i])));
    }
    return std::nullopt;
}

std::optional<ParseError> HeaderRules::checkSingleValued(const HeaderLine &header)
{
    for (size_t i = 0; i < SingleValued.size(); ++i) {
        if (!header.is(SingleValued[i]))
            continue;
        if (m_seen[i])
            return header.error(QStringLiteral("duplicate %1 header").arg(QLatin1String(SingleValued[i])));
        m_seen[i] = &header;
    }
    return std::nullopt;
}

// RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method
std::optional<ParseError> HeaderRules::checkCSeq(const HeaderLine &header) const
{
    const QList<QByteArray> cseq = header.value.simplified().split(' ');
    if (cseq.size() != 2 || !detail::isDigits(cseq.at(0)) || !detail::isToken(cseq.at(1)))
        return header.error(QStringLiteral("malformed CSeq: expected a number and a method"));
    if (cseq.at(0).size() > 10 || cseq.at(0).toULongLong() > MaxCSeq)
        return header.error(QStringLiteral("CSeq number not below 2^31"));
    if (m_startLine.isRequest() && cseq.at(1) != m_startLine.method)
        return header.error(QStringLiteral("CSeq method \"%1\" does not match the request method \"%2\"")
                                .arg(QString::fromUtf8(cseq.at(1)), QString::fromUtf8(m_startLine.method)));
    return std::nullopt;
}

std::optional<ParseError> HeaderRules::checkContentLength(const HeaderLine &header)
{
    if (m_contentLength)
        return header.error(QStringLiteral("duplicate Content-Length header"));
    if (!detail::isDigits(header.value) || header.value.size() > 9)
        return header.error(QStringLiteral("invalid Content-Length \"%1\"").arg(QString::fromUtf8(header.value)));
    m_contentLength = &header;
    return std::nullopt;
}

} // namespace parla::sip
