// SPDX-License-Identifier: GPL-3.0-or-later
#include "autostart.h"

#include "desktoplogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace parla::desktop {

Autostart::Autostart(QObject *parent)
    : Autostart(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/autostart/org.parla.Parla.desktop"),
        QStringLiteral(":/parla/org.parla.Parla.desktop"), parent)
{
}

Autostart::Autostart(const QString &entryPath, const QString &templatePath, QObject *parent)
    : QObject(parent)
    , m_entryPath(entryPath)
    , m_templatePath(templatePath)
{
}

bool Autostart::isEnabled() const
{
    return QFileInfo::exists(m_entryPath);
}

QByteArray Autostart::entryFrom(const QByteArray &desktopFile)
{
    QByteArray entry;
    for (const QByteArray &line : desktopFile.split('\n')) {
        if (line.startsWith("Exec="))
            entry += "Exec=parla --hidden\n";
        else if (line.startsWith("MimeType="))
            continue;
        else if (!line.isEmpty() || !entry.endsWith("\n\n"))
            entry += line + '\n';
    }
    return entry.trimmed() + '\n';
}

void Autostart::setEnabled(bool enabled)
{
    if (enabled == isEnabled())
        return;
    m_error.clear();
    if (!enabled) {
        if (!QFile::remove(m_entryPath))
            m_error = tr("Cannot remove %1").arg(m_entryPath);
    } else {
        QFile source(m_templatePath);
        QSaveFile entry(m_entryPath);
        if (!source.open(QIODevice::ReadOnly)) {
            m_error = tr("Cannot read %1").arg(m_templatePath);
        } else if (!QDir().mkpath(QFileInfo(m_entryPath).absolutePath()) || !entry.open(QIODevice::WriteOnly)
            || entry.write(entryFrom(source.readAll())) < 0 || !entry.commit()) {
            m_error = tr("Cannot write %1").arg(m_entryPath);
        }
    }
    if (!m_error.isEmpty())
        qCWarning(lcDesktopApp).noquote() << "start on login:" << m_error;
    else
        qCInfo(lcDesktopApp).noquote() << "start on login" << (enabled ? "on:" : "off:") << m_entryPath;
    Q_EMIT enabledChanged();
}

} // namespace parla::desktop
