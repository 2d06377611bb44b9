// SPDX-License-Identifier: GPL-3.0-or-later
// parla-kamailio: runs the project's Kamailio on free loopback ports for tests and the demo.
#include "kamailioserver.h"
#include "platform/terminationsignals.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using parla::test::KamailioServer;

namespace {

const char *const kUsage = R"(Usage:
  parla-kamailio start --state-dir DIR   Start Kamailio in the background with DIR as its runtime
                                         dir; wait until it listens; write DIR/kamailio.env
                                         (PARLA_KAMAILIO_WS_URL, _WS_PORT, _UDP_PORT, _TCP_PORT,
                                         _DOMAIN, _PID, _CTL, _LOG, _RUNTIME_DIR) and print the
                                         WebSocket URL. An instance already running there is
                                         stopped first.
  parla-kamailio stop --state-dir DIR    Stop the instance described by DIR/kamailio.env
                                         (SIGTERM, bounded wait, SIGKILL). Exits 0 if it is
                                         already gone.
  parla-kamailio run [--state-dir DIR]   Run in the foreground until SIGINT/SIGTERM, printing the
                                         WebSocket URL and the demo users. Without --state-dir the
                                         runtime dir is a temporary one.
  parla-kamailio --help                  This text.

Options of start and run:
  --tls-certificate FILE --tls-key FILE  Also serve wss:// on a port of its own (Kamailio's tls
                                         module, package kamailio-tls-modules), presenting the
                                         certificate chain in FILE (PEM) and its private key.
                                         start then also writes PARLA_KAMAILIO_WSS_URL and
                                         _WSS_PORT.

