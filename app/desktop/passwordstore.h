// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace parla::desktop {

// The password in the desktop's keychain (Secret Service through QtKeychain), one entry per
// account, never in a file Parla writes. Asynchronous: every request answers by a signal.
// Without a keychain service QtKeychain reports NoBackendAvailable: available() turns false,
// and the app must ask the user what to do instead of falling back to plain text.
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    explicit PasswordStore(QObject *parent = nullptr);

    static QString serviceName() { return QStringLiteral("parla"); }
    bool available() const { return m_available; }

    void probe(); // learns whether a keychain service answers: availabilityKnown()
    void read(const QString &account);
    void write(const QString &account, const QString &password);
    void remove(const QString &account);

Q_SIGNALS:
    void availabilityKnown(bool available);
    void passwordRead(const QString &account, const QString &password);
    void passwordWritten(const QString &account);
    // `message` is QtKeychain's, which never holds the secret.
    void failed(const QString &account, const QString &message);

private:
    void setAvailable(bool available);

    bool m_available = true; // until a job says otherwise
};

} // namespace parla::desktop
