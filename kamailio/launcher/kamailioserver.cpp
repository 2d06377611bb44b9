// SPDX-License-Identifier: GPL-3.0-or-later
#include "kamailioserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUdpSocket>

#include <cerrno>
#include <csignal>
#include <functional>
#include <unistd.h>

#ifndef PARLA_KAMAILIO_CONFIG_DIR
#define PARLA_KAMAILIO_CONFIG_DIR ""
#endif

namespace parla::test {

namespace {

const QString kLoopback = QStringLiteral("127.0.0.1");
constexpr int kStartTimeoutMs = 10000;
constexpr int kStopTimeoutMs = 5000;

// Runs the event loop until pred() holds or timeoutMs passes, checking every intervalMs.
bool waitFor(const std::function<bool()> &pred, int timeoutMs, int intervalMs = 50)
{
    if (pred())
        return true;
    QEventLoop loop;
    QElapsedTimer elapsed;
    elapsed.start();
    bool ok = false;
    QTimer tick;
    tick.setInterval(intervalMs);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (pred()) {
            ok = true;
            loop.quit();
        } else if (elapsed.hasExpired(timeoutMs)) {
            loop.quit();
        }
    });
    tick.start();
    loop.exec();
    return ok;
}

QString findProgram(const QString &name)
{
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty()) {
        found = QStandardPaths::findExecutable(
            name, { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/sbin") });
    }
    return found;
}

bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!src.exists() || !QDir().mkpath(to))
        return false;
    const auto entries = src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &fi : entries) {
        const QString target = to + QLatin1Char('/') + fi.fileName();
        if (fi.isDir()) {
            if (!copyTree(fi.absoluteFilePath(), target))
                return false;
        } else {
            QFile::remove(target);
            if (!QFile::copy(fi.absoluteFilePath(), target))
                return false;
            QFile::setPermissions(target, QFile::permissions(target) | QFile::WriteOwner);
        }
    }
    return true;
}

// Is PID a live Kamailio (not a recycled pid of some other program)?
bool isKamailioPid(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return true; // no /proc: trust the signal check
    const QByteArray args = cmdline.readAll();
    if (args.isEmpty())
        return false; // zombie
    return QFileInfo(QString::fromLocal8Bit(args.left(args.indexOf('\0')))).fileName() == QLatin1String("kamailio");
}

bool groupAlive(qint64 pgid)
{
    return pgid > 1 && pgid != ::getpgrp() && ::kill(-pid_t(pgid), 0) == 0;
}

QByteArray optionsRequest(quint16 localPort, quint16 serverPort, const QByteArray &callId)
{
    const QByteArray branch = "z9hG4bK-parla-" + QByteArray::number(QRandomGenerator::global()->generate(), 16);
    return "OPTIONS sip:127.0.0.1:" + QByteArray::number(serverPort) + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + QByteArray::number(localPort) + ";branch=" + branch + ";rport\r\n"
        + "Max-Forwards: 70\r\n" + "From: <sip:probe@127.0.0.1>;tag=" + callId + "\r\n" + "To: <sip:127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\n" + "CSeq: 1 OPTIONS\r\n" + "Content-Length: 0\r\n\r\n";
}

QByteArray newCallId()
{
    return "parla-probe-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
}

bool isOkFor(const QByteArray &reply, const QByteArray &callId)
{
    return reply.startsWith("SIP/2.0 200") && reply.contains(callId);
}

} // namespace

KamailioServer::KamailioServer(QObject *parent)
    : QObject(parent)
{
}

KamailioServer::~KamailioServer()
{
    if (!m_detached)
        stop();
}

void KamailioServer::setRuntimeDir(const QString &dir)
{
    m_runtimeDir = dir.isEmpty() ? QString() : QDir(dir).absolutePath();
}

QString KamailioServer::runtimeDir() const
{
    return m_runtimeDir;
}

void KamailioServer::setDetached(bool detached)
{
    m_detached = detached;
}

void KamailioServer::setTls(const QString &certificateFile, const QString &privateKeyFile)
{
    const bool on = !certificateFile.isEmpty() && !privateKeyFile.isEmpty();
    m_tlsCertificate = on ? QFileInfo(certificateFile).absoluteFilePath() : QString();
    m_tlsPrivateKey = on ? QFileInfo(privateKeyFile).absoluteFilePath() : QString();
}

