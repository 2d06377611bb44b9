// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordstore.h"

#include "desktoplogging.h"

#include <qt6keychain/keychain.h>

namespace parla::desktop {

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{
}

void PasswordStore::setAvailable(bool available)
{
    m_available = available;
    Q_EMIT availabilityKnown(available);
}

void PasswordStore::probe()
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(QStringLiteral("parla-probe"));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        const bool available = done->error() != QKeychain::NoBackendAvailable && done->error() != QKeychain::OtherError
            && done->error() != QKeychain::AccessDenied;
        qCInfo(lcDesktopApp) << "keychain" << (available ? "available" : "unavailable:") << done->errorString();
        setAvailable(available);
    });
    job->start();
}

void PasswordStore::read(const QString &account)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT passwordRead(account, job->textData());
            return;
        }
        if (job->error() == QKeychain::NoBackendAvailable)
            setAvailable(false);
        qCInfo(lcDesktopApp) << "no stored password for" << account << ":" << job->errorString();
        Q_EMIT failed(account, job->errorString());
    });
    job->start();
}

void PasswordStore::write(const QString &account, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, account, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT passwordWritten(account);
            return;
        }
        // Whatever the reason (no service, no login keyring), the password is not kept:
        // the app must say so, not pretend.
        if (job->error() != QKeychain::AccessDeniedByUser)
            setAvailable(false);
        qCWarning(lcDesktopApp) << "could not store the password of" << account << ":" << job->errorString();
        Q_EMIT failed(account, job->errorString());
    });
    job->start();
}

void PasswordStore::remove(const QString &account)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->start();
}

} // namespace parla::desktop
