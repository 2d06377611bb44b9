// SPDX-License-Identifier: GPL-3.0-or-later
#include "parseerror.h"

namespace parla::media {

namespace {

// Enough to recognise a line in a log, never a whole hostile one.
constexpr qsizetype ShownLineBytes = 120;

} // namespace

QString ParseError::toString() const
{
    QString text = lineNumber > 0 ? QStringLiteral("line %1: %2").arg(lineNumber).arg(reason) : reason;
    if (line.isEmpty())
        return text;
    // Control bytes are shown escaped so that the text is safe to log or display.
    QByteArray shown;
    for (char c : line.left(ShownLineBytes)) {
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) >= 0x7f)
            shown += "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
        else
            shown += c;
    }
    if (line.size() > ShownLineBytes)
        shown += "...";
    return text + QStringLiteral(" (") + QString::fromLatin1(shown) + QLatin1Char(')');
}

} // namespace parla::media