QString KamailioServer::configDir()
{
    const QString env = qEnvironmentVariable("PARLA_KAMAILIO_CONFIG_DIR");
    return env.isEmpty() ? QString::fromUtf8(PARLA_KAMAILIO_CONFIG_DIR) : env;
}

QString KamailioServer::kamailioProgram()
{
    return findProgram(QStringLiteral("kamailio"));
}

QString KamailioServer::kamcmdProgram()
{
    return findProgram(QStringLiteral("kamcmd"));
}

QStringList KamailioServer::demoUsers()
{
    return { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol") };
}

QString KamailioServer::demoPassword(const QString &user)
{
    return user + QStringLiteral("-secret");
}

QUrl KamailioServer::webSocketUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(kLoopback);
    url.setPort(m_wsPort);
    return url;
}

QUrl KamailioServer::secureWebSocketUrl(const QString &host) const
{
    if (m_wssPort == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("wss"));
    url.setHost(host);
    url.setPort(m_wssPort);
    return url;
}

QString KamailioServer::domain() const
{
    return kLoopback;
}

QString KamailioServer::logFilePath() const
{
    return m_runtimeDir.isEmpty() ? QString() : m_runtimeDir + QStringLiteral("/kamailio.log");
}

QString KamailioServer::ctlSocket() const
{
    return m_runtimeDir.isEmpty() ? QString()
                                  : QStringLiteral("unix:") + m_runtimeDir + QStringLiteral("/kamailio_ctl");
}

void KamailioServer::fail(const QString &message)
{
    m_error = message;
    const QString tail = logTail();
    if (!tail.isEmpty())
        m_error += QStringLiteral("\n--- tail of %1 ---\n%2").arg(logFilePath(), tail);
}

QString KamailioServer::logTail(int lines) const
{
    QFile f(logFilePath());
    if (f.fileName().isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > 64 * 1024)
        f.seek(f.size() - 64 * 1024);
    QStringList all = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    while (!all.isEmpty() && all.last().isEmpty())
        all.removeLast();
    return all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

bool KamailioServer::pickPorts()
{
    // One port free for both UDP and TCP (SIP), one TCP port for WebSocket, one for wss://.
    for (int attempt = 0; attempt < 50; ++attempt) {
        QUdpSocket udp;
        if (!udp.bind(QHostAddress::LocalHost, 0))
            continue;
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost, udp.localPort()))
            continue;
        QTcpServer ws;
        if (!ws.listen(QHostAddress::LocalHost, 0))
            continue;
        QTcpServer wss;
        if (hasTls() && !wss.listen(QHostAddress::LocalHost, 0))
            continue;
        m_sipPort = udp.localPort();
        m_wsPort = ws.serverPort();
        m_wssPort = hasTls() ? wss.serverPort() : 0;
        return true;
    }
    m_error = QStringLiteral("could not find free loopback ports");
    return false;
}

bool KamailioServer::prepareRuntimeDir()
{
    if (m_runtimeDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/parla-kamailio-XXXXXX"));
        if (!m_tempDir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary dir: %1").arg(m_tempDir->errorString());
            return false;
        }
        m_runtimeDir = m_tempDir->path();
    }
    if (!QDir().mkpath(m_runtimeDir)) {
        m_error = QStringLiteral("cannot create the runtime dir %1").arg(m_runtimeDir);
        return false;
    }
    const QString source = configDir();
    const QString cfg = source + QStringLiteral("/kamailio.cfg");
    if (source.isEmpty() || !QFileInfo::exists(cfg)) {
        m_error = QStringLiteral("no kamailio.cfg in the config dir '%1' (set PARLA_KAMAILIO_CONFIG_DIR)").arg(source);
        return false;
    }
    const QString cfgCopy = m_runtimeDir + QStringLiteral("/kamailio.cfg");
    QFile::remove(cfgCopy);
    if (!QFile::copy(cfg, cfgCopy)
        || !copyTree(source + QStringLiteral("/dbtext"), m_runtimeDir + QStringLiteral("/dbtext"))) {
        m_error = QStringLiteral("cannot copy the Kamailio config from %1 to %2").arg(source, m_runtimeDir);
        return false;
    }
    // Stale leftovers of a crashed run.
    QFile::remove(m_runtimeDir + QStringLiteral("/kamailio_ctl"));
    QFile::remove(m_runtimeDir + QStringLiteral("/kamailio.pid"));
    return true;
}

