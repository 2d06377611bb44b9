// SPDX-License-Identifier: GPL-3.0-or-later
#include "clienterror.h"

#include <QMetaEnum>

namespace parla::client {

QString ClientError::reasonName() const
{
    // CamelCase key to kebab-case: AuthenticationFailed -> authentication-failed.
    const QString key = QString::fromLatin1(QMetaEnum::fromType<Reason>().valueToKey(int(reason)));
    QString name;
    for (const QChar c : key) {
        if (c.isUpper() && !name.isEmpty())
            name += QLatin1Char('-');
        name += c.toLower();
    }
    return name;
}

} // namespace parla::client
