// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A throw-away public-key infrastructure for TLS tests, made by the openssl program at test time
// in a directory of the test's own (never committed): a test CA, and server certificates that a
// browser would accept (for 127.0.0.1 and localhost, issued by that CA) or refuse (expired, for
// another name, self-signed). Keys are P-256, so making them all takes a few tens of ms.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace parla::test {

class TestPki
{
public:
    struct Pair
    {
        QString certificate; // PEM
        QString key; // PEM, unencrypted
    };

    explicit TestPki(const QString &dir)
        : m_dir(dir)
    {
    }

    // Makes everything; false with errorString() on failure.
    bool create()
    {
        QDir().mkpath(m_dir + QStringLiteral("/newcerts"));
        if (!writeFile(QStringLiteral("index.txt"), {}) || !writeFile(QStringLiteral("serial"), "1000\n")
            || !writeFile(QStringLiteral("openssl.cnf"), config()))
            return false;
        // The CA.
        if (!openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), path("openssl.cnf"),
                QStringLiteral("-extensions"), QStringLiteral("ca_ext"), QStringLiteral("-newkey"),
                QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=Parla Test CA"), QStringLiteral("-keyout"), path("ca.key"), QStringLiteral("-out"),
                path("ca.pem") }))
            return false;
        // Issued by the CA: valid now, expired, and for another name.
        return issue(QStringLiteral("valid"), QStringLiteral("127.0.0.1"), QStringLiteral("server_ext"), {})
            && issue(QStringLiteral("expired"), QStringLiteral("127.0.0.1"), QStringLiteral("server_ext"),
                { QStringLiteral("-startdate"), QStringLiteral("200101000000Z"), QStringLiteral("-enddate"),
                    QStringLiteral("200201000000Z") })
            && issue(QStringLiteral("othername"), QStringLiteral("sip.example.org"), QStringLiteral("other_ext"), {})
            // Self-signed, for the right name.
            && openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), path("openssl.cnf"),
                QStringLiteral("-extensions"), QStringLiteral("server_ext"), QStringLiteral("-newkey"),
                QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), path("selfsigned.key"),
                QStringLiteral("-out"), path("selfsigned.pem") });
    }

    QString caCertificate() const { return path("ca.pem"); }
    Pair valid() const { return pair(QStringLiteral("valid")); } // 127.0.0.1 and localhost
    Pair expired() const { return pair(QStringLiteral("expired")); } // 2020-01-01 to 2020-02-01
    Pair otherName() const { return pair(QStringLiteral("othername")); } // sip.example.org only
    Pair selfSigned() const { return pair(QStringLiteral("selfsigned")); } // 127.0.0.1, its own issuer
    QString errorString() const { return m_error; }

private:
    QString path(const char *name) const { return m_dir + QLatin1Char('/') + QLatin1String(name); }
    QString path(const QString &name) const { return m_dir + QLatin1Char('/') + name; }
    Pair pair(const QString &name) const
    {
        return { path(name + QStringLiteral(".pem")), path(name + QStringLiteral(".key")) };
    }

    QByteArray config() const
    {
        return "[ ca ]\ndefault_ca = test_ca\n"
               "[ test_ca ]\n"
               "database = "
            + path("index.txt").toUtf8() + "\nnew_certs_dir = " + path("newcerts").toUtf8()
            + "\nserial = " + path("serial").toUtf8() + "\ncertificate = " + path("ca.pem").toUtf8()
            + "\nprivate_key = " + path("ca.key").toUtf8()
            + "\ndefault_md = sha256\ndefault_days = 2\npolicy = any_name\nunique_subject = no\n"
              "[ any_name ]\ncommonName = supplied\n"
              "[ req ]\ndistinguished_name = dn\n[ dn ]\n"
              "[ ca_ext ]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n"
              "subjectKeyIdentifier = hash\n"
              "[ server_ext ]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n"
              "extendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1, DNS:localhost\n"
              "[ other_ext ]\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n"
              "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:sip.example.org\n";
    }

    bool issue(const QString &name, const QString &commonName, const QString &extensions, const QStringList &dates)
    {
        const Pair files = pair(name);
        const QString request = path(name + QStringLiteral(".csr"));
        return openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"), path("openssl.cnf"),
                   QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=") + commonName, QStringLiteral("-keyout"), files.key, QStringLiteral("-out"),
                   request })
            && openssl(QStringList { QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                           QStringLiteral("-config"), path("openssl.cnf"), QStringLiteral("-extfile"),
                           path("openssl.cnf"), QStringLiteral("-extensions"), extensions, QStringLiteral("-in"),
                           request, QStringLiteral("-out"), files.certificate }
                + dates);
    }

    bool openssl(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            m_error = QStringLiteral("openssl %1 failed: %2")
                          .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(process.readAll()));
            return false;
        }
        return true;
    }

    bool writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            m_error = QStringLiteral("cannot write %1").arg(file.fileName());
            return false;
        }
        return true;
    }

    QString m_dir;
    QString m_error;
};

} // namespace parla::test