QStringList KamailioServer::arguments() const
{
    const QString dir = m_runtimeDir;
    QStringList args {
        QStringLiteral("-f"),
        dir + QStringLiteral("/kamailio.cfg"),
        QStringLiteral("-DD"),
        QStringLiteral("-E"),
        QStringLiteral("-m"),
        QStringLiteral("64"),
        QStringLiteral("-M"),
        QStringLiteral("8"),
        QStringLiteral("-Y"),
        dir,
        QStringLiteral("-w"),
        dir,
        QStringLiteral("-P"),
        dir + QStringLiteral("/kamailio.pid"),
        QStringLiteral("-A"),
        QStringLiteral("LISTEN_ADDR=") + kLoopback,
        QStringLiteral("-A"),
        QStringLiteral("UDP_PORT=%1").arg(m_sipPort),
        QStringLiteral("-A"),
        QStringLiteral("TCP_PORT=%1").arg(m_sipPort),
        QStringLiteral("-A"),
        QStringLiteral("WS_PORT=%1").arg(m_wsPort),
        QStringLiteral("-A"),
        QStringLiteral("DBTEXT_URL=\"text://%1/dbtext\"").arg(dir),
        QStringLiteral("-A"),
        QStringLiteral("CTL_SOCKET=\"%1\"").arg(ctlSocket()),
    };
    if (hasTls()) {
        args += {
            QStringLiteral("-A"),
            QStringLiteral("WITH_TLS"),
            QStringLiteral("-A"),
            QStringLiteral("WSS_PORT=%1").arg(m_wssPort),
            QStringLiteral("-A"),
            QStringLiteral("TLS_CERTIFICATE=\"%1\"").arg(m_tlsCertificate),
            QStringLiteral("-A"),
            QStringLiteral("TLS_PRIVATE_KEY=\"%1\"").arg(m_tlsPrivateKey),
        };
    }
    for (const QString &define : m_defines)
        args += { QStringLiteral("-A"), define };
    return args;
}

bool KamailioServer::launch()
{
    const QString program = kamailioProgram();
    if (program.isEmpty()) {
        m_error = QStringLiteral("kamailio not found in PATH nor in /usr/sbin");
        return false;
    }
    {
        QFile log(logFilePath());
        if (log.open(QIODevice::Append))
            log.write(QStringLiteral("=== parla: %1 %2\n").arg(program, arguments().join(QLatin1Char(' '))).toUtf8());
    }
    auto *process = new QProcess(this);
    process->setProgram(program);
    process->setArguments(arguments());
    process->setWorkingDirectory(m_runtimeDir);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(logFilePath(), QIODevice::Append);
    process->setStandardErrorFile(logFilePath(), QIODevice::Append);
    // Its own process group, so kill() can take the worker processes down too: Kamailio's
    // children outlive a SIGKILLed main process and would keep the ports.
    process->setChildProcessModifier([] { ::setsid(); });

    if (m_detached) {
        qint64 pid = 0;
        const bool ok = process->startDetached(&pid);
        delete process;
        if (!ok) {
            fail(QStringLiteral("cannot start %1").arg(program));
            return false;
        }
        m_pid = pid;
        // startDetached() makes its own session (setsid in the intermediate child), so the
        // group id is not the pid: remember it for kill().
        m_pgid = ::getpgid(pid_t(pid));
        return true;
    }

    m_process = process;
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        if (process != m_process)
            return;
        if (!m_stopping)
            Q_EMIT unexpectedlyExited(code, status);
    });
    process->start();
    if (!process->waitForStarted(kStartTimeoutMs)) {
        fail(QStringLiteral("cannot start %1: %2").arg(program, process->errorString()));
        m_process = nullptr;
        process->deleteLater();
        return false;
    }
    m_pid = process->processId();
    m_pgid = ::getpgid(pid_t(m_pid));
    return true;
}

