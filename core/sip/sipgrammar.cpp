#include "sipgrammar.h"

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

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("-.!%*_+`'~").contains(c);
}

} // namespace

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
