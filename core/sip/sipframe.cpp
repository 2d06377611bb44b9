// SPDX-License-Identifier: GPL-3.0-or-later
#include "sipframe.h"

#include "siplimits.h"

#include "sipgrammar.h"

namespace parla::sip {

namespace {

using detail::isDigits;
using detail::isToken;

// RFC 7118 does not bound a frame; 64 KiB is far above any SIP message a softphone sees
// and keeps a hostile peer from making the parser chew megabytes.
constexpr qsizetype MaxQuotedLine = 200;

// Reads physical lines, numbering them from 1. The last line read stays available after the
// end of input, so that "not terminated" errors can quote it.
class LineReader
{
public:
    explicit LineReader(const QByteArray &wire)
        : m_wire(wire)
    {
    }

    // Moves to the next line, without its CR LF; false at the end of input.
    bool next()
    {
        if (m_pos >= m_wire.size())
            return false;
        const qsizetype lf = m_wire.indexOf('\n', m_pos);
        ++m_lineNumber;
        if (lf < 0) {
            m_line = m_wire.mid(m_pos);
            m_terminated = false;
            m_pos = m_wire.size();
        } else {
            qsizetype end = lf;
            if (end > m_pos && m_wire.at(end - 1) == '\r')
                --end;
            m_line = m_wire.mid(m_pos, end - m_pos);
            m_terminated = true;
            m_pos = lf + 1;
        }
        return true;
    }