bool KamailioServer::processAlive() const
{
    if (m_process)
        return m_process->state() != QProcess::NotRunning;
    return isKamailioPid(m_pid);
}

bool KamailioServer::isRunning() const
{
    return m_pid > 0 && processAlive();
}

bool KamailioServer::waitUntilListening(int timeoutMs)
{
    QUdpSocket udp;
    if (!udp.bind(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("cannot bind a UDP probe socket");
        return false;
    }
    const QByteArray callId = newCallId();
    bool udpOk = false;
    bool tcpOk = false;
    bool wsOk = false;
    bool wssOk = !hasTls();
    QTcpSocket tcp;
    QTcpSocket ws;
    QTcpSocket wss;
    QObject::connect(&udp, &QUdpSocket::readyRead, &udp, [&] {
        while (udp.hasPendingDatagrams()) {
            if (isOkFor(udp.receiveDatagram().data(), callId))
                udpOk = true;
        }
    });
    QObject::connect(&tcp, &QTcpSocket::connected, &tcp, [&] {
        tcpOk = true;
        tcp.abort();
    });
    QObject::connect(&ws, &QTcpSocket::connected, &ws, [&] {
        wsOk = true;
        ws.abort();
    });
    QObject::connect(&wss, &QTcpSocket::connected, &wss, [&] {
        wssOk = true;
        wss.abort();
    });
    const QString ctlPath = ctlSocket().mid(5);
    const bool ready = waitFor(
        [&] {
            if (!processAlive())
                return true; // give up at once
            if (!udpOk)
                udp.writeDatagram(
                    optionsRequest(udp.localPort(), m_sipPort, callId), QHostAddress::LocalHost, m_sipPort);
            if (!tcpOk && tcp.state() == QAbstractSocket::UnconnectedState)
                tcp.connectToHost(QHostAddress::LocalHost, m_sipPort);
            if (!wsOk && ws.state() == QAbstractSocket::UnconnectedState)
                ws.connectToHost(QHostAddress::LocalHost, m_wsPort);
            if (!wssOk && wss.state() == QAbstractSocket::UnconnectedState)
                wss.connectToHost(QHostAddress::LocalHost, m_wssPort);
            return udpOk && tcpOk && wsOk && wssOk && QFileInfo::exists(ctlPath);
        },
        timeoutMs, 100);
    if (!processAlive()) {
        fail(QStringLiteral("kamailio exited during start-up"));
        return false;
    }
    if (!ready || !udpOk || !tcpOk || !wsOk || !wssOk) {
        fail(QStringLiteral("kamailio is not listening after %1 ms (OPTIONS/UDP %2, TCP %3, WebSocket %4, TLS %5)")
                 .arg(timeoutMs)
                 .arg(udpOk ? QStringLiteral("ok") : QStringLiteral("no answer"),
                     tcpOk ? QStringLiteral("ok") : QStringLiteral("refused"),
                     wsOk ? QStringLiteral("ok") : QStringLiteral("refused"),
                     !hasTls()   ? QStringLiteral("off")
                         : wssOk ? QStringLiteral("ok")
                                 : QStringLiteral("refused")));
        return false;
    }
    return true;
}

bool KamailioServer::start()
{
    m_error.clear();
    if (isRunning()) {
        m_error = QStringLiteral("already running (pid %1)").arg(m_pid);
        return false;
    }
    const bool freshPorts = m_sipPort == 0 || m_wsPort == 0 || (hasTls() && m_wssPort == 0);
    // With fresh ports, a port taken between picking and binding is retried with new ones.
    for (int attempt = 0; attempt < (freshPorts ? 3 : 1); ++attempt) {
        if (freshPorts && !pickPorts())
            return false;
        if (!prepareRuntimeDir())
            return false;
        m_stopping = false;
        if (!launch())
            return false;
        if (waitUntilListening(kStartTimeoutMs))
            return true;
        const QString error = m_error;
        kill();
        m_error = error;
    }
    return false;
}

void KamailioServer::waitUntilGone(int timeoutMs)
{
    waitFor([&] { return !processAlive() && !groupAlive(m_pgid); }, timeoutMs);
}

void KamailioServer::stop()
{
    if (m_pid <= 0)
        return;
    m_stopping = true;
    if (processAlive()) {
        ::kill(pid_t(m_pid), SIGTERM);
        waitUntilGone(kStopTimeoutMs);
    }
    if (processAlive() || groupAlive(m_pgid)) {
        // Kamailio runs in a session of its own: its worker processes share its group.
        signalGroup(SIGKILL);
        waitUntilGone(kStopTimeoutMs);
    }
    forgetProcess();
}

void KamailioServer::forgetProcess()
{
    if (m_process) {
        m_process->waitForFinished(kStopTimeoutMs);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_pid = 0;
    m_pgid = 0;
}

void KamailioServer::signalGroup(int signal)
{
    if (processAlive())
        ::kill(pid_t(m_pid), signal);
    // Never signal our own group (e.g. a bogus state file).
    if (m_pgid > 1 && m_pgid != ::getpgrp())
        ::kill(-pid_t(m_pgid), signal);
}

void KamailioServer::freeze()
{
    signalGroup(SIGSTOP);
}

void KamailioServer::thaw()
{
    signalGroup(SIGCONT);
}

void KamailioServer::kill()
{
    if (m_pid <= 0)
        return;
    m_stopping = true;
    signalGroup(SIGKILL);
    waitUntilGone(kStopTimeoutMs);
    forgetProcess();
}

bool KamailioServer::restart()
{
    if (isRunning())
        stop();
    m_pid = 0;
    return start();
}

bool KamailioServer::ping(int timeoutMs) const
{
    if (m_sipPort == 0)
        return false;
    QUdpSocket udp;
    if (!udp.bind(QHostAddress::LocalHost, 0))
        return false;
    const QByteArray callId = newCallId();
    bool ok = false;
    QObject::connect(&udp, &QUdpSocket::readyRead, &udp, [&] {
        while (udp.hasPendingDatagrams()) {
            if (isOkFor(udp.receiveDatagram().data(), callId))
                ok = true;
        }
    });
    const QByteArray request = optionsRequest(udp.localPort(), m_sipPort, callId);
    udp.writeDatagram(request, QHostAddress::LocalHost, m_sipPort);
    // Retransmit like a UDP client would (T1 = 500 ms).
    QElapsedTimer sinceSend;
    sinceSend.start();
    waitFor(
        [&] {
            if (!ok && sinceSend.hasExpired(500)) {
                udp.writeDatagram(request, QHostAddress::LocalHost, m_sipPort);
                sinceSend.restart();
            }
            return ok;
        },
        timeoutMs, 20);
    return ok;
}

bool KamailioServer::runKamcmd(const QStringList &command, QString *output) const
{
    auto *self = const_cast<KamailioServer *>(this);
    self->m_error.clear();
    const QString kamcmd = kamcmdProgram();
    if (kamcmd.isEmpty()) {
        self->m_error = QStringLiteral("kamcmd not found in PATH nor in /usr/sbin");
        return false;
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(kamcmd, QStringList { QStringLiteral("-s"), ctlSocket() } + command);
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(1000);
        self->m_error = QStringLiteral("kamcmd did not answer");
        return false;
    }
    *output = QString::fromUtf8(p.readAllStandardOutput());
    return p.exitCode() == 0 && !output->startsWith(QLatin1String("error"));
}

QStringList KamailioServer::registeredContacts(const QString &user) const
{
    QString out;
    if (!runKamcmd({ QStringLiteral("ul.lookup"), QStringLiteral("location"), user }, &out)) {
        // "error: 404 - AOR not found" (5.6 says 500 - AOR not found in location table) means none.
        if (!out.contains(QLatin1String("AOR not found")) && m_error.isEmpty())
            const_cast<KamailioServer *>(this)->m_error
                = QStringLiteral("kamcmd ul.lookup failed: %1").arg(out.trimmed());
        return {};
    }
    QStringList contacts;
    const auto lines = out.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("Address:")))
            contacts << t.mid(8).trimmed();
    }
    return contacts;
}

