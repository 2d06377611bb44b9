// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace parla::test {

// The environment of a real `parla` under test, signed in as alice: `home` holds its settings,
// data and single-instance socket, one per app; it draws on xcb (Xvfb) with the software
// renderer it uses by default.
inline QProcessEnvironment desktopAppEnvironment(const QTemporaryDir &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("PARLA_INSTANCE_SOCKET"), home.filePath(QStringLiteral("parla.socket")));
    env.insert(QStringLiteral("PARLA_PASSWORD"), QStringLiteral("alice-secret"));
    env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the real xcb platform, on Xvfb
    return env;
}

} // namespace parla::test
