// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipframe.h"

#include <array>
#include <optional>

namespace parla::sip {

// RFC 3261's rules on a message's set of headers that oSIP leaves out: From, To, Call-ID and
// CSeq once each, a CSeq that fits the request, at most one numeric Content-Length, and
// Via, From, To, Call-ID and CSeq all present (§8.1.1).
class HeaderRules
{
public:
    // Keeps references into `startLine` and, later, into the headers checked.
    explicit HeaderRules(const StartLine &startLine);

    // One header, in the order received. The caller hands each header to oSIP right after,
    // so that whichever problem comes first in the message is the one reported.
    std::optional<ParseError> check(const HeaderLine &header);
    // After the last header.
    std::optional<ParseError> checkMandatoryPresent() const;

    // The Content-Length header, nullptr when the message has none.
    const HeaderLine *contentLength() const { return m_contentLength; }

private:
    std::optional<ParseError> checkSingleValued(const HeaderLine &header);
    std::optional<ParseError> checkCSeq(const HeaderLine &header) const;
    std::optional<ParseError> checkContentLength(const HeaderLine &header);

    const StartLine &m_startLine;
    std::array<const HeaderLine *, 4> m_seen {}; // indexed as SingleValued in the .cpp
    bool m_haveVia = false;
    const HeaderLine *m_contentLength = nullptr;
};

} // namespace parla::sip