int KamailioServer::webSocketConnectionCount() const
{
    QString out;
    if (!runKamcmd({ QStringLiteral("ws.dump") }, &out)) {
        const_cast<KamailioServer *>(this)->m_error = QStringLiteral("kamcmd ws.dump failed: %1").arg(out.trimmed());
        return -1;
    }
    const qsizetype at = out.indexOf(QLatin1String("wscounter:"));
    bool ok = false;
    const int count = at < 0 ? -1 : out.mid(at + 10).section(QLatin1Char('\n'), 0, 0).trimmed().toInt(&ok);
    return ok ? count : -1;
}

bool KamailioServer::writeStateFile() const
{
    QSaveFile f(m_runtimeDir + QLatin1Char('/') + QLatin1String(StateFileName));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const QString text = QStringLiteral("# Written by parla-kamailio; shell-sourceable.\n"
                                        "PARLA_KAMAILIO_WS_URL=%1\n"
                                        "PARLA_KAMAILIO_WS_PORT=%2\n"
                                        "PARLA_KAMAILIO_UDP_PORT=%3\n"
                                        "PARLA_KAMAILIO_TCP_PORT=%4\n"
                                        "PARLA_KAMAILIO_DOMAIN=%5\n"
                                        "PARLA_KAMAILIO_PID=%6\n"
                                        "PARLA_KAMAILIO_CTL=%7\n"
                                        "PARLA_KAMAILIO_LOG=%8\n"
                                        "PARLA_KAMAILIO_RUNTIME_DIR=%9\n"
                                        "PARLA_KAMAILIO_PGID=%10\n"
                                        "PARLA_KAMAILIO_WSS_URL=%11\n"
                                        "PARLA_KAMAILIO_WSS_PORT=%12\n")
                             .arg(webSocketUrl().toString())
                             .arg(m_wsPort)
                             .arg(udpPort())
                             .arg(tcpPort())
                             .arg(domain())
                             .arg(m_pid)
                             .arg(ctlSocket(), logFilePath(), m_runtimeDir)
                             .arg(m_pgid)
                             .arg(secureWebSocketUrl().toString())
                             .arg(m_wssPort);
    f.write(text.toUtf8());
    return f.commit();
}

