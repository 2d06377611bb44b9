// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace parla::media {

// Why bytes from the network were refused: a reason a person can read, and where. SDP names
// its line; RTP and RTCP name the byte offset in the reason and leave the line empty.
struct ParseError
{
    QString reason;
    int lineNumber = 0; // 1-based; 0 when the problem is not tied to one line
    QByteArray line; // the offending line as received (truncated), empty if none

    QString toString() const;
};

} // namespace parla::media
