// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipmessage.h"

#include "headerrules.h"
#include "logging.h"
#include "osipheaders.h"
#include "randomtoken.h"
#include "sipframe.h"
#include "sipgrammar.h"
#include "siplimits.h"

namespace parla::sip {

using namespace detail;

namespace {

// Gives the start line to oSIP; only the Request-URI can still be refused, by oSIP's URI grammar.
std::optional<ParseError> setStartLine(osip_message_t *message, const StartLine &start)
{
    osip_message_set_version(message, osip_strdup("SIP/2.0"));
    if (!start.isRequest()) {
        osip_message_set_status_code(message, start.statusCode);
        osip_message_set_reason_phrase(message, osip_strdup(start.reasonPhrase.constData()));
        return std::nullopt;
    }
    osip_message_set_method(message, osip_strdup(start.method.constData()));
    osip_uri_t *uri = nullptr;
    osip_uri_init(&uri);
    if (osip_uri_parse(uri, start.requestUri.constData()) != OSIP_SUCCESS) {
        osip_uri_free(uri);
        return start.error(QStringLiteral("malformed Request-URI"));
    }
    osip_message_set_uri(message, uri);
    if (!uriIsFixedPoint(uri))
        return start.error(QStringLiteral("malformed Request-URI"));
    return std::nullopt;
}

// Header by header, so that a rejection names its line.
std::optional<ParseError> addHeaders(osip_message_t *message, const QList<HeaderLine> &headers, HeaderRules *rules)
{
    for (const HeaderLine &header : headers) {
        if (auto error = rules->check(header))
            return error;
        if (header.is("Content-Length"))
            continue; // toBytes() writes it from the body
        if (!osipAddReceivedHeader(message, header.name, header.value))
            return header.error(QStringLiteral("invalid %1 header").arg(QString::fromUtf8(header.name)));
    }
    return std::nullopt;
}

// oSIP drops a typed header whose value is empty; the rules only saw that it was there.
bool hasMandatoryValues(const osip_message_t *message)
{
    return message->from && message->to && message->call_id && message->cseq && osip_list_size(&message->vias) != 0;
}

// Headers a response copies from its request (RFC 3261 §8.2.6).
void copyRequestHeaders(const osip_message_t *request, osip_message_t *response, int statusCode)
{
    osip_list_clone(&request->vias, &response->vias, [](void *source, void **destination) {
        return osip_via_clone(static_cast<const osip_via_t *>(source), reinterpret_cast<osip_via_t **>(destination));
    });
    // RFC 3261 §12.1.1: a dialog-creating response carries the request's Record-Route.
    if (statusCode > 100 && statusCode < 300)
        osip_list_clone(&request->record_routes, &response->record_routes, [](void *source, void **destination) {
            return osip_from_clone(
                static_cast<const osip_from_t *>(source), reinterpret_cast<osip_from_t **>(destination));
        });
    if (request->from)
        osip_from_clone(request->from, &response->from);
    if (request->to)
        osip_from_clone(request->to, &response->to);
    if (request->call_id)
        osip_call_id_clone(request->call_id, &response->call_id);
    if (request->cseq)
        osip_cseq_clone(request->cseq, &response->cseq);
}

// oSIP ends with "Content-Length: 0" whenever it has no body to write; toBytes() puts the
// real one there instead.
void dropTrailingContentLength(QByteArray *wire)
{
    while (wire->endsWith('\n') || wire->endsWith('\r'))
        wire->chop(1);
    const qsizetype lastLine = wire->lastIndexOf("\r\n");
    if (lastLine >= 0 && wire->mid(lastLine + 2).startsWith("Content-Length:"))
        wire->truncate(lastLine);
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
            if (isControlChar(c))
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
    SipFrame::SplitResult split = SipFrame::split(wire);
    if (const auto *error = std::get_if<ParseError>(&split))
        return *error;
    const SipFrame &frame = std::get<SipFrame>(split);

    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS)
        return parseError(QStringLiteral("out of memory"));
    SipMessage message(raw);
    if (auto error = setStartLine(raw, frame.startLine()))
        return *error;
    HeaderRules rules(frame.startLine());
    if (auto error = addHeaders(raw, frame.headers(), &rules))
        return *error;
    if (auto error = rules.checkMandatoryPresent())
        return *error;
    if (!hasMandatoryValues(raw))
        return parseError(QStringLiteral("a mandatory header has an empty value"));
    if (const int vias = osip_list_size(&raw->vias); vias > limits::MaxViaHeaders)
        return parseError(QStringLiteral("%1 Via headers, the limit is %2").arg(vias).arg(limits::MaxViaHeaders));
    if (auto error = frame.checkContentLength(rules.contentLength()))
        return *error;
    osipSetBody(raw, frame.body());
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