std::unique_ptr<KamailioServer> KamailioServer::attach(const QString &stateDir, QString *error)
{
    auto setError = [&](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (stateDir.isEmpty())
        return setError(QStringLiteral("no Kamailio state dir given (is %1 set?)").arg(QLatin1String(StateDirEnv)));
    QFile f(QDir(stateDir).absoluteFilePath(QLatin1String(StateFileName)));
    if (!f.open(QIODevice::ReadOnly))
        return setError(QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
    QHash<QString, QString> values;
    const auto lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const int eq = line.indexOf(QLatin1Char('='));
        if (line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        values.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    auto server = std::make_unique<KamailioServer>();
    server->m_detached = true;
    server->m_runtimeDir = QDir(stateDir).absolutePath();
    server->m_pid = values.value(QStringLiteral("PARLA_KAMAILIO_PID")).toLongLong();
    server->m_pgid = values.value(QStringLiteral("PARLA_KAMAILIO_PGID")).toLongLong();
    server->m_wsPort = values.value(QStringLiteral("PARLA_KAMAILIO_WS_PORT")).toUShort();
    server->m_wssPort = values.value(QStringLiteral("PARLA_KAMAILIO_WSS_PORT")).toUShort();
    server->m_sipPort = values.value(QStringLiteral("PARLA_KAMAILIO_UDP_PORT")).toUShort();
    if (server->m_pgid <= 0 && isKamailioPid(server->m_pid))
        server->m_pgid = ::getpgid(pid_t(server->m_pid));
    if (server->m_pid <= 0 || server->m_wsPort == 0 || server->m_sipPort == 0)
        return setError(QStringLiteral("%1 is incomplete").arg(f.fileName()));
    return server;
}

std::unique_ptr<KamailioServer> KamailioServer::attachFromEnvironment(QString *error)
{
    return attach(qEnvironmentVariable(StateDirEnv), error);
}

} // namespace parla::test
