// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/session.h"

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace parla::desktop {

class PasswordStore;

// The account and the app's settings: server URL, user, remember me, the tray and language
// choices in QSettings; the password only in the keychain (PasswordStore), never in the
// settings file or the logs. signIn() checks each field and says what is wrong with it in
// words; sessionReady() hands the engine a Session to start.
class AccountSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY changed)
    Q_PROPERTY(QString user READ user NOTIFY changed)
    Q_PROPERTY(bool rememberMe READ rememberMe NOTIFY changed)
    Q_PROPERTY(QString serverUrlError READ serverUrlError NOTIFY errorsChanged)
    Q_PROPERTY(QString userError READ userError NOTIFY errorsChanged)
    Q_PROPERTY(QString passwordError READ passwordError NOTIFY errorsChanged)
    Q_PROPERTY(QString signInError READ signInError WRITE setSignInError NOTIFY errorsChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainChanged)
    Q_PROPERTY(QString keychainWarning READ keychainWarning NOTIFY keychainChanged)
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
    Q_PROPERTY(bool hiddenIsBackground READ hiddenIsBackground WRITE setHiddenIsBackground NOTIFY changed)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY changed)
public:
    // The user's settings file (QSettings' default for organisation "parla").
    explicit AccountSettings(QObject *parent = nullptr);
    // Tests: an INI file of their own, and no keychain unless one is given.
    AccountSettings(const QString &settingsFile, PasswordStore *passwords, QObject *parent = nullptr);
    ~AccountSettings() override;

    QString serverUrl() const;
    QString user() const;
    bool rememberMe() const;
    QString serverUrlError() const { return m_serverUrlError; }
    QString userError() const { return m_userError; }
    QString passwordError() const { return m_passwordError; }
    QString signInError() const { return m_signInError; }
    void setSignInError(const QString &error);
    bool keychainAvailable() const;
    QString keychainWarning() const;
    bool isSignedIn() const { return m_signedIn; }
    bool hiddenIsBackground() const;
    void setHiddenIsBackground(bool background);
    QString language() const; // "" follows the system, else "en", "it"
    void setLanguage(const QString &language);

    // The problem with each field, in words; empty when it is fine.
    static QString checkServerUrl(const QString &url);
    static QString checkUser(const QString &user);

    // Checks every field; when all are fine, remembers what `remember` says and emits
    // sessionReady(). Without a keychain service, remembering needs
    // `rememberWithoutPassword`: the user chose to type the password at every start.
    Q_INVOKABLE bool signIn(const QString &serverUrl, const QString &user, const QString &password, bool remember,
        bool rememberWithoutPassword = false);
    Q_INVOKABLE void signOut();
    // At start: when remembered, reads the password from the keychain and signs in.
    void restore();
    // Signs in without the keychain (command line, demo): PARLA_PASSWORD and the like.
    bool signInWith(const client::Session &session);
    void probeKeychain();

Q_SIGNALS:
    void changed();
    void errorsChanged();
    void keychainChanged();
    void signedInChanged();
    void sessionReady(const parla::client::Session &session);
    void signedOut();

private:
    static QString accountKey(const QString &serverUrl, const QString &user);
    void setSignedIn(bool signedIn);
    client::Session sessionFor(const QString &serverUrl, const QString &user, const QString &password) const;

    std::unique_ptr<QSettings> m_settings;
    PasswordStore *m_passwords = nullptr;
    QString m_serverUrlError;
    QString m_userError;
    QString m_passwordError;
    QString m_signInError;
    bool m_signedIn = false;
};

} // namespace parla::desktop
