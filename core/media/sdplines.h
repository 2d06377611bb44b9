// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "parseerror.h"

#include <QByteArray>

#include <variant>
#include <vector>

namespace parla::media::detail {

struct SdpLine
{
    char type = 0; // 'v', 'o', 'm', 'a', ...
    QByteArray value; // after "x=", trailing blanks removed
    int number = 0; // 1-based line number in what was received
};

struct SdpLines
{
    std::vector<SdpLine> lines;
    // The lines again, CRLF-terminated: what oSIP's parser is given.
    QByteArray normalised() const;
};

// Checks what oSIP's SDP parser lets through or silently drops (an empty line ends its parse
// and loses every m= after it; a 'v=1', a port 'abc', a tab inside m= are accepted), and what it
// refuses without saying why (order of lines, field counts, missing t=), so that every rejection
// names its line. Bounds size, line length, m= lines and attributes before anything is parsed.
std::variant<SdpLines, ParseError> scanSdpLines(const QByteArray &bytes);

} // namespace parla::media::detail
