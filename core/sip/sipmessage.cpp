#include "sipmessage.h"

#include "logging.h"

#include <QRandomGenerator>

#include <osipparser2/osip_parser.h>

#include <algorithm>
#include <array>
#include <limits>
#include <mutex>

namespace parla::sip {

namespace {

// RFC 7118 does not bound a frame; 64 KiB is far above any SIP message a softphone sees
// and keeps a hostile peer from making the parser chew megabytes.
constexpr qsizetype MaxMessageSize = 64 * 1024;
// RFC 3261 §8.1.1.5: the CSeq sequence number MUST be less than 2**31.
constexpr quint64 MaxCSeq = (quint64(1) << 31) - 1;
constexpr qsizetype MaxQuotedLine = 200;

void ensureParserInit()
{
    static std::once_flag once;
    std::call_once(once, [] { parser_init(); });
}

QByteArray fromOsip(char *text)
{
    if (!text)
        return {};
    QByteArray result(text);
    osip_free(text);
    return result;
}

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

// The long form of a header name (compact forms expanded), spelled as the caller gave it.
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

bool isTokenChar(char c)
{
    // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("-.!%*_+`'~").contains(c);
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

// Typed headers: oSIP keeps these in structures of their own rather than in `headers`.
struct TypedHeader
{
    const char *name; // long form, as oSIP writes it
    osip_list_t *(*list)(osip_message_t *); // list-valued headers
    void *(*single)(const osip_message_t *); // single-valued headers
    void (*clearSingle)(osip_message_t *);
    int (*toStr)(const void *, char **);
    void (*freeElement)(void *);
};

#define PARLA_LIST_HEADER(hname, member, type, tostr, freefn)                                                          \
    TypedHeader                                                                                                        \
    {                                                                                                                  \
        hname, [](osip_message_t *m) { return &m->member; }, nullptr, nullptr,                                         \
            [](const void *e, char **d) { return tostr(static_cast<const type *>(e), d); },                            \
            [](void *e) { freefn(static_cast<type *>(e)); }                                                            \
    }
#define PARLA_SINGLE_HEADER(hname, member, type, tostr, freefn)                                                        \
    TypedHeader                                                                                                        \
    {                                                                                                                  \
        hname, nullptr, [](const osip_message_t *m) -> void * { return m->member; },                                   \
            [](osip_message_t *m) {                                                                                    \
                freefn(m->member);                                                                                     \
                m->member = nullptr;                                                                                   \
            },                                                                                                         \
            [](const void *e, char **d) { return tostr(static_cast<const type *>(e), d); },                            \
            [](void *e) { freefn(static_cast<type *>(e)); }                                                            \
    }

const std::array<TypedHeader, 25> &typedHeaders()
{
    static const std::array<TypedHeader, 25> table { {
        PARLA_LIST_HEADER("Via", vias, osip_via_t, osip_via_to_str, osip_via_free),
        PARLA_SINGLE_HEADER("From", from, osip_from_t, osip_from_to_str, osip_from_free),
        PARLA_SINGLE_HEADER("To", to, osip_to_t, osip_from_to_str, osip_from_free),
        PARLA_SINGLE_HEADER("Call-ID", call_id, osip_call_id_t, osip_call_id_to_str, osip_call_id_free),
        PARLA_SINGLE_HEADER("CSeq", cseq, osip_cseq_t, osip_cseq_to_str, osip_cseq_free),
        PARLA_LIST_HEADER("Contact", contacts, osip_contact_t, osip_contact_to_str, osip_from_free),
        PARLA_LIST_HEADER("Route", routes, osip_route_t, osip_from_to_str, osip_from_free),
        PARLA_LIST_HEADER("Record-Route", record_routes, osip_record_route_t, osip_from_to_str, osip_from_free),
        PARLA_LIST_HEADER(
            "Authorization", authorizations, osip_authorization_t, osip_authorization_to_str, osip_authorization_free),
        PARLA_LIST_HEADER("Proxy-Authorization", proxy_authorizations, osip_proxy_authorization_t,
            osip_authorization_to_str, osip_authorization_free),
        PARLA_LIST_HEADER("WWW-Authenticate", www_authenticates, osip_www_authenticate_t, osip_www_authenticate_to_str,
            osip_www_authenticate_free),
        PARLA_LIST_HEADER("Proxy-Authenticate", proxy_authenticates, osip_proxy_authenticate_t,
            osip_www_authenticate_to_str, osip_www_authenticate_free),
        PARLA_LIST_HEADER("Authentication-Info", authentication_infos, osip_authentication_info_t,
            osip_authentication_info_to_str, osip_authentication_info_free),
        PARLA_LIST_HEADER("Proxy-Authentication-Info", proxy_authentication_infos, osip_proxy_authentication_info_t,
            osip_authentication_info_to_str, osip_authentication_info_free),
        PARLA_SINGLE_HEADER("Content-Length", content_length, osip_content_length_t, osip_content_length_to_str,
            osip_content_length_free),
        PARLA_SINGLE_HEADER(
            "Content-Type", content_type, osip_content_type_t, osip_content_type_to_str, osip_content_type_free),
        PARLA_SINGLE_HEADER(
            "Mime-Version", mime_version, osip_mime_version_t, osip_content_length_to_str, osip_content_length_free),
        PARLA_LIST_HEADER("Accept", accepts, osip_accept_t, osip_content_type_to_str, osip_content_type_free),
        PARLA_LIST_HEADER("Accept-Encoding", accept_encodings, osip_accept_encoding_t, osip_accept_encoding_to_str,
            osip_accept_encoding_free),
        PARLA_LIST_HEADER("Accept-Language", accept_languages, osip_accept_language_t, osip_accept_encoding_to_str,
            osip_accept_encoding_free),
        PARLA_LIST_HEADER("Alert-Info", alert_infos, osip_alert_info_t, osip_call_info_to_str, osip_call_info_free),
        PARLA_LIST_HEADER("Allow", allows, osip_allow_t, osip_content_length_to_str, osip_content_length_free),
        PARLA_LIST_HEADER("Call-Info", call_infos, osip_call_info_t, osip_call_info_to_str, osip_call_info_free),
        PARLA_LIST_HEADER("Content-Encoding", content_encodings, osip_content_encoding_t, osip_content_length_to_str,
            osip_content_length_free),
        PARLA_LIST_HEADER("Error-Info", error_infos, osip_error_info_t, osip_call_info_to_str, osip_call_info_free),
    } };
    return table;
}

#undef PARLA_LIST_HEADER
#undef PARLA_SINGLE_HEADER

const TypedHeader *findTypedHeader(const QByteArray &canonical)
{
    for (const TypedHeader &header : typedHeaders()) {
        if (header.name && canonical.compare(header.name, Qt::CaseInsensitive) == 0)
            return &header;
    }
    return nullptr;
}

QByteArray elementToBytes(const TypedHeader &header, const void *element)
{
    char *text = nullptr;
    if (header.toStr(element, &text) != OSIP_SUCCESS) {
        osip_free(text);
        return {};
    }
    return fromOsip(text);
}

// Hands one header to oSIP's grammar. oSIP lowercases the names of untyped headers;
// the name is put back as the caller spelled it so that toBytes() keeps it.
int osipAddHeader(osip_message_t *message, const QByteArray &name, const QByteArray &value)
{
    const int genericBefore = osip_list_size(&message->headers);
    QByteArray nameCopy = name;
    QByteArray valueCopy = value;
    const int result = osip_message_set_multiple_header(message, nameCopy.data(), valueCopy.data());
    const int genericAfter = osip_list_size(&message->headers);
    for (int i = genericBefore; i < genericAfter; ++i) {
        auto *header = static_cast<osip_header_t *>(osip_list_get(&message->headers, i));
        if (!header)
            continue;
        osip_free(header->hname);
        header->hname = osip_strdup(name.constData());
    }
    osip_message_force_update(message);
    return result;
}

// Checks a header value on a scratch message, so that a rejected value leaves nothing behind.
bool osipAcceptsHeader(const QByteArray &name, const QByteArray &value)
{
    osip_message_t *scratch = nullptr;
    if (osip_message_init(&scratch) != OSIP_SUCCESS)
        return false;
    const bool accepted = osipAddHeader(scratch, name, value) == OSIP_SUCCESS;
    osip_message_free(scratch);
    return accepted;
}

void removeOsipHeader(osip_message_t *message, const QByteArray &canonical)
{
    if (const TypedHeader *typed = findTypedHeader(canonical)) {
        if (typed->list)
            osip_list_special_free(typed->list(message), typed->freeElement);
        else
            typed->clearSingle(message);
    } else {
        for (int i = osip_list_size(&message->headers) - 1; i >= 0; --i) {
            auto *header = static_cast<osip_header_t *>(osip_list_get(&message->headers, i));
            if (header && header->hname && canonical.compare(header->hname, Qt::CaseInsensitive) == 0) {
                osip_list_remove(&message->headers, i);
                osip_header_free(header);
            }
        }
    }
    osip_message_force_update(message);
}

void freeBody(void *body)
{
    osip_body_free(static_cast<osip_body_t *>(body));
}

bool isValidHeaderValue(const QByteArray &value)
{
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

// oSIP accepts some garbage and writes it back differently ("To: a>" comes out as "<a>>", which
// reads back as "<a>"). Only values whose serialised form oSIP reads back to the same form are
// taken, so that what Parla forwards or answers is what it read.
bool isFixedPoint(osip_message_t *message, const TypedHeader &typed, int listSizeBefore)
{
    QList<QByteArray> added;
    if (typed.list) {
        osip_list_t *list = typed.list(message);
        for (int i = listSizeBefore; i < osip_list_size(list); ++i)
            added.append(elementToBytes(typed, osip_list_get(list, i)));
    } else if (const void *element = typed.single(message)) {
        added.append(elementToBytes(typed, element));
    }
    for (const QByteArray &first : std::as_const(added)) {
        if (first.isEmpty() || !isValidHeaderValue(first))
            return false;
        osip_message_t *scratch = nullptr;
        if (osip_message_init(&scratch) != OSIP_SUCCESS)
            return false;
        bool same = osipAddHeader(scratch, typed.name, first) == OSIP_SUCCESS;
        if (same && typed.list) {
            osip_list_t *list = typed.list(scratch);
            same = osip_list_size(list) == 1 && elementToBytes(typed, osip_list_get(list, 0)) == first;
        } else if (same) {
            const void *element = typed.single(scratch);
            same = element && elementToBytes(typed, element) == first;
        }
        osip_message_free(scratch);
        if (!same)
            return false;
    }
    return true;
}

QByteArray uriToBytes(const osip_uri_t *uri)
{
    char *text = nullptr;
    if (osip_uri_to_str(uri, &text) != OSIP_SUCCESS) {
        osip_free(text);
        return {};
    }
    return fromOsip(text);
}

bool uriIsFixedPoint(const osip_uri_t *uri)
{
    const QByteArray first = uriToBytes(uri);
    if (first.isEmpty() || first.contains(' ') || first.contains('\t') || !isValidHeaderValue(first))
        return false;
    osip_uri_t *again = nullptr;
    osip_uri_init(&again);
    const bool same = osip_uri_parse(again, first.constData()) == OSIP_SUCCESS && uriToBytes(again) == first;
    osip_uri_free(again);
    return same;
}

QByteArray genericParam(osip_list_t *params, const char *name)
{
    QByteArray nameCopy(name);
    osip_generic_param_t *param = nullptr;
    if (osip_generic_param_get_byname(params, nameCopy.data(), &param) != OSIP_SUCCESS || !param || !param->gvalue)
        return {};
    return QByteArray(param->gvalue);
}

bool hasGenericParam(osip_list_t *params, const char *name)
{
    QByteArray nameCopy(name);
    osip_generic_param_t *param = nullptr;
    return osip_generic_param_get_byname(params, nameCopy.data(), &param) == OSIP_SUCCESS && param;
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

// ---------------------------------------------------------------------------------------------
// Framing: what is checked before and around oSIP.

struct HeaderLine
{
    QByteArray name; // canonical (compact forms expanded), as received otherwise
    QByteArray value; // folded lines joined with one space, outer whitespace trimmed
    QByteArray line; // the first physical line as received
    int lineNumber = 0;
};

class Framer
{
public:
    explicit Framer(const QByteArray &wire)
        : m_wire(wire)
    {
    }

    // The next physical line without its CR LF; false at the end of input or when the line has no LF.
    bool nextLine(QByteArray *line, bool *terminated)
    {
        if (m_pos >= m_wire.size())
            return false;
        const qsizetype lf = m_wire.indexOf('\n', m_pos);
        ++m_lineNumber;
        if (lf < 0) {
            *line = m_wire.mid(m_pos);
            *terminated = false;
            m_pos = m_wire.size();
        } else {
            qsizetype end = lf;
            if (end > m_pos && m_wire.at(end - 1) == '\r')
                --end;
            *line = m_wire.mid(m_pos, end - m_pos);
            *terminated = true;
            m_pos = lf + 1;
        }
        return true;
    }

    int lineNumber() const { return m_lineNumber; }
    QByteArray rest() const { return m_wire.mid(m_pos); }

private:
    const QByteArray &m_wire;
    qsizetype m_pos = 0;
    int m_lineNumber = 0;
};

ParseError makeError(const QString &reason, int lineNumber = 0, const QByteArray &line = {})
{
    return ParseError { reason, lineNumber, line.left(MaxQuotedLine) };
}

// NUL and control characters (other than HT) have no place in a start line or header.
std::optional<QString> checkCharacters(const QByteArray &line)
{
    for (char c : line) {
        if (c == '\0')
            return QStringLiteral("NUL byte in header section");
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
            return QStringLiteral("control character 0x%1 in header section")
                .arg(uint(uchar(c)), 2, 16, QLatin1Char('0'));
    }
    return std::nullopt;
}

bool isSipVersion(QByteArrayView text)
{
    return text.compare("SIP/2.0", Qt::CaseInsensitive) == 0;
}

// "SIP/x.y" in any other version is an unsupported version rather than a malformed line.
bool looksLikeSipVersion(QByteArrayView text)
{
    if (text.size() < 7 || text.first(4).compare("SIP/", Qt::CaseInsensitive) != 0)
        return false;
    const QByteArrayView numbers = text.sliced(4);
    const qsizetype dot = numbers.indexOf('.');
    return dot > 0 && isDigits(numbers.first(dot)) && isDigits(numbers.sliced(dot + 1));
}

} // namespace

QString ParseError::toString() const
{
    QString text = reason;
    if (lineNumber > 0)
        text = QStringLiteral("line %1: %2").arg(lineNumber).arg(reason);
    if (!line.isEmpty()) {
        // Control bytes are shown escaped so that the text is safe to log or display.
        QByteArray shown;
        for (char c : line) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
                shown += "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                shown += c;
        }
        text += QStringLiteral(" (\"%1\")").arg(QString::fromUtf8(shown));
    }
    return text;
}

void SipMessage::Deleter::operator()(osip_message *message) const
{
    osip_message_free(message);
}

SipMessage::SipMessage(osip_message *message)
    : m_message(message)
{
}

SipMessage::SipMessage(const SipMessage &other)
{
    *this = other;
}

SipMessage &SipMessage::operator=(const SipMessage &other)
{
    if (this == &other)
        return *this;
    osip_message_t *copy = nullptr;
    if (other.m_message && osip_message_clone(other.m_message.get(), &copy) != OSIP_SUCCESS) {
        qCWarning(lcSip).noquote() << "oSIP could not copy a message";
        copy = nullptr;
    }
    m_message.reset(copy);
    return *this;
}

SipMessage::SipMessage(SipMessage &&) noexcept = default;
SipMessage &SipMessage::operator=(SipMessage &&) noexcept = default;
SipMessage::~SipMessage() = default;

SipMessage::ParseResult SipMessage::parse(const QByteArray &wire)
{
    ensureParserInit();
    if (wire.isEmpty())
        return makeError(QStringLiteral("empty message"));
    if (wire.size() > MaxMessageSize)
        return makeError(
            QStringLiteral("message too large: %1 bytes, the limit is %2").arg(wire.size()).arg(MaxMessageSize));

    Framer framer(wire);
    QByteArray line;
    bool terminated = false;

    // RFC 3261 §7.5: empty lines before the start line are ignored.
    bool haveStartLine = false;
    while (framer.nextLine(&line, &terminated)) {
        if (!line.isEmpty()) {
            haveStartLine = true;
            break;
        }
    }
    if (!haveStartLine)
        return makeError(QStringLiteral("empty message"));
    const int startLineNumber = framer.lineNumber();
    const QByteArray startLine = line;
    if (auto bad = checkCharacters(startLine))
        return makeError(*bad, startLineNumber, startLine);
    if (!terminated)
        return makeError(QStringLiteral("message ends inside the start line"), startLineNumber, startLine);

    // --- Start line (RFC 3261 §7.1, §7.2).
    QByteArray method;
    QByteArray requestUri;
    int statusCode = 0;
    QByteArray reasonPhrase;
    const QList<QByteArray> parts = startLine.split(' ');
    if (startLine.left(4).compare("SIP/", Qt::CaseInsensitive) == 0) {
        if (!isSipVersion(parts.at(0))) {
            if (looksLikeSipVersion(parts.at(0)))
                return makeError(QStringLiteral("unsupported SIP version \"%1\"").arg(QString::fromUtf8(parts.at(0))),
                    startLineNumber, startLine);
            return makeError(QStringLiteral("malformed status line"), startLineNumber, startLine);
        }
        if (parts.size() < 2 || parts.at(1).size() != 3 || !isDigits(parts.at(1)))
            return makeError(QStringLiteral("malformed status line: the status code must be three digits"),
                startLineNumber, startLine);
        statusCode = parts.at(1).toInt();
        if (statusCode < 100 || statusCode > 699)
            return makeError(
                QStringLiteral("status code %1 out of range 100-699").arg(statusCode), startLineNumber, startLine);
        if (parts.size() < 3)
            return makeError(
                QStringLiteral("malformed status line: no space before the reason phrase"), startLineNumber, startLine);
        reasonPhrase = startLine.mid(parts.at(0).size() + parts.at(1).size() + 2);
    } else {
        if (parts.size() != 3 || parts.at(1).isEmpty())
            return makeError(QStringLiteral("malformed start line: expected \"METHOD Request-URI SIP/2.0\""),
                startLineNumber, startLine);
        if (!isToken(parts.at(0)))
            return makeError(QStringLiteral("malformed start line: invalid method"), startLineNumber, startLine);
        if (!isSipVersion(parts.at(2))) {
            if (looksLikeSipVersion(parts.at(2)))
                return makeError(QStringLiteral("unsupported SIP version \"%1\"").arg(QString::fromUtf8(parts.at(2))),
                    startLineNumber, startLine);
            return makeError(QStringLiteral("malformed start line: expected \"METHOD Request-URI SIP/2.0\""),
                startLineNumber, startLine);
        }
        method = parts.at(0);
        requestUri = parts.at(1);
    }

    // --- Header lines (RFC 3261 §7.3), folding per §7.3.1.
    QList<HeaderLine> headers;
    bool headersEnded = false;
    while (framer.nextLine(&line, &terminated)) {
        if (line.isEmpty() && terminated) {
            headersEnded = true;
            break;
        }
        const int number = framer.lineNumber();
        if (auto bad = checkCharacters(line))
            return makeError(*bad, number, line);
        if (!terminated)
            return makeError(QStringLiteral("headers not terminated by an empty line"), number, line);
        if (line.at(0) == ' ' || line.at(0) == '\t') {
            if (headers.isEmpty())
                return makeError(QStringLiteral("folded line without a header to continue"), number, line);
            const QByteArray continuation = line.trimmed();
            if (!continuation.isEmpty()) {
                HeaderLine &last = headers.last();
                last.value = last.value.isEmpty() ? continuation : last.value + ' ' + continuation;
            }
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return makeError(QStringLiteral("header line without a colon"), number, line);
        QByteArray name = line.left(colon);
        while (name.endsWith(' ') || name.endsWith('\t'))
            name.chop(1);
        if (name.isEmpty())
            return makeError(QStringLiteral("header line without a name"), number, line);
        if (!isToken(name))
            return makeError(QStringLiteral("invalid header name \"%1\"").arg(QString::fromUtf8(name)), number, line);
        headers.append(HeaderLine { canonicalName(name), line.mid(colon + 1).trimmed(), line, number });
    }
    if (!headersEnded)
        return makeError(QStringLiteral("headers not terminated by an empty line"), framer.lineNumber(), line);
    const QByteArray body = framer.rest();

    // --- Hand it to oSIP, header by header, so that a rejection names its line.
    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS)
        return makeError(QStringLiteral("out of memory"));
    SipMessage message(raw);
    osip_message_set_version(raw, osip_strdup("SIP/2.0"));
    if (statusCode) {
        osip_message_set_status_code(raw, statusCode);
        osip_message_set_reason_phrase(raw, osip_strdup(reasonPhrase.constData()));
    } else {
        osip_message_set_method(raw, osip_strdup(method.constData()));
        osip_uri_t *uri = nullptr;
        osip_uri_init(&uri);
        if (osip_uri_parse(uri, requestUri.constData()) != OSIP_SUCCESS) {
            osip_uri_free(uri);
            return makeError(QStringLiteral("malformed Request-URI"), startLineNumber, startLine);
        }
        osip_message_set_uri(raw, uri);
        if (!uriIsFixedPoint(uri))
            return makeError(QStringLiteral("malformed Request-URI"), startLineNumber, startLine);
    }

    const HeaderLine *contentLength = nullptr;
    const HeaderLine *seen[4] = {}; // From, To, Call-ID, CSeq
    static const char *const single[4] = { "From", "To", "Call-ID", "CSeq" };
    bool haveVia = false;
    for (const HeaderLine &header : headers) {
        for (int i = 0; i < 4; ++i) {
            if (header.name.compare(single[i], Qt::CaseInsensitive) != 0)
                continue;
            if (seen[i])
                return makeError(QStringLiteral("duplicate %1 header").arg(QLatin1String(single[i])), header.lineNumber,
                    header.line);
            seen[i] = &header;
        }
        if (header.name.compare("Via", Qt::CaseInsensitive) == 0)
            haveVia = true;
        if (header.name.compare("CSeq", Qt::CaseInsensitive) == 0) {
            // RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method
            const QList<QByteArray> cseq = header.value.simplified().split(' ');
            if (cseq.size() != 2 || !isDigits(cseq.at(0)) || !isToken(cseq.at(1)))
                return makeError(
                    QStringLiteral("malformed CSeq: expected a number and a method"), header.lineNumber, header.line);
            if (cseq.at(0).size() > 10 || cseq.at(0).toULongLong() > MaxCSeq)
                return makeError(QStringLiteral("CSeq number not below 2^31"), header.lineNumber, header.line);
            if (!statusCode && cseq.at(1) != method)
                return makeError(QStringLiteral("CSeq method \"%1\" does not match the request method \"%2\"")
                                     .arg(QString::fromUtf8(cseq.at(1)), QString::fromUtf8(method)),
                    header.lineNumber, header.line);
        }
        if (header.name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (contentLength)
                return makeError(QStringLiteral("duplicate Content-Length header"), header.lineNumber, header.line);
            if (!isDigits(header.value) || header.value.size() > 9)
                return makeError(QStringLiteral("invalid Content-Length \"%1\"").arg(QString::fromUtf8(header.value)),
                    header.lineNumber, header.line);
            contentLength = &header;
            continue; // toBytes() writes it from the body
        }
        const TypedHeader *typed = findTypedHeader(header.name);
        const int sizeBefore = typed && typed->list ? osip_list_size(typed->list(raw)) : 0;
        if (osipAddHeader(raw, header.name, header.value) != OSIP_SUCCESS
            || (typed && !isFixedPoint(raw, *typed, sizeBefore)))
            return makeError(QStringLiteral("invalid %1 header").arg(QString::fromUtf8(header.name)), header.lineNumber,
                header.line);
    }

    // --- Mandatory headers (RFC 3261 §8.1.1).
    if (!haveVia)
        return makeError(QStringLiteral("missing Via header"));
    for (int i = 0; i < 4; ++i) {
        if (!seen[i])
            return makeError(QStringLiteral("missing %1 header").arg(QLatin1String(single[i])));
    }
    if (!raw->from || !raw->to || !raw->call_id || !raw->cseq || osip_list_size(&raw->vias) == 0)
        return makeError(QStringLiteral("a mandatory header has an empty value"));

    // --- Body against Content-Length: one WebSocket frame is exactly one message.
    if (contentLength) {
        const qsizetype declared = contentLength->value.toLongLong();
        if (declared > body.size())
            return makeError(
                QStringLiteral("Content-Length %1 is larger than the body (%2 bytes)").arg(declared).arg(body.size()),
                contentLength->lineNumber, contentLength->line);
        if (declared < body.size())
            return makeError(
                QStringLiteral("body (%1 bytes) is longer than Content-Length %2").arg(body.size()).arg(declared),
                contentLength->lineNumber, contentLength->line);
    }
    if (!body.isEmpty())
        osip_message_set_body(raw, body.constData(), size_t(body.size()));
    const QByteArray length = QByteArray::number(body.size());
    osip_message_set_content_length(raw, length.constData());
    osip_message_force_update(raw);
    return message;
}

SipMessage SipMessage::request(const QByteArray &method, const QByteArray &requestUri)
{
    ensureParserInit();
    osip_message_t *raw = nullptr;
    osip_message_init(&raw);
    osip_message_set_version(raw, osip_strdup("SIP/2.0"));
    osip_message_set_method(raw, osip_strdup(method.constData()));
    osip_uri_t *uri = nullptr;
    osip_uri_init(&uri);
    if (osip_uri_parse(uri, requestUri.constData()) != OSIP_SUCCESS)
        qCWarning(lcSip).noquote() << "oSIP rejects the Request-URI" << requestUri;
    osip_message_set_uri(raw, uri);
    return SipMessage(raw);
}

SipMessage SipMessage::response(
    const SipMessage &request, int statusCode, const QByteArray &reasonPhrase, const QByteArray &toTag)
{
    ensureParserInit();
    osip_message_t *raw = nullptr;
    osip_message_init(&raw);
    osip_message_set_version(raw, osip_strdup("SIP/2.0"));
    osip_message_set_status_code(raw, statusCode);
    osip_message_set_reason_phrase(raw, osip_strdup(reasonPhrase.constData()));
    SipMessage response(raw);
    const osip_message_t *req = request.m_message.get();
    if (!req)
        return response;

    osip_list_clone(&req->vias, &raw->vias, [](void *source, void **destination) {
        return osip_via_clone(static_cast<const osip_via_t *>(source), reinterpret_cast<osip_via_t **>(destination));
    });
    // RFC 3261 §12.1.1: a dialog-creating response carries the request's Record-Route.
    if (statusCode > 100 && statusCode < 300)
        osip_list_clone(&req->record_routes, &raw->record_routes, [](void *source, void **destination) {
            return osip_from_clone(
                static_cast<const osip_from_t *>(source), reinterpret_cast<osip_from_t **>(destination));
        });
    if (req->from)
        osip_from_clone(req->from, &raw->from);
    if (req->to)
        osip_from_clone(req->to, &raw->to);
    if (req->call_id)
        osip_call_id_clone(req->call_id, &raw->call_id);
    if (req->cseq)
        osip_cseq_clone(req->cseq, &raw->cseq);
    if (raw->to && statusCode > 100 && !hasGenericParam(&raw->to->gen_params, "tag")) {
        // RFC 3261 §8.2.6.2: the UAS adds a tag; make one up when the caller has none.
        QByteArray tag = toTag;
        if (tag.isEmpty())
            tag = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        osip_generic_param_add(&raw->to->gen_params, osip_strdup("tag"), osip_strdup(tag.constData()));
    }
    osip_message_force_update(raw);
    return response;
}

bool SipMessage::isRequest() const
{
    return m_message && m_message->sip_method;
}

QByteArray SipMessage::method() const
{
    return m_message && m_message->sip_method ? QByteArray(m_message->sip_method) : QByteArray();
}

QByteArray SipMessage::requestUri() const
{
    if (!m_message || !m_message->req_uri)
        return {};
    char *text = nullptr;
    if (osip_uri_to_str(m_message->req_uri, &text) != OSIP_SUCCESS) {
        osip_free(text);
        return {};
    }
    return fromOsip(text);
}

int SipMessage::statusCode() const
{
    return m_message && !m_message->sip_method ? m_message->status_code : 0;
}

QByteArray SipMessage::reasonPhrase() const
{
    return m_message && m_message->reason_phrase ? QByteArray(m_message->reason_phrase) : QByteArray();
}

QList<QByteArray> SipMessage::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    if (!m_message)
        return values;
    osip_message_t *raw = m_message.get();
    const QByteArray canonical = canonicalName(name);
    if (const TypedHeader *typed = findTypedHeader(canonical)) {
        if (typed->list) {
            osip_list_t *list = typed->list(raw);
            for (int i = 0; i < osip_list_size(list); ++i)
                values.append(elementToBytes(*typed, osip_list_get(list, i)));
        } else if (const void *element = typed->single(raw)) {
            values.append(elementToBytes(*typed, element));
        }
        return values;
    }
    for (int i = 0; i < osip_list_size(&raw->headers); ++i) {
        const auto *header = static_cast<const osip_header_t *>(osip_list_get(&raw->headers, i));
        if (header && header->hname && canonical.compare(header->hname, Qt::CaseInsensitive) == 0)
            values.append(header->hvalue ? QByteArray(header->hvalue) : QByteArray(""));
    }
    return values;
}

QByteArray SipMessage::header(const QByteArray &name) const
{
    const QList<QByteArray> values = headerValues(name);
    return values.isEmpty() ? QByteArray() : values.first();
}

bool SipMessage::addHeader(const QByteArray &name, const QByteArray &value)
{
    ensureParserInit();
    const QByteArray canonical = canonicalName(name);
    if (!m_message || !isToken(canonical) || !isValidHeaderValue(value) || !osipAcceptsHeader(canonical, value))
        return false;
    return osipAddHeader(m_message.get(), canonical, value.trimmed()) == OSIP_SUCCESS;
}

bool SipMessage::setHeader(const QByteArray &name, const QByteArray &value)
{
    ensureParserInit();
    const QByteArray canonical = canonicalName(name);
    if (!m_message || !isToken(canonical) || !isValidHeaderValue(value) || !osipAcceptsHeader(canonical, value))
        return false;
    removeOsipHeader(m_message.get(), canonical);
    return osipAddHeader(m_message.get(), canonical, value.trimmed()) == OSIP_SUCCESS;
}

void SipMessage::removeHeader(const QByteArray &name)
{
    if (m_message)
        removeOsipHeader(m_message.get(), canonicalName(name));
}

QByteArray SipMessage::callId() const
{
    return header("Call-ID");
}

quint32 SipMessage::cseqNumber() const
{
    if (!m_message || !m_message->cseq || !m_message->cseq->number)
        return 0;
    return QByteArray(m_message->cseq->number).toUInt();
}

QByteArray SipMessage::cseqMethod() const
{
    if (!m_message || !m_message->cseq || !m_message->cseq->method)
        return {};
    return QByteArray(m_message->cseq->method);
}

QByteArray SipMessage::topViaBranch() const
{
    if (!m_message)
        return {};
    osip_via_t *via = nullptr;
    if (osip_message_get_via(m_message.get(), 0, &via) < 0 || !via)
        return {};
    return genericParam(&via->via_params, "branch");
}

QByteArray SipMessage::fromTag() const
{
    return m_message && m_message->from ? genericParam(&m_message->from->gen_params, "tag") : QByteArray();
}

QByteArray SipMessage::toTag() const
{
    return m_message && m_message->to ? genericParam(&m_message->to->gen_params, "tag") : QByteArray();
}

std::optional<int> SipMessage::expires() const
{
    if (!m_message)
        return std::nullopt;
    osip_contact_t *contact = nullptr;
    if (osip_message_get_contact(m_message.get(), 0, &contact) >= 0 && contact) {
        if (hasGenericParam(&contact->gen_params, "expires")) {
            if (auto value = parseDeltaSeconds(genericParam(&contact->gen_params, "expires")))
                return value;
        }
    }
    const QByteArray expiresHeader = header("Expires");
    if (expiresHeader.isEmpty())
        return std::nullopt;
    return parseDeltaSeconds(expiresHeader);
}

QByteArray SipMessage::body() const
{
    if (!m_message)
        return {};
    QByteArray result;
    for (int i = 0; i < osip_list_size(&m_message->bodies); ++i) {
        const auto *part = static_cast<const osip_body_t *>(osip_list_get(&m_message->bodies, i));
        if (part && part->body)
            result.append(part->body, qsizetype(part->length));
    }
    return result;
}

void SipMessage::setBody(const QByteArray &contentType, const QByteArray &body)
{
    ensureParserInit();
    if (!m_message)
        return;
    osip_message_t *raw = m_message.get();
    osip_list_special_free(&raw->bodies, freeBody);
    removeOsipHeader(raw, "Content-Type");
    removeOsipHeader(raw, "Content-Length");
    if (!contentType.isEmpty() && !addHeader("Content-Type", contentType))
        qCWarning(lcSip).noquote() << "oSIP rejects the Content-Type" << contentType;
    if (!body.isEmpty())
        osip_message_set_body(raw, body.constData(), size_t(body.size()));
    const QByteArray length = QByteArray::number(body.size());
    osip_message_set_content_length(raw, length.constData());
    osip_message_force_update(raw);
}

QByteArray SipMessage::toBytes() const
{
    if (!m_message)
        return {};
    // Serialise the headers from a copy without the body, whose bytes are appended as they are:
    // oSIP would otherwise re-frame multipart bodies and pad Content-Length with spaces.
    osip_message_t *copy = nullptr;
    if (osip_message_clone(m_message.get(), &copy) != OSIP_SUCCESS)
        return {};
    std::unique_ptr<osip_message, Deleter> guard(copy);
    const QByteArray payload = body();
    osip_list_special_free(&copy->bodies, freeBody);
    osip_message_force_update(copy);

    char *text = nullptr;
    size_t textLength = 0;
    if (osip_message_to_str(copy, &text, &textLength) != OSIP_SUCCESS || !text) {
        osip_free(text);
        qCWarning(lcSip).noquote() << "oSIP could not serialise a message";
        return {};
    }
    QByteArray wire(text, qsizetype(textLength));
    osip_free(text);
    // oSIP ends with "Content-Length: 0" whenever it has no body to write; put the real one there.
    while (wire.endsWith('\n') || wire.endsWith('\r'))
        wire.chop(1);
    const qsizetype lastLine = wire.lastIndexOf("\r\n");
    if (lastLine >= 0 && wire.mid(lastLine + 2).startsWith("Content-Length:"))
        wire.truncate(lastLine);
    wire += "\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n";
    wire.append(payload);
    return wire;
}

} // namespace parla::sip
