// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountsettings.h"

#include "desktoplogging.h"
#include "passwordstore.h"

#include "transport/websocketflow.h"

#include <QUrl>
#include <QUuid>

namespace parla::desktop {

namespace {

const QString ServerKey = QStringLiteral("account/server");
const QString UserKey = QStringLiteral("account/user");
const QString RememberKey = QStringLiteral("account/remember");
const QString HiddenKey = QStringLiteral("desktop/hiddenIsBackground");
const QString LanguageKey = QStringLiteral("desktop/language");

} // namespace

AccountSettings::AccountSettings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
    , m_passwords(new PasswordStore(this))
{
    connect(m_passwords, &PasswordStore::availabilityKnown, this, &AccountSettings::keychainChanged);
}

AccountSettings::AccountSettings(const QString &settingsFile, PasswordStore *passwords, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
    , m_passwords(passwords)
{
    if (m_passwords)
        connect(m_passwords, &PasswordStore::availabilityKnown, this, &AccountSettings::keychainChanged);
}

AccountSettings::~AccountSettings() = default;

QString AccountSettings::serverUrl() const
{
    return m_settings->value(ServerKey).toString();
}

QString AccountSettings::user() const
{
    return m_settings->value(UserKey).toString();
}

bool AccountSettings::rememberMe() const
{
    return m_settings->value(RememberKey, false).toBool();
}

void AccountSettings::setSignInError(const QString &error)
{
    if (error == m_signInError)
        return;
    m_signInError = error;
    Q_EMIT errorsChanged();
}

bool AccountSettings::keychainAvailable() const
{
    return m_passwords && m_passwords->available();
}

QString AccountSettings::keychainWarning() const
{
    if (keychainAvailable())
        return {};
    return tr("No keychain service is running, so Parla cannot keep your password safely. It will not write it "
              "to a file: you can remember the server and user and type the password at each start, or start a "
              "keychain (such as GNOME Keyring) and sign in again.");
}

bool AccountSettings::hiddenIsBackground() const
{
    return m_settings->value(HiddenKey, false).toBool();
}

void AccountSettings::setHiddenIsBackground(bool background)
{
    if (background == hiddenIsBackground())
        return;
    m_settings->setValue(HiddenKey, background);
    Q_EMIT changed();
}

QString AccountSettings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

void AccountSettings::setLanguage(const QString &language)
{
    if (language == this->language())
        return;
    m_settings->setValue(LanguageKey, language);
    Q_EMIT changed();
}

QString AccountSettings::checkServerUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return tr("Type the server's address, such as wss://sip.example.com");
    const QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid())
        return tr("This is not a valid address: %1").arg(parsed.errorString());
    return transport::WebSocketFlow::validateUrl(parsed);
}

QString AccountSettings::checkUser(const QString &user)
{
    if (user.trimmed().isEmpty())
        return tr("Type your user name");
    // The user alone, checked by the Session's own rules against a harmless server.
    client::Session probe;
    probe.server = QUrl(QStringLiteral("ws://localhost"));
    probe.user = user.trimmed();
    return probe.validate();
}

client::Session AccountSettings::sessionFor(
    const QString &serverUrl, const QString &user, const QString &password) const
{
    client::Session session;
    session.server = QUrl(serverUrl.trimmed(), QUrl::StrictMode);
    session.user = user.trimmed();
    session.password = password;
    return session;
}

QString AccountSettings::accountKey(const QString &serverUrl, const QString &user)
{
    return QStringLiteral("%1 %2").arg(user.trimmed(), serverUrl.trimmed());
}

bool AccountSettings::signIn(
    const QString &serverUrl, const QString &user, const QString &password, bool remember, bool rememberWithoutPassword)
{
    m_serverUrlError = checkServerUrl(serverUrl);
    m_userError = checkUser(user);
    m_passwordError = password.isEmpty() ? tr("Type your password") : QString();
    if (remember && !keychainAvailable() && !rememberWithoutPassword && m_passwordError.isEmpty())
        m_passwordError = keychainWarning();
    m_signInError.clear();
    Q_EMIT errorsChanged();
    if (!m_serverUrlError.isEmpty() || !m_userError.isEmpty() || !m_passwordError.isEmpty())
        return false;

    m_settings->setValue(RememberKey, remember);
    if (remember) {
        m_settings->setValue(ServerKey, serverUrl.trimmed());
        m_settings->setValue(UserKey, user.trimmed());
        if (keychainAvailable())
            m_passwords->write(accountKey(serverUrl, user), password);
    } else {
        m_settings->remove(ServerKey);
        m_settings->remove(UserKey);
    }
    m_settings->sync();
    Q_EMIT changed();
    return signInWith(sessionFor(serverUrl, user, password));
}

bool AccountSettings::signInWith(const client::Session &session)
{
    if (const QString problem = session.validate(); !problem.isEmpty()) {
        setSignInError(problem);
        return false;
    }
    qCInfo(lcDesktopApp) << "signing in as" << session.addressOfRecord();
    setSignedIn(true);
    Q_EMIT sessionReady(session);
    return true;
}

void AccountSettings::signOut()
{
    if (m_passwords && rememberMe())
        m_passwords->remove(accountKey(serverUrl(), user()));
    m_settings->setValue(RememberKey, false);
    m_settings->sync();
    setSignedIn(false);
    Q_EMIT changed();
    Q_EMIT signedOut();
}

void AccountSettings::restore()
{
    if (!rememberMe() || !m_passwords || !checkServerUrl(serverUrl()).isEmpty() || !checkUser(user()).isEmpty())
        return;
    const QString key = accountKey(serverUrl(), user());
    connect(
        m_passwords, &PasswordStore::passwordRead, this,
        [this, key](const QString &account, const QString &password) {
            if (account == key && !m_signedIn)
                signInWith(sessionFor(serverUrl(), user(), password));
        },
        Qt::SingleShotConnection);
    m_passwords->read(key);
}

void AccountSettings::probeKeychain()
{
    if (m_passwords)
        m_passwords->probe();
}

void AccountSettings::setSignedIn(bool signedIn)
{
    if (signedIn == m_signedIn)
        return;
    m_signedIn = signedIn;
    Q_EMIT signedInChanged();
}

} // namespace parla::desktop