    const QByteArray &line() const { return m_line; }
    bool terminated() const { return m_terminated; } // false when the input ends without an LF
    int lineNumber() const { return m_lineNumber; }
    QByteArray rest() const { return m_wire.mid(m_pos); }

private:
    const QByteArray &m_wire;
    qsizetype m_pos = 0;
    QByteArray m_line;
    bool m_terminated = false;
    int m_lineNumber = 0;
};

// NUL and control characters (other than HT) have no place in a start line or header.
std::optional<QString> checkCharacters(const QByteArray &line)
{
    for (char c : line) {
        if (c == '\0')
            return QStringLiteral("NUL byte in header section");
        if (detail::isControlChar(c))
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

ParseError unsupportedVersion(const StartLine &start, const QByteArray &version)
{
    return start.error(QStringLiteral("unsupported SIP version \"%1\"").arg(QString::fromUtf8(version)));
}

// Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
std::optional<ParseError> parseStatusLine(StartLine *start)
{
    const QList<QByteArray> parts = start->line.split(' ');
    if (!isSipVersion(parts.at(0))) {
        if (looksLikeSipVersion(parts.at(0)))
            return unsupportedVersion(*start, parts.at(0));
        return start->error(QStringLiteral("malformed status line"));
    }
    if (parts.size() < 2 || parts.at(1).size() != 3 || !isDigits(parts.at(1)))
        return start->error(QStringLiteral("malformed status line: the status code must be three digits"));
    const int statusCode = parts.at(1).toInt();
    if (statusCode < 100 || statusCode > 699)
        return start->error(QStringLiteral("status code %1 out of range 100-699").arg(statusCode));
    if (parts.size() < 3)
        return start->error(QStringLiteral("malformed status line: no space before the reason phrase"));
    start->statusCode = statusCode;
    start->reasonPhrase = start->line.mid(parts.at(0).size() + parts.at(1).size() + 2);
    return std::nullopt;
}

// Request-Line = Method SP Request-URI SP SIP-Version
std::optional<ParseError> parseRequestLine(StartLine *start)
{
    const QList<QByteArray> parts = start->line.split(' ');
    const QString malformed = QStringLiteral("malformed start line: expected \"METHOD Request-URI SIP/2.0\"");
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return start->error(malformed);
    if (!isToken(parts.at(0)))
        return start->error(QStringLiteral("malformed start line: invalid method"));
    if (!isSipVersion(parts.at(2))) {
        if (looksLikeSipVersion(parts.at(2)))
            return unsupportedVersion(*start, parts.at(2));
        return start->error(malformed);
    }
    start->method = parts.at(0);
    start->requestUri = parts.at(1);
    return std::nullopt;
}

std::optional<ParseError> readStartLine(LineReader &reader, StartLine *start)
{
    // RFC 3261 §7.5: empty lines before the start line are ignored.
    bool found = false;
    while (!found && reader.next())
        found = !reader.line().isEmpty();
    if (!found)
        return parseError(QStringLiteral("empty message"));
    start->line = reader.line();
    start->lineNumber = reader.lineNumber();
    if (auto bad = checkCharacters(start->line))
        return start->error(*bad);
    if (!reader.terminated())
        return start->error(QStringLiteral("message ends inside the start line"));
    if (start->line.left(4).compare("SIP/", Qt::CaseInsensitive) == 0)
        return parseStatusLine(start);
    return parseRequestLine(start);
}

// A line starting with whitespace continues the header before it (RFC 3261 §7.3.1).
std::optional<ParseError> foldIntoLastHeader(QList<HeaderLine> *headers, const QByteArray &line, int lineNumber)
{
    if (headers->isEmpty())
        return parseError(QStringLiteral("folded line without a header to continue"), lineNumber, line);
    const QByteArray continuation = line.trimmed();
    if (!continuation.isEmpty()) {
        HeaderLine &last = headers->last();
        last.value = last.value.isEmpty() ? continuation : last.value + ' ' + continuation;
    }
    return std::nullopt;
}

// header = header-name HCOLON header-value (RFC 3261 §7.3)
std::optional<ParseError> appendHeader(QList<HeaderLine> *headers, const QByteArray &line, int lineNumber)
{
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return parseError(QStringLiteral("header line without a colon"), lineNumber, line);
    QByteArray name = line.left(colon);
    while (name.endsWith(' ') || name.endsWith('\t'))
        name.chop(1);
    if (name.isEmpty())
        return parseError(QStringLiteral("header line without a name"), lineNumber, line);
    if (!isToken(name))
        return parseError(QStringLiteral("invalid header name \"%1\"").arg(QString::fromUtf8(name)), lineNumber, line);
    headers->append(HeaderLine { detail::canonicalName(name), line.mid(colon + 1).trimmed(), line, lineNumber });
    return std::nullopt;
}

// The header lines up to and including the blank line that ends them.
std::optional<ParseError> readHeaderLines(LineReader &reader, QList<HeaderLine> *headers)
{
    while (reader.next()) {
        const QByteArray &line = reader.line();
        const int number = reader.lineNumber();
        if (line.isEmpty() && reader.terminated())
            return std::nullopt;
        if (auto bad = checkCharacters(line))
            return parseError(*bad, number, line);
        if (!reader.terminated())
            return parseError(QStringLiteral("headers not terminated by an empty line"), number, line);
        auto error = line.at(0) == ' ' || line.at(0) == '\t' ? foldIntoLastHeader(headers, line, number)
                                                             : appendHeader(headers, line, number);
        if (error)
            return error;
        if (const HeaderLine &last = headers->last(); last.name.size() + last.value.size() + 2 > limits::MaxHeaderLine)
            return last.error(QStringLiteral("header %1 is longer than %2 bytes")
                                  .arg(QString::fromUtf8(last.name))
                                  .arg(limits::MaxHeaderLine));
    }
    // The input ended after a header line (or the start line) without the blank line.
    return parseError(QStringLiteral("headers not terminated by an empty line"), reader.lineNumber(), reader.line());
}

} // namespace

ParseError parseError(const QString &reason, int lineNumber, const QByteArray &line)
{
    return ParseError { reason, lineNumber, line.left(MaxQuotedLine) };
}

SipFrame::SplitResult SipFrame::split(const QByteArray &wire)
{
    if (wire.isEmpty())
        return parseError(QStringLiteral("empty message"));
    if (wire.size() > limits::MaxMessageSize)
        return parseError(QStringLiteral("message too large: %1 bytes, the limit is %2")
                              .arg(wire.size())
                              .arg(limits::MaxMessageSize));

    LineReader reader(wire);
    SipFrame frame;
    if (auto error = readStartLine(reader, &frame.m_startLine))
        return *error;
    if (auto error = readHeaderLines(reader, &frame.m_headers))
        return *error;
    frame.m_body = reader.rest();
    return frame;
}

std::optional<ParseError> SipFrame::checkContentLength(const HeaderLine *contentLength) const
{
    if (!contentLength)
        return std::nullopt;
    const qsizetype declared = contentLength->value.toLongLong();
    if (declared > m_body.size())
        return contentLength->error(
            QStringLiteral("Content-Length %1 is larger than the body (%2 bytes)").arg(declared).arg(m_body.size()));
    if (declared < m_body.size())
        return contentLength->error(
            QStringLiteral("body (%1 bytes) is longer than Content-Length %2").arg(m_body.size()).arg(declared));
    return std::nullopt;
}

} // namespace parla::sip
