// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipgrammar.h"

#include <QList>

#include <algorithm>
#include <array>
#include <limits>

namespace parla::sip::detail {

namespace {

// RFC 3261 §7.3.3 compact forms and the later RFCs' ones (RFC 3265, 3515, 3841, 3892, 4028, 4474).
struct CompactForm
{
    char compact;
    const char *full;
};
constexpr std::array<CompactForm, 20> CompactForms { {
    { 'a', "Accept-Contact" },
    { 'b', "Referred-By" },
    { 'c', "Content-Type" },
    { 'd', "Request-Disposition" },
    { 'e', "Content-Encoding" },
    { 'f', "From" },
    { 'i', "Call-ID" },
    { 'j', "Reject-Contact" },
    { 'k', "Supported" },
    { 'l', "Content-Length" },
    { 'm', "Contact" },
    { 'n', "Identity-Info" },
    { 'o', "Event" },
    { 'r', "Refer-To" },
    { 's', "Subject" },
    { 't', "To" },
    { 'u', "Allow-Events" },
    { 'v', "Via" },
    { 'x', "Session-Expires" },
    { 'y', "Identity" },
} };

QList<QByteArrayView> split(QByteArrayView text, char separator)
{
    QList<QByteArrayView> parts;
    qsizetype from = 0;
    for (qsizetype at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
        parts.append(text.sliced(from, at - from));
        from = at + 1;
    }
    parts.append(text.sliced(from));
    return parts;
}

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAlphanum(char c)
{
    return isAlpha(c) || isDigit(c);
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum; a toplabel starts with ALPHA.
bool isDomainLabel(QByteArrayView label, bool top)
{
    if (label.isEmpty() || label.size() > 63 || !isAlphanum(label.front()) || !isAlphanum(label.back()))
        return false;
    if (top && !isAlpha(label.front()))
        return false;
    return std::all_of(label.begin(), label.end(), [](char c) { return isAlphanum(c) || c == '-'; });
}

// hostname = *( domainlabel "." ) toplabel [ "." ]
bool isHostname(QByteArrayView host)
{
    if (host.endsWith('.'))
        host.chop(1);
    if (host.isEmpty() || host.size() > 253)
        return false;
    const QList<QByteArrayView> labels = split(host, '.');
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (!isDomainLabel(labels.at(i), i == labels.size() - 1))
            return false;
    }
    return true;
}

// IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255.
bool isIpv4Address(QByteArrayView text)
{
    const QList<QByteArrayView> parts = split(text, '.');
    return parts.size() == 4 && std::all_of(parts.begin(), parts.end(), [](QByteArrayView part) {
        return part.size() <= 3 && isDigits(part) && part.toInt() <= 255;
    });
}

// IPv6address of RFC 3261 §25.1 (RFC 4291 §2.2): up to eight hex4 groups, one "::" standing
// for one or more zero groups, an IPv4address in place of the last two.
bool isIpv6Address(QByteArrayView text)
{
    const qsizetype gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0)
        return false;
    int groups = 0;
    auto countGroups = [&groups](QByteArrayView side, bool mayEndInIpv4) {
        if (side.isEmpty())
            return true;
        const QList<QByteArrayView> parts = split(side, ':');
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const QByteArrayView part = parts.at(i);
            if (mayEndInIpv4 && i == parts.size() - 1 && part.contains('.')) {
                if (!isIpv4Address(part))
                    return false;
                groups += 2;
            } else if (part.isEmpty() || part.size() > 4 || !std::all_of(part.begin(), part.end(), isHexDigit)) {
                return false;
            } else {
                ++groups;
            }
        }
        return true;
    };
    if (gap < 0)
        return countGroups(text, true) && groups == 8;
    return countGroups(text.first(gap), false) && countGroups(text.sliced(gap + 2), true) && groups < 8;
}

} // namespace

bool isTokenChar(char c)
{
    return isAlphanum(c) || QByteArrayView("-.!%*_+`'~").contains(c);
}

bool isControlChar(char c)
{
    return (uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f;
}

QByteArray quotedString(QByteArrayView value)
{
    QByteArray result;
    result.reserve(value.size() + 2);
    result.append('"');
    for (char c : value) {
        if (c == '"' || c == '\\')
            result.append('\\');
        result.append(c);
    }
    result.append('"');
    return result;
}

QByteArray displayNamePrefix(QByteArrayView displayName)
{
    return displayName.isEmpty() ? QByteArray() : quotedString(displayName) + ' ';
}

qsizetype invalidUserCharAt(QByteArrayView user)
{
    if (user.isEmpty())
        return 0;
    for (qsizetype i = 0; i < user.size(); ++i) {
        const char c = user.at(i);
        if (c == '%') {
            if (i + 2 >= user.size() || !isHexDigit(user.at(i + 1)) || !isHexDigit(user.at(i + 2)))
                return i;
            i += 2;
        } else if (!isAlphanum(c) && !QByteArrayView("-_.!~*'()&=+$,;?/").contains(c)) {
            // unreserved is alphanum / mark ("-_.!~*'()"); user-unreserved is "&=+$,;?/"
            return i;
        }
    }
    return -1;
}

bool isHost(QByteArrayView host)
{
    if (host.startsWith('[') && host.endsWith(']'))
        return host.size() > 2 && isIpv6Address(host.sliced(1, host.size() - 2));
    return isIpv4Address(host) || isHostname(host);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool isValidHeaderValue(const QByteArray &value)
{
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

QByteArray canonicalName(const QByteArray &name)
{
    const QByteArray trimmed = name.trimmed();
    if (trimmed.size() == 1) {
        const char c = QByteArray(trimmed).toLower().at(0);
        for (const CompactForm &form : CompactForms) {
            if (form.compact == c)
                return QByteArray(form.full);
        }
    }
    return trimmed;
}

std::optional<int> parseDeltaSeconds(QByteArrayView text)
{
    text = text.trimmed();
    if (!isDigits(text))
        return std::nullopt;
    if (text.size() > 10)
        return std::numeric_limits<int>::max();
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    // RFC 3261 §20.19: values above 2**32-1 are treated as 2**32-1; an int saturates earlier.
    return int(std::min<qulonglong>(value, qulonglong(std::numeric_limits<int>::max())));
}

} // namespace parla::sip::detail
