// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "sip/sipgrammar.h"
#include "transport/websocketflow.h"

#include <optional>

namespace parla::client {

namespace {

QString codePoint(QChar c)
{
    return QStringLiteral("U+") + QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

// The first character of `text` outside ASCII, if any.
std::optional<qsizetype> firstNonAscii(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).unicode() >= 0x80)
            return i;
    }
    return std::nullopt;
}

// RFC 3261 §25.1 user = 1*(unreserved / escaped / user-unreserved), ASCII only.
QString validateUser(const QString &user)
{
    if (user.isEmpty())
        return QStringLiteral("no user name given");
    if (const auto at = firstNonAscii(user)) {
        const QString character = user.mid(*at, user.at(*at).isHighSurrogate() ? 2 : 1);
        return QStringLiteral("the user name '%1' contains '%2' (%3), which is not ASCII: a SIP user name holds "
                              "other characters %-escaped (here %4)")
            .arg(user, character, codePoint(user.at(*at)), QString::fromLatin1(character.toUtf8().toPercentEncoding()));
    }
    const QByteArray ascii = user.toLatin1();
    const qsizetype at = sip::detail::invalidUserCharAt(ascii);
    if (at < 0)
        return {};
    const char c = ascii.at(at);
    if (c == '%')
        return QStringLiteral("the user name '%1' has a '%' at position %2 that is not followed by two hex digits "
                              "(an escape is %XX)")
            .arg(user, QString::number(at + 1));
    const QString shown = sip::detail::isControlChar(c) || c == '\t' ? codePoint(QLatin1Char(c))
                                                                     : QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("the user name '%1' contains %2 at position %3, which a SIP user name cannot hold "
                          "unescaped (letters, digits and -_.!~*'()&=+$,;?/ only)")
        .arg(user, shown, QString::number(at + 1));
}

// RFC 3261 §25.1 host = hostname / IPv4address / IPv6reference.
QString validateDomain(const Session &session)
{
    const QString value = session.effectiveDomain();
    const QString which = session.domain.isEmpty()
        ? QStringLiteral("the server's host '%1' (the SIP domain when none is given)").arg(value)
        : QStringLiteral("the SIP domain '%1'").arg(value);
    if (const auto at = firstNonAscii(value))
        return QStringLiteral("%1 contains '%2', which is not ASCII: give an internationalised domain in its "
                              "xn-- (punycode) form")
            .arg(which, value.at(*at));
    if (sip::detail::isHost(value.toLatin1()))
        return {};
    if (!value.startsWith(QLatin1Char('[')) && sip::detail::isHost(QByteArray('[' + value.toLatin1() + ']')))
        return QStringLiteral("%1 is an IPv6 address: a SIP URI needs it in brackets, as [%2]").arg(which, value);
    return QStringLiteral("%1 is not a host name or an IP address (dot-separated labels of letters, digits "
                          "and '-', the last starting with a letter)")
        .arg(which);
}

} // namespace

QString Session::effectiveDomain() const
{
    if (!domain.isEmpty())
        return domain;
    // QUrl gives an IPv6 literal without the brackets of wss://[::1]/; in a SIP URI (Request-URI,
    // From, To) it must be an RFC 3261 §25.1 IPv6reference, "[" IPv6address "]". Only an IP
    // literal holds a colon in QUrl's host.
    const QString host = server.host();
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

QString Session::validate() const
{
    if (const QString problem = transport::WebSocketFlow::validateUrl(server); !problem.isEmpty())
        return problem;
    if (const QString problem = validateUser(user); !problem.isEmpty())
        return problem;
    if (const QString problem = validateDomain(*this); !problem.isEmpty())
        return problem;
    for (const QChar c : displayName) {
        if (c.unicode() < 0x80 && sip::detail::isControlChar(char(c.unicode())))
            return QStringLiteral("the display name holds the control character %1, which a SIP header cannot")
                .arg(codePoint(c));
    }
    if (const QString problem = transport::WebSocketFlow::validateCaFile(caFile); !problem.isEmpty())
        return problem;
    if (registerExpires < 60)
        return QStringLiteral("a registration must last at least 60 s (asked for %1 s)").arg(registerExpires);
    return {};
}

} // namespace parla::client
