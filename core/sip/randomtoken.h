// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace parla::sip {

// `bytes` bytes from the system's CSPRNG, as lower-case hex: branches, tags, Call-IDs, cnonces
// and the .invalid host names all need values nobody can guess or repeat.
QByteArray randomToken(int bytes);

} // namespace parla::sip
