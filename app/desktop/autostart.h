// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace parla::desktop {

// "Start on login": an XDG autostart entry (the Desktop Application Autostart Specification),
// ~/.config/autostart/org.parla.Parla.desktop, made from Parla's own .desktop file with
// `Exec=parla --hidden`, so Parla signs in at login and waits in the tray. The file is the
// setting: a user who deletes it by hand has turned it off.
class Autostart : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY enabledChanged)
    Q_PROPERTY(QString entryPath READ entryPath CONSTANT)
public:
    // The user's autostart folder ($XDG_CONFIG_HOME/autostart) and the bundled .desktop file.
    explicit Autostart(QObject *parent = nullptr);
    // Tests: their own entry path and template.
    Autostart(const QString &entryPath, const QString &templatePath, QObject *parent = nullptr);

    bool isEnabled() const;
    void setEnabled(bool enabled);
    QString errorString() const { return m_error; }
    QString entryPath() const { return m_entryPath; }

    // The template with Exec replaced and the scheme handlers left out (the installed file
    // registers those; a second registration from autostart would only confuse a desktop).
    static QByteArray entryFrom(const QByteArray &desktopFile);

Q_SIGNALS:
    void enabledChanged();

private:
    QString m_entryPath;
    QString m_templatePath;
    QString m_error;
};

} // namespace parla::desktop
