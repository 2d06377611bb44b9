// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusServiceWatcher>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>

#include <memory>
#include <vector>

namespace parla::test {

// A private dbus-daemon standing in for the system bus, with python3-dbusmock templates on it
// (logind, networkmanager). start() must run before anything in the process first uses
// QDBusConnection::systemBus(): Qt reads DBUS_SYSTEM_BUS_ADDRESS once.
class PrivateSystemBus
{
public:
    ~PrivateSystemBus()
    {
        for (auto &process : m_processes) {
            process->terminate();
            if (!process->waitForFinished(3000))
                process->kill();
            process->waitForFinished(1000);
        }
    }

    bool start(QString *error)
    {
        auto &daemon = launch(QStringLiteral("dbus-daemon"),
            { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
        if (!daemon.waitForStarted(5000) || !daemon.waitForReadyRead(5000)) {
            *error = QStringLiteral("dbus-daemon did not start: ") + daemon.errorString();
            return false;
        }
        m_address = QString::fromUtf8(daemon.readLine()).trimmed();
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_address.toUtf8());
        return true;
    }
    QString address() const { return m_address; }

    // Starts `python3 -m dbusmock --template NAME` and waits (bounded) until `service` is on the bus.
    bool startTemplate(const QString &name, const QString &service, QString *error)
    {
        QDBusConnection bus = QDBusConnection::systemBus();
        QDBusServiceWatcher watcher(service, bus, QDBusServiceWatcher::WatchForRegistration);
        QSignalSpy registered(&watcher, &QDBusServiceWatcher::serviceRegistered);
        auto &mock = launch(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-m"), QStringLiteral("dbusmock"), QStringLiteral("--system"),
                QStringLiteral("--template"), name });
        if (!mock.waitForStarted(5000)) {
            *error = QStringLiteral("python3-dbusmock did not start: ") + mock.errorString();
            return false;
        }
        if (!bus.interface()->isServiceRegistered(service) && !registered.wait(10000)) {
            *error = QStringLiteral("dbusmock's %1 template never took %2: %3")
                         .arg(name, service, QString::fromUtf8(mock.readAllStandardError()));
            return false;
        }
        return true;
    }

    // A call on dbusmock's control interface (org.freedesktop.DBus.Mock) of an object.
    static QDBusMessage mockCall(const QString &service, const QString &path, const QString &method,
        const QVariantList &arguments, const QString &interface = QStringLiteral("org.freedesktop.DBus.Mock"))
    {
        QDBusMessage call = QDBusMessage::createMethodCall(service, path, interface, method);
        call.setArguments(arguments);
        return QDBusConnection::systemBus().call(call, QDBus::Block, 5000);
    }

private:
    QProcess &launch(const QString &program, const QStringList &arguments)
    {
        m_processes.push_back(std::make_unique<QProcess>());
        QProcess &process = *m_processes.back();
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(program, arguments);
        return process;
    }

    std::vector<std::unique_ptr<QProcess>> m_processes;
    QString m_address;
};

} // namespace parla::test
