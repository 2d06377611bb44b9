// SPDX-License-Identifier: GPL-3.0-or-later
#include "randomtoken.h"

#include <QRandomGenerator>

namespace parla::sip {

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::system()->bounded(256));
    return raw.toHex();
}

} // namespace parla::sip
