// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// The names of logind's manager on the system bus, for the lifecycle classes that talk to it.
namespace parla::desktop::logind {

inline const QString service = QStringLiteral("org.freedesktop.login1");
inline const QString path = QStringLiteral("/org/freedesktop/login1");
inline const QString manager = QStringLiteral("org.freedesktop.login1.Manager");

} // namespace parla::desktop::logind
