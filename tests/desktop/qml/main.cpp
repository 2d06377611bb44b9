// SPDX-License-Identifier: GPL-3.0-or-later
// The Qt Quick Test runner of the views: the real Parla.Ui module (linked statically), the
// driver module, and a settings and data directory of its own for every run.
#include <QCoreApplication>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Parla_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        // The models' default constructors use QSettings and AppDataLocation: keep them here.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("parla-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_qmlviews"));
    }

private:
    QTemporaryDir m_home;
};

QUICK_TEST_MAIN_WITH_SETUP(parla_views, Setup)

#include "main.moc"