    copyRequestHeaders(req, raw, statusCode);
    if (raw->to && statusCode > 100 && !hasGenericParam(&raw->to->gen_params, "tag")) {
        // RFC 3261 §8.2.6.2: the UAS adds a tag; make one up when the caller has none.
        QByteArray tag = toTag;
        if (tag.isEmpty())
            tag = randomToken(8);
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
    return uriToBytes(m_message->req_uri);
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
    if (const TypedHeader *typed = findTypedHeader(canonical))
        return typedValues(raw, *typed);
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

namespace {
NameAddr nameAddr(const osip_from_t *header)
{
    NameAddr result;
    if (!header)
        return result;
    if (header->displayname) {
        QByteArray name(header->displayname);
        if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
            name = name.mid(1, name.size() - 2).replace("\\\"", "\"").replace("\\\\", "\\");
        result.displayName = name;
    }
    result.uri = uriToBytes(header->url);
    return result;
}
} // namespace

NameAddr SipMessage::from() const
{
    return m_message ? nameAddr(m_message->from) : NameAddr();
}

NameAddr SipMessage::to() const
{
    return m_message ? nameAddr(m_message->to) : NameAddr();
}

QByteArray SipMessage::contactUri() const
{
    osip_contact_t *contact = nullptr;
    if (!m_message || osip_message_get_contact(m_message.get(), 0, &contact) < 0 || !contact)
        return {};
    return uriToBytes(contact->url);
}

std::optional<int> SipMessage::expires(const QByteArray &contactUri) const
{
    if (!m_message)
        return std::nullopt;
    if (osip_contact_t *contact = findContact(contactUri);
        contact && hasGenericParam(&contact->gen_params, "expires")) {
        if (auto value = parseDeltaSeconds(genericParam(&contact->gen_params, "expires")))
            return value;
    }
    return deltaSeconds("Expires");
}

std::optional<int> SipMessage::deltaSeconds(const QByteArray &headerName) const
{
    const QByteArray value = header(headerName).trimmed();
    // delta-seconds, then maybe a comment or parameters (RFC 3261 §20.33).
    qsizetype end = 0;
    while (end < value.size() && value.at(end) >= '0' && value.at(end) <= '9')
        ++end;
    return parseDeltaSeconds(QByteArrayView(value).first(end));
}

osip_contact_t *SipMessage::findContact(const QByteArray &contactUri) const
{
    osip_contact_t *first = nullptr;
    if (osip_message_get_contact(m_message.get(), 0, &first) < 0 || !first || contactUri.isEmpty())
        return first;
    osip_uri_t *wanted = nullptr;
    osip_uri_init(&wanted);
    const bool parsed = osip_uri_parse(wanted, contactUri.constData()) == OSIP_SUCCESS;
    osip_contact_t *match = nullptr;
    for (int i = 0; parsed && !match; ++i) {
        osip_contact_t *contact = nullptr;
        if (osip_message_get_contact(m_message.get(), i, &contact) < 0 || !contact)
            break;
        const osip_uri_t *url = contact->url;
        if (url && url->username && url->host && wanted->username && wanted->host
            && qstricmp(url->username, wanted->username) == 0 && qstricmp(url->host, wanted->host) == 0)
            match = contact;
    }
    osip_uri_free(wanted);
    return match;
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
    osipSetBody(raw, body);
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
    dropTrailingContentLength(&wire);
    wire += "\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n";
    wire.append(payload);
    return wire;
}

} // namespace parla::sip
