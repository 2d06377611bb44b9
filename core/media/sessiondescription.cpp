// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiondescription.h"

#include "sdpchecks.h"
#include "sdplimits.h"
#include "sdplines.h"

#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>

#include <memory>

namespace parla::media {

using namespace detail;

namespace {

struct SdpDeleter
{
    void operator()(sdp_message_t *sdp) const { sdp_message_free(sdp); }
};
using SdpPointer = std::unique_ptr<sdp_message_t, SdpDeleter>;

// Where each section's lines are in what was received, so a rejection found in oSIP's
// structures still names its line. Index 0 is the session part, i + 1 the i-th m= section.
struct SectionLines
{
    const SdpLine *mediaLine = nullptr;
    std::vector<const SdpLine *> connections;
    std::vector<const SdpLine *> attributes;
};

std::vector<SectionLines> indexSections(const SdpLines &lines)
{
    std::vector<SectionLines> sections(1);
    for (const SdpLine &line : lines.lines) {
        if (line.type == 'm')
            sections.push_back({ &line, {}, {} });
        else if (line.type == 'c')
            sections.back().connections.push_back(&line);
        else if (line.type == 'a')
            sections.back().attributes.push_back(&line);
    }
    return sections;
}

// An a=crypto line with its key left out: errors are logged and sent back in a Warning.
QByteArray withoutKeys(const QByteArray &value)
{
    if (!value.startsWith("crypto:"))
        return value;
    const qsizetype key = value.indexOf("inline:");
    return key < 0 ? value : value.left(key) + "inline:...";
}

ParseError errorAt(const SdpLine *line, const QString &reason)
{
    if (!line)
        return { reason, 0, {} };
    return { reason, line->number, QByteArray(1, line->type) + '=' + withoutKeys(line->value) };
}

const SdpLine *lineAt(const std::vector<const SdpLine *> &lines, qsizetype index)
{
    return index >= 0 && std::size_t(index) < lines.size() ? lines[std::size_t(index)] : nullptr;
}

QByteArray text(const char *value)
{
    return value ? QByteArray(value) : QByteArray();
}

QList<SdpAttribute> attributesOf(osip_list_t *list)
{
    QList<SdpAttribute> result;
    for (int i = 0; i < osip_list_size(list); ++i) {
        const auto *attribute = static_cast<const sdp_attribute_t *>(osip_list_get(list, i));
        result.append({ text(attribute->a_att_field), text(attribute->a_att_value) });
    }
    return result;
}

QList<QByteArray> bandwidthsOf(osip_list_t *list)
{
    QList<QByteArray> result;
    for (int i = 0; i < osip_list_size(list); ++i) {
        const auto *bandwidth = static_cast<const sdp_bandwidth_t *>(osip_list_get(list, i));
        result.append(text(bandwidth->b_bwtype) + ':' + text(bandwidth->b_bandwidth));
    }
    return result;
}

std::variant<SdpConnection, ParseError> connectionOf(const sdp_connection_t *connection, const SdpLine *line)
{
    auto result = parseConnection(connection->c_nettype, connection->c_addrtype, connection->c_addr);
    if (auto *reason = std::get_if<QString>(&result))
        return errorAt(line, *reason);
    return std::get<SdpConnection>(result);
}

std::optional<int> portNumber(const char *value, int low, int high)
{
    const QByteArray digits = text(value);
    bool ok = false;
    const int number = digits.size() <= 5 ? digits.toInt(&ok) : -1;
    if (!ok || number < low || number > high)
        return std::nullopt;
    return number;
}

std::variant<MediaDescription, ParseError> mediaOf(
    sdp_media_t *source, const SectionLines &lines, bool sessionConnection)
{
    MediaDescription media;
    media.media = text(source->m_media);
    media.protocol = text(source->m_proto);
    const auto port = portNumber(source->m_port, 0, sdp::MaxPort);
    if (!port)
        return errorAt(lines.mediaLine, QStringLiteral("m= port must be 0-%1").arg(sdp::MaxPort));
    media.port = *port;
    if (source->m_number_of_port) {
        // RFC 4566 §5.14: ports for layered encodings; a phone uses one, but a small count is legal.
        const auto count = portNumber(source->m_number_of_port, 1, sdp::MaxMediaDescriptions);
        if (!count)
            return errorAt(
                lines.mediaLine, QStringLiteral("m= number of ports must be 1-%1").arg(sdp::MaxMediaDescriptions));
        media.portCount = *count;
    }
    for (int i = 0; i < osip_list_size(&source->m_payloads); ++i)
        media.formats.append(text(static_cast<const char *>(osip_list_get(&source->m_payloads, i))));
    if (media.formats.isEmpty())
        return errorAt(lines.mediaLine, QStringLiteral("m= needs at least one format"));
    if (media.isRtp() && media.payloadTypes().size() != media.formats.size())
        return errorAt(lines.mediaLine, QStringLiteral("RTP payload types must be 0-%1").arg(sdp::MaxPayloadType));
    if (QSet<QByteArray>(media.formats.begin(), media.formats.end()).size() != media.formats.size())
        return errorAt(lines.mediaLine, QStringLiteral("a format is listed twice in m="));

    const int connections = osip_list_size(&source->c_connections);
    if (connections > 1)
        return errorAt(
            lineAt(lines.connections, 1), QStringLiteral("more than one c= in a media section (layered multicast)"));
    if (connections == 1) {
        auto connection = connectionOf(static_cast<const sdp_connection_t *>(osip_list_get(&source->c_connections, 0)),
            lineAt(lines.connections, 0));
        if (auto *error = std::get_if<ParseError>(&connection))
            return *error;
        media.connection = std::get<SdpConnection>(connection);
    } else if (!sessionConnection && media.port != 0) {
        return errorAt(lines.mediaLine, QStringLiteral("no c= line for this media, nor for the session"));
    }
    media.bandwidths = bandwidthsOf(&source->b_bandwidths);
    media.attributes = attributesOf(&source->a_attributes);
    if (const auto error = checkAttributes(media.attributes, &media))
        return errorAt(lineAt(lines.attributes, error->index), error->reason);
    return media;
}

std::variant<SessionDescription, ParseError> fromOsip(sdp_message_t *sdp, const SdpLines &lines)
{
    const std::vector<SectionLines> sections = indexSections(lines);
    SessionDescription result;
    result.origin = { text(sdp->o_username), text(sdp->o_sess_id), text(sdp->o_sess_version), text(sdp->o_nettype),
        text(sdp->o_addrtype), text(sdp->o_addr) };
    result.sessionName = text(sdp->s_name);
    if (sdp->c_connection) {
        auto connection = connectionOf(sdp->c_connection, lineAt(sections[0].connections, 0));
        if (auto *error = std::get_if<ParseError>(&connection))
            return *error;
        result.connection = std::get<SdpConnection>(connection);
    }
    result.bandwidths = bandwidthsOf(&sdp->b_bandwidths);
    if (const auto *time = static_cast<const sdp_time_descr_t *>(osip_list_get(&sdp->t_descrs, 0))) {
        result.startTime = text(time->t_start_time);
        result.stopTime = text(time->t_stop_time);
    }
    result.attributes = attributesOf(&sdp->a_attributes);
    if (const auto error = checkAttributes(result.attributes, nullptr))
        return errorAt(lineAt(sections[0].attributes, error->index), error->reason);

    const int mediaCount = osip_list_size(&sdp->m_medias);
    if (std::size_t(mediaCount) + 1 != sections.size())
        return ParseError { QStringLiteral("oSIP read %1 m= sections of %2").arg(mediaCount).arg(sections.size() - 1),
            0, {} };
    for (int i = 0; i < mediaCount; ++i) {
        auto media = mediaOf(static_cast<sdp_media_t *>(osip_list_get(&sdp->m_medias, i)), sections[std::size_t(i) + 1],
            result.connection.has_value());
        if (auto *error = std::get_if<ParseError>(&media))
            return *error;
        result.media.append(std::get<MediaDescription>(std::move(media)));
    }
    return result;
}

char *dup(const QByteArray &value)
{
    return osip_strdup(value.constData());
}

QByteArray connectionAddressType(const SdpConnection &connection)
{
    return connection.address.protocol() == QAbstractSocket::IPv6Protocol ? "IP6" : "IP4";
}

void addConnection(sdp_message_t *sdp, int position, const SdpConnection &connection)
{
    sdp_message_c_connection_add(sdp, position, dup("IN"), dup(connectionAddressType(connection)),
        dup(connection.address.toString().toLatin1()), nullptr, nullptr);
}

void addBandwidths(sdp_message_t *sdp, int position, const QList<QByteArray> &bandwidths)
{
    for (const QByteArray &bandwidth : bandwidths) {
        const qsizetype colon = bandwidth.indexOf(':');
        sdp_message_b_bandwidth_add(sdp, position, dup(bandwidth.left(colon)), dup(bandwidth.mid(colon + 1)));
    }
}

void addAttributes(sdp_message_t *sdp, int position, const QList<SdpAttribute> &attributes)
{
    for (const SdpAttribute &attribute : attributes)
        sdp_message_a_attribute_add(
            sdp, position, dup(attribute.name), attribute.value.isEmpty() ? nullptr : dup(attribute.value));
}

} // namespace

SessionDescription::ParseResult SessionDescription::parse(const QByteArray &bytes)
{
    auto scanned = scanSdpLines(bytes);
    if (auto *error = std::get_if<ParseError>(&scanned))
        return *error;
    const SdpLines &lines = std::get<SdpLines>(scanned);
    sdp_message_t *raw = nullptr;
    if (sdp_message_init(&raw) != OSIP_SUCCESS)
        return ParseError { QStringLiteral("out of memory"), 0, {} };
    SdpPointer sdp(raw);
    if (sdp_message_parse(sdp.get(), lines.normalised().constData()) != OSIP_SUCCESS)
        return ParseError { QStringLiteral("does not follow the SDP grammar (RFC 4566 §9)"), 0, {} };
    return fromOsip(sdp.get(), lines);
}

QByteArray SessionDescription::toBytes() const
{
    sdp_message_t *raw = nullptr;
    if (sdp_message_init(&raw) != OSIP_SUCCESS)
        return {};
    SdpPointer sdp(raw);
    sdp_message_v_version_set(sdp.get(), dup("0"));
    sdp_message_o_origin_set(sdp.get(), dup(origin.username), dup(origin.sessionId), dup(origin.sessionVersion),
        dup(origin.networkType), dup(origin.addressType), dup(origin.address));
    sdp_message_s_name_set(sdp.get(), dup(sessionName.isEmpty() ? QByteArray("-") : sessionName));
    if (connection)
        addConnection(sdp.get(), -1, *connection);
    addBandwidths(sdp.get(), -1, bandwidths);
    sdp_message_t_time_descr_add(sdp.get(), dup(startTime), dup(stopTime));
    addAttributes(sdp.get(), -1, attributes);
    for (const MediaDescription &section : media) {
        sdp_message_m_media_add(sdp.get(), dup(section.media), dup(QByteArray::number(section.port)),
            section.portCount > 1 ? dup(QByteArray::number(section.portCount)) : nullptr, dup(section.protocol));
        const int position = osip_list_size(&sdp->m_medias) - 1;
        for (const QByteArray &format : section.formats)
            sdp_message_m_payload_add(sdp.get(), position, dup(format));
        if (section.connection)
            addConnection(sdp.get(), position, *section.connection);
        addBandwidths(sdp.get(), position, section.bandwidths);
        addAttributes(sdp.get(), position, section.attributes);
    }
    char *text = nullptr;
    if (sdp_message_to_str(sdp.get(), &text) != OSIP_SUCCESS || !text)
        return {};
    QByteArray result(text);
    osip_free(text);
    return result;
}

Direction SessionDescription::direction(qsizetype mediaIndex) const
{
    if (mediaIndex >= 0 && mediaIndex < media.size()) {
        if (const auto direction = media[mediaIndex].direction())
            return *direction;
    }
    for (const SdpAttribute &attribute : attributes) {
        if (const auto direction = directionFromAttribute(attribute.name))
            return *direction;
    }
    return Direction::SendRecv;
}

std::optional<SdpConnection> SessionDescription::connectionOf(qsizetype mediaIndex) const
{
    if (mediaIndex >= 0 && mediaIndex < media.size() && media[mediaIndex].connection)
        return media[mediaIndex].connection;
    return connection;
}

} // namespace parla::media
