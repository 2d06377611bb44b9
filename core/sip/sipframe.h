// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace parla::sip {

// A ParseError quoting the offending line, cut short so that a hostile line stays loggable.
ParseError parseError(const QString &reason, int lineNumber = 0, const QByteArray &line = {});

// The start line taken apart (RFC 3261 §7.1, §7.2): a request's or a response's.
struct StartLine
{
    QByteArray method; // requests only
    QByteArray requestUri; // requests only, unchecked: oSIP's URI grammar judges it
    int statusCode = 0; // responses only, 100-699
    QByteArray reasonPhrase; // responses only
    QByteArray line; // as received
    int lineNumber = 0;

    bool isRequest() const { return statusCode == 0; }
    ParseError error(const QString &reason) const { return parseError(reason, lineNumber, line); }
};

// One header with its folded continuation lines joined (RFC 3261 §7.3.1).
struct HeaderLine
{
    QByteArray name; // canonical (compact forms expanded), as received otherwise
    QByteArray value; // folded lines joined with one space, outer whitespace trimmed
    QByteArray line; // the first physical line as received
    int lineNumber = 0;

    bool is(const char *canonical) const { return name.compare(canonical, Qt::CaseInsensitive) == 0; }
    ParseError error(const QString &reason) const { return parseError(reason, lineNumber, line); }
};

// The wire framing of one message: start line, header lines, blank line, body. Everything
// that can be judged before oSIP sees the message is judged here (size limit, control
// characters, the start line's shape, folding, header names), each error naming its 1-based line.
class SipFrame
{
public:
    using SplitResult = std::variant<SipFrame, ParseError>;

    static SplitResult split(const QByteArray &wire);

    const StartLine &startLine() const { return m_startLine; }
    const QList<HeaderLine> &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }

    // The body against the Content-Length header, if there was one: a WebSocket frame holds
    // exactly one message, so any difference is an error. A separate step because a bad header
    // is reported before a body of the wrong length.
    std::optional<ParseError> checkContentLength(const HeaderLine *contentLength) const;

private:
    SipFrame() = default;

    StartLine m_startLine;
    QList<HeaderLine> m_headers;
    QByteArray m_body;
};

} // namespace parla::sip
