// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdplines.h"

#include "sdplimits.h"

#include <optional>
#include <string>
#include <string_view>

namespace parla::media::detail {

namespace {

using namespace std::string_view_literals;

ParseError lineError(const SdpLine &line, const QString &reason)
{
    return { reason, line.number, QByteArray(1, line.type) + '=' + line.value };
}

// RFC 4566 §5: the session part is v o s i u e p c b (t r*)+ z k a; a media section m i c* b* k a*.
// A rank that may not go down expresses the order; t and r share one so that they may alternate.
int sessionRank(char type)
{
    constexpr std::string_view order = "vosiuepcbtzka"sv;
    if (type == 'r')
        return int(order.find('t'));
    const auto position = order.find(type);
    return position == std::string_view::npos ? -1 : int(position);
}

int mediaRank(char type)
{
    constexpr std::string_view order = "micbka"sv;
    const auto position = order.find(type);
    return position == std::string_view::npos ? -1 : int(position);
}

// One c= for the session; a media section may list several (layered multicast), refused later.
bool mayRepeat(char type, bool media)
{
    return std::string_view(media ? "cba" : "epbtra").find(type) != std::string_view::npos;
}

bool isDigits(std::string_view text)
{
    if (text.empty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// RFC 4566 §9: token-char, the characters of attribute names and bandwidth types.
bool isToken(std::string_view text)
{
    if (text.empty())
        return false;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || std::string_view("\"(),/:;<=>?@[\\]{}").find(c) != std::string_view::npos)
            return false;
    }
    return true;
}

// Splits on single spaces; nullopt-like empty result when a field is empty (double or edge space).
std::vector<std::string_view> fields(std::string_view value)
{
    std::vector<std::string_view> result;
    std::size_t start = 0;
    while (true) {
        const std::size_t space = value.find(' ', start);
        const std::string_view field = value.substr(start, space == std::string_view::npos ? space : space - start);
        if (field.empty())
            return {};
        result.push_back(field);
        if (space == std::string_view::npos)
            return result;
        start = space + 1;
    }
}

std::optional<QString> checkFields(const SdpLine &line)
{
    const std::string_view value(line.value.constData(), std::size_t(line.value.size()));
    const auto parts = fields(value);
    switch (line.type) {
    case 'v':
        if (value != "0"sv)
            return QStringLiteral("unsupported SDP version (RFC 4566 knows only v=0)");
        return std::nullopt;
    case 'o':
        if (parts.size() != 6)
            return QStringLiteral("o= needs six fields separated by single spaces");
        return std::nullopt;
    case 'c':
        if (parts.size() != 3)
            return QStringLiteral("c= needs three fields: network type, address type, address");
        return std::nullopt;
    case 't':
        if (parts.size() != 2 || !isDigits(parts[0]) || !isDigits(parts[1]))
            return QStringLiteral("t= needs a start and a stop time in decimal");
        return std::nullopt;
    case 'm': {
        if (parts.size() < 4)
            return QStringLiteral("m= needs media, port, protocol and at least one format");
        if (parts.size() - 3 > std::size_t(sdp::MaxFormatsPerMedia))
            return QStringLiteral("more than %1 formats in one m= line").arg(sdp::MaxFormatsPerMedia);
        const std::string_view port = parts[1];
        const auto slash = port.find('/');
        if (!isDigits(port.substr(0, slash)) || (slash != std::string_view::npos && !isDigits(port.substr(slash + 1))))
            return QStringLiteral("m= port must be a number, optionally /number of ports");
        if (!isToken(parts[0]))
            return QStringLiteral("m= media type must be a token");
        return std::nullopt;
    }
    case 'b': {
        const auto colon = value.find(':');
        if (colon == std::string_view::npos || !isToken(value.substr(0, colon)) || !isDigits(value.substr(colon + 1)))
            return QStringLiteral("b= must be <type>:<kilobits per second>");
        return std::nullopt;
    }
    case 'a':
        if (!isToken(value.substr(0, value.find(':'))))
            return QStringLiteral("attribute name must be a token");
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

// What the lines of one section (the session part or one media section) have shown so far.
struct Section
{
    bool media = false;
    int rank = -1;
    char previous = 0;
    int attributes = 0;
    int bandwidths = 0;
    std::string seen;
};

std::optional<ParseError> checkOrder(Section *section, const SdpLine &line)
{
    const int rank = section->media ? mediaRank(line.type) : sessionRank(line.type);
    if (rank < 0)
        return lineError(line,
            QStringLiteral("%1= is not allowed in %2")
                .arg(QLatin1Char(line.type))
                .arg(section->media ? QStringLiteral("a media section") : QStringLiteral("the session part")));
    if (rank < section->rank || (line.type == 'r' && section->previous != 't' && section->previous != 'r'))
        return lineError(line, QStringLiteral("%1= is out of the order RFC 4566 §5 gives").arg(QLatin1Char(line.type)));
    if (!mayRepeat(line.type, section->media) && section->seen.find(line.type) != std::string::npos)
        return lineError(line, QStringLiteral("more than one %1= line in a section").arg(QLatin1Char(line.type)));
    if (line.type == 'a' && ++section->attributes > sdp::MaxAttributesPerSection)
        return lineError(
            line, QStringLiteral("more than %1 attributes in one section").arg(sdp::MaxAttributesPerSection));
    if (line.type == 'b' && ++section->bandwidths > sdp::MaxBandwidthsPerSection)
        return lineError(
            line, QStringLiteral("more than %1 b= lines in one section").arg(sdp::MaxBandwidthsPerSection));
    section->rank = rank;
    section->previous = line.type;
    section->seen += line.type;
    return std::nullopt;
}

// Splits into lines (CRLF or LF), refusing control bytes, overlong lines and empty lines that
// are not at the very end.
std::variant<std::vector<SdpLine>, ParseError> splitLines(const QByteArray &bytes)
{
    std::vector<SdpLine> lines;
    qsizetype start = 0;
    int number = 0;
    int emptyLine = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArray text = bytes.mid(start, end - start);
        start = end + 1;
        ++number;
        if (text.endsWith('\r'))
            text.chop(1);
        if (std::size_t(text.size()) > sdp::MaxLineBytes)
            return ParseError { QStringLiteral("line longer than %1 bytes").arg(sdp::MaxLineBytes), number, text };
        for (char c : text) {
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return ParseError { QStringLiteral("control character in line"), number, text };
        }
        if (text.isEmpty()) {
            emptyLine = emptyLine ? emptyLine : number;
            continue;
        }
        if (emptyLine)
            return ParseError { QStringLiteral("empty line inside the description"), emptyLine, {} };
        if (text.size() < 2 || text.at(1) != '=' || text.at(0) < 'a' || text.at(0) > 'z')
            return ParseError { QStringLiteral("not a <type>=<value> line"), number, text };
        QByteArray value = text.mid(2);
        // Trailing blanks are common in the field and break oSIP's m= parsing; they carry nothing.
        while (value.endsWith(' ') || value.endsWith('\t'))
            value.chop(1);
        lines.push_back({ text.at(0), value, number });
    }
    return lines;
}

} // namespace

QByteArray SdpLines::normalised() const
{
    QByteArray result;
    for (const SdpLine &line : lines) {
        result += line.type;
        result += '=';
        result += line.value;
        result += "\r\n";
    }
    return result;
}

std::variant<SdpLines, ParseError> scanSdpLines(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return ParseError { QStringLiteral("empty session description"), 0, {} };
    if (std::size_t(bytes.size()) > sdp::MaxBytes)
        return ParseError { QStringLiteral("session description larger than %1 bytes").arg(sdp::MaxBytes), 0, {} };
    auto split = splitLines(bytes);
    if (auto *error = std::get_if<ParseError>(&split))
        return *error;
    SdpLines result { std::get<std::vector<SdpLine>>(std::move(split)) };
    if (result.lines.empty() || result.lines.front().type != 'v')
        return ParseError { QStringLiteral("a session description starts with v=0"), 1, {} };

    Section section;
    Section session;
    int mediaCount = 0;
    for (SdpLine &line : result.lines) {
        if (line.type == 'm') {
            if (++mediaCount > sdp::MaxMediaDescriptions)
                return lineError(
                    line, QStringLiteral("more than %1 media descriptions").arg(sdp::MaxMediaDescriptions));
            if (!section.media)
                session = section;
            section = Section {};
            section.media = true;
        }
        // RFC 4566 wants a non-empty s=; some phones send "s=" or "s= ", which oSIP refuses.
        if (line.type == 's' && line.value.isEmpty())
            line.value = "-";
        if (auto error = checkOrder(&section, line))
            return *error;
        if (auto reason = checkFields(line))
            return lineError(line, *reason);
    }
    if (!section.media)
        session = section;
    for (const char mandatory : { 'o', 's', 't' }) {
        if (session.seen.find(mandatory) == std::string::npos)
            return ParseError { QStringLiteral("no %1= line (RFC 4566 §5 requires it)").arg(QLatin1Char(mandatory)), 0,
                {} };
    }
    return result;
}

} // namespace parla::media::detail
