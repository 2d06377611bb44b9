// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QLocalServer>
#include <QObject>
#include <QString>

#include <optional>

namespace parla::desktop {

// One Parla per user session: the first launch listens on a local socket in the user's
// runtime directory (XDG_RUNTIME_DIR, mode 0700); a later launch hands its sip:/tel: address
// (or nothing: "show yourself") to it and exits. Messages are one short line, bounded and
// checked, though only the same user can reach the socket.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxMessageBytes = 2048;

    // `socketPath` empty: parla.socket in QStandardPaths::RuntimeLocation.
    explicit SingleInstance(const QString &socketPath = {}, QObject *parent = nullptr);

    // Hands `address` to a running instance; true when one took it (then exit).
    bool forwardToRunning(const QString &address) const;
    // Becomes the running instance; false (and errorString()) if the socket cannot be made.
    bool listen();
    QString errorString() const { return m_server.errorString(); }
    QString socketPath() const { return m_path; }

    // "show\n" or "call <address>\n" -> the address ("" for show); nullopt and `error` for
    // anything else.
    static std::optional<QString> parseMessage(const QByteArray &message, QString *error);
    static QByteArray message(const QString &address);

Q_SIGNALS:
    // Another launch asked to be shown, and to call `address` when not empty.
    void activated(const QString &address);

private:
    void onNewConnection();

    QString m_path;
    QLocalServer m_server;
};

} // namespace parla::desktop