Kamailio listens on 127.0.0.1 only: SIP over WebSocket (ws://, subprotocol "sip") on one port,
SIP over UDP and TCP on another. Demo users (domain 127.0.0.1): alice, bob, carol with
passwords alice-secret, bob-secret, carol-secret.

Environment:
  PARLA_KAMAILIO_CONFIG_DIR   directory holding kamailio.cfg and dbtext/ (default: the
                              source tree this program was built from)

Exit status: 0 success, 1 failure (Kamailio's log tail is printed), 2 bad arguments.
)";

int usageError(const QString &message)
{
    QTextStream err(stderr);
    err << "parla-kamailio: " << message << "\n"
        << "Try 'parla-kamailio --help'.\n";
    return 2;
}

void printInfo(const KamailioServer &server)
{
    QTextStream out(stdout);
    out << "Kamailio " << server.pid() << " is listening:\n"
        << "  WebSocket: " << server.webSocketUrl().toString() << "\n";
    if (server.hasTls())
        out << "  wss:       " << server.secureWebSocketUrl().toString() << "\n";
    out << "  SIP UDP:   127.0.0.1:" << server.udpPort() << "\n"
        << "  SIP TCP:   127.0.0.1:" << server.tcpPort() << "\n"
        << "  domain:    " << server.domain() << "\n"
        << "  log:       " << server.logFilePath() << "\n"
        << "  kamcmd:    kamcmd -s " << server.ctlSocket() << " ul.dump\n"
        << "Demo users:\n";
    const auto users = KamailioServer::demoUsers();
    for (const QString &user : users)
        out << "  sip:" << user << "@" << server.domain() << "  password " << KamailioServer::demoPassword(user)
            << "\n";
    out.flush();
}

struct TlsFiles
{
    QString certificate;
    QString key;
};

int cmdStart(const QString &stateDir, const TlsFiles &tls)
{
    QString error;
    if (QFile::exists(QDir(stateDir).absoluteFilePath(QLatin1String(KamailioServer::StateFileName)))) {
        if (auto old = KamailioServer::attach(stateDir, &error))
            old->stop();
        QFile::remove(QDir(stateDir).absoluteFilePath(QLatin1String(KamailioServer::StateFileName)));
    }
    KamailioServer server;
    server.setRuntimeDir(stateDir);
    server.setDetached(true);
    server.setTls(tls.certificate, tls.key);
    if (!server.start()) {
        QTextStream(stderr) << "parla-kamailio: " << server.errorString() << "\n";
        return 1;
    }
    if (!server.writeStateFile()) {
        QTextStream(stderr) << "parla-kamailio: cannot write " << stateDir << "/" << KamailioServer::StateFileName
                            << "\n";
        server.stop();
        return 1;
    }
    QTextStream(stdout) << server.webSocketUrl().toString() << "\n";
    return 0;
}

int cmdStop(const QString &stateDir)
{
    const QString stateFile = QDir(stateDir).absoluteFilePath(QLatin1String(KamailioServer::StateFileName));
    if (!QFile::exists(stateFile)) {
        QTextStream(stdout) << "parla-kamailio: nothing to stop in " << stateDir << "\n";
        return 0;
    }
    QString error;
    auto server = KamailioServer::attach(stateDir, &error);
    if (!server) {
        QTextStream(stderr) << "parla-kamailio: " << error << "\n";
        QFile::remove(stateFile);
        return 0;
    }
    server->stop();
    QFile::remove(stateFile);
    return 0;
}

int cmdRun(QCoreApplication &app, const QString &stateDir, const TlsFiles &tls)
{
    parla::platform::TerminationSignals terminationSignals;
    KamailioServer server;
    server.setTls(tls.certificate, tls.key);
    if (!stateDir.isEmpty())
        server.setRuntimeDir(stateDir);
    if (!server.start()) {
        QTextStream(stderr) << "parla-kamailio: " << server.errorString() << "\n";
        return 1;
    }
    if (!stateDir.isEmpty())
        server.writeStateFile();
    printInfo(server);
    QTextStream(stdout) << "Press Ctrl+C to stop.\n";

    int status = 0;
    QObject::connect(
        &terminationSignals, &parla::platform::TerminationSignals::received, &app, &QCoreApplication::quit);
    QObject::connect(&server, &KamailioServer::unexpectedlyExited, &app, [&](int code, QProcess::ExitStatus) {
        QTextStream(stderr) << "parla-kamailio: Kamailio exited unexpectedly (" << code << "); see "
                            << server.logFilePath() << "\n";
        status = 1;
        app.quit();
    });
    app.exec();
    server.stop();
    if (!stateDir.isEmpty())
        QFile::remove(QDir(stateDir).absoluteFilePath(QLatin1String(KamailioServer::StateFileName)));
    QTextStream(stdout) << "Kamailio stopped.\n";
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        QTextStream(stdout) << kUsage;
        return 0;
    }
    if (args.isEmpty())
        return usageError(QStringLiteral("missing command (start, stop or run)"));
    const QString command = args.takeFirst();
    QString stateDir;
    TlsFiles tls;
    while (!args.isEmpty()) {
        const QString arg = args.takeFirst();
        if (arg == QLatin1String("--tls-certificate") || arg == QLatin1String("--tls-key")) {
            if (args.isEmpty() || args.first().isEmpty())
                return usageError(QStringLiteral("%1 needs a file").arg(arg));
            const QString file = args.takeFirst();
            if (!QFile::exists(file))
                return usageError(QStringLiteral("%1: no such file %2").arg(arg, file));
            (arg == QLatin1String("--tls-key") ? tls.key : tls.certificate) = file;
        } else if (arg == QLatin1String("--state-dir")) {
            if (args.isEmpty() || args.first().isEmpty())
                return usageError(QStringLiteral("--state-dir needs a directory"));
            stateDir = args.takeFirst();
        } else if (arg.startsWith(QLatin1String("--state-dir="))) {
            stateDir = arg.mid(12);
            if (stateDir.isEmpty())
                return usageError(QStringLiteral("--state-dir needs a directory"));
        } else {
            return usageError(QStringLiteral("unexpected argument '%1'").arg(arg));
        }
    }
    if (!stateDir.isEmpty())
        stateDir = QDir(stateDir).absolutePath();
    if (tls.certificate.isEmpty() != tls.key.isEmpty())
        return usageError(QStringLiteral("--tls-certificate and --tls-key go together"));

    if (command == QLatin1String("start")) {
        if (stateDir.isEmpty())
            return usageError(QStringLiteral("start needs --state-dir DIR"));
        return cmdStart(stateDir, tls);
    }
    if (command == QLatin1String("stop")) {
        if (stateDir.isEmpty())
            return usageError(QStringLiteral("stop needs --state-dir DIR"));
        return cmdStop(stateDir);
    }
    if (command == QLatin1String("run"))
        return cmdRun(app, stateDir, tls);
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}
