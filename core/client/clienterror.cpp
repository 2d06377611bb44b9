// SPDX-License-Identifier: GPL-3.0-or-later
#include "clienterror.h"

#include <QMetaEnum>

namespace parla::client {

namespace {
// CamelCase key to kebab-case: AuthenticationFailed -> authentication-failed.
template<typename Enum> QString kebabName(Enum value)
{
    const QString key = QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
    QString name;
    for (const QChar c : key) {
        if (c.isUpper() && !name.isEmpty())
            name += QLatin1Char('-');
        name += c.toLower();
    }
    return name;
}
} // namespace

QString ClientError::reasonName() const
{
    return kebabName(reason);
}

QString ClientError::kindName() const
{
    return kebabName(kind);
}

QString ClientError::boundedDetail(const QString &text)
{
    QString line;
    for (const QChar c : text)
        line += c.isPrint() ? c : QLatin1Char(' ');
    line = line.simplified();
    if (line.size() > MaxDetailLength) {
        line.truncate(MaxDetailLength - 1);
        if (line.back().isHighSurrogate())
            line.chop(1);
        line += QChar(0x2026); // …
    }
    return line;
}

} // namespace parla::client
