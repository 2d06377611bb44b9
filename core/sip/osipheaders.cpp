// SPDX-License-Identifier: GPL-3.0-or-later
#include "osipheaders.h"

#include "sipgrammar.h"

#include <array>
#include <mutex>

namespace parla::sip::detail {

// oSIP keeps these in structures of their own rather than in `headers`: the table says where.
struct TypedHeader
{
    const char *name; // long form, as oSIP writes it
    osip_list_t *(*list)(osip_message_t *); // list-valued headers
    void *(*single)(const osip_message_t *); // single-valued headers
    void (*clearSingle)(osip_message_t *);
    int (*toStr)(const void *, char **);
    void (*freeElement)(void *);
};

namespace {

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

QByteArray elementToBytes(const TypedHeader &header, const void *element)
{
    char *text = nullptr;
    if (header.toStr(element, &text) != OSIP_SUCCESS) {
        osip_free(text);
        return {};
    }
    return fromOsip(text);
}

// oSIP accepts some garbage and writes it back differently ("To: a>" comes out as "<a>>", which
// reads back as "<a>"). Only values whose serialised form oSIP reads back to the same form are
// taken, so that what Parla forwards or answers is what it read.
bool isFixedPoint(osip_message_t *message, const TypedHeader &typed, int listSizeBefore)
{
    const QList<QByteArray> added = typedValues(message, typed, listSizeBefore);
    for (const QByteArray &first : added) {
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

} // namespace

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

const TypedHeader *findTypedHeader(const QByteArray &canonical)
{
    for (const TypedHeader &header : typedHeaders()) {
        if (header.name && canonical.compare(header.name, Qt::CaseInsensitive) == 0)
            return &header;
    }
    return nullptr;
}

QList<QByteArray> typedValues(osip_message_t *message, const TypedHeader &typed, int first)
{
    QList<QByteArray> values;
    if (typed.list) {
        osip_list_t *list = typed.list(message);
        for (int i = first; i < osip_list_size(list); ++i)
            values.append(elementToBytes(typed, osip_list_get(list, i)));
    } else if (const void *element = typed.single(message)) {
        values.append(elementToBytes(typed, element));
    }
    return values;
}

// oSIP lowercases the names of untyped headers; the name is put back as the caller spelled it
// so that toBytes() keeps it.
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

bool osipAcceptsHeader(const QByteArray &name, const QByteArray &value)
{
    osip_message_t *scratch = nullptr;
    if (osip_message_init(&scratch) != OSIP_SUCCESS)
        return false;
    const bool accepted = osipAddHeader(scratch, name, value) == OSIP_SUCCESS;
    osip_message_free(scratch);
    return accepted;
}

bool osipAddReceivedHeader(osip_message_t *message, const QByteArray &canonical, const QByteArray &value)
{
    const TypedHeader *typed = findTypedHeader(canonical);
    const int sizeBefore = typed && typed->list ? osip_list_size(typed->list(message)) : 0;
    return osipAddHeader(message, canonical, value) == OSIP_SUCCESS
        && (!typed || isFixedPoint(message, *typed, sizeBefore));
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

void osipSetBody(osip_message_t *message, const QByteArray &body)
{
    if (!body.isEmpty())
        osip_message_set_body(message, body.constData(), size_t(body.size()));
    const QByteArray length = QByteArray::number(body.size());
    osip_message_set_content_length(message, length.constData());
    osip_message_force_update(message);
}

void freeBody(void *body)
{
    osip_body_free(static_cast<osip_body_t *>(body));
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

} // namespace parla::sip::detail
