// SPDX-License-Identifier: GPL-3.0-or-later
// Registration benchmark: Parla against baresip, on the project's Kamailio, in one run.
//
//   parla-bench-register [--runs N] [--idle-seconds S]
//
// Prints min/median/max of: Parla's start() -> running in-process (ws), parla-cli's launch ->
// registered (ws) against baresip's launch -> registered (udp) with their ratio, Parla's
// resume() -> running, and the idle RSS and CPU of parla-cli and baresip, both registered.

#include "series.h"

#include "client/callclient.h"
#include "client/engine.h"
#include "kamailioserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::test::KamailioServer;

namespace {

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

// Reads a process's output until a line contains `marker`; bounded.
bool waitForOutput(QProcess &process, const QByteArray &marker, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    QByteArray seen;
    while (!deadline.hasExpired()) {
        seen += process.readAll();
        if (seen.contains(marker))
            return true;
        if (process.state() == QProcess::NotRunning)
            return false;
        process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    return false;
}

struct ProcessSample
{
    double cpuMs = 0;
    double rssMiB = 0;
};

ProcessSample sample(qint64 pid)
{
    ProcessSample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the ")" that ends the command name: utime and stime are 14th and 15th overall.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
        s.cpuMs = ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                s.rssMiB = line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return s;
}

class Peers
{
public:
    explicit Peers(const KamailioServer &kamailio)
        : m_kamailio(kamailio)
    {
        // baresip: UDP, no audio device, the account and menu modules only (menu prints "200 OK").
        const QByteArray config = "poll_method epoll\nsip_listen 127.0.0.1:0\nmodule_path /usr/lib/baresip/modules\n"
                                  "module g711.so\nmodule_app account.so\nmodule_app menu.so\n"
                                  "audio_player aufile,/dev/null\naudio_source aufile,/dev/null\n";
        writeFile(m_baresipDir.filePath(QStringLiteral("config")), config);
        writeFile(m_baresipDir.filePath(QStringLiteral("accounts")), baresipAccount() + '\n');
        // The same with no account and the stdio module: it registers when told to on stdin.
        writeFile(m_baresipIdleDir.filePath(QStringLiteral("config")), config + "module stdio.so\n");
        writeFile(m_baresipIdleDir.filePath(QStringLiteral("accounts")), {});
    }

    static void writeFile(const QString &path, const QByteArray &contents)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            qFatal("cannot write %s", qPrintable(path));
    }

    QByteArray baresipAddressOfRecord() const
    {
        return QStringLiteral("sip:bob@127.0.0.1:%1").arg(m_kamailio.udpPort()).toUtf8();
    }
    QByteArray baresipAccount() const
    {
        return '<' + baresipAddressOfRecord() + ";transport=udp>;auth_pass=bob-secret;regint=600";
    }
    // A running baresip with no account yet; returns once it is ready for commands.
    bool startBaresipWaiting(QProcess &process)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("baresip"), { QStringLiteral("-f"), m_baresipIdleDir.path() });
        return waitForOutput(process, "baresip is ready.");
    }
    // A running parla-cli not yet signed in; returns once it answers a command.
    bool startParlaCliWaiting(QProcess &process)
    {
        startParlaCli(process, { QStringLiteral("--no-start") });
        process.write("status\n");
        return waitForOutput(process, "\"status\"");
    }

    void startBaresip(QProcess &process)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("baresip"), { QStringLiteral("-f"), m_baresipDir.path() });
    }
    void startParlaCli(QProcess &process, const QStringList &extra = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARLA_PASSWORD"), QStringLiteral("alice-secret"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_cliConfig.path());
        process.setProcessEnvironment(env);
        const QStringList arguments { QStringLiteral("--server"), m_kamailio.webSocketUrl().toString(),
            QStringLiteral("--user"), QStringLiteral("alice") };
        process.start(QStringLiteral(PARLA_CLI_PATH), arguments + extra);
    }
    static void end(QProcess &process)
    {
        process.write("quit\n");
        process.terminate();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished(2000);
        }
    }

private:
    const KamailioServer &m_kamailio;
    QTemporaryDir m_baresipDir;
    QTemporaryDir m_baresipIdleDir;
    QTemporaryDir m_cliConfig;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Registration benchmark: Parla against baresip."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure (default 20)."),
        QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption idleOption(QStringLiteral("idle-seconds"),
        QStringLiteral("Idle measurement window (default 30)."), QStringLiteral("s"), QStringLiteral("30"));
    parser.addOptions({ runsOption, idleOption });
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int idleSeconds = std::max(1, parser.value(idleOption).toInt());

    KamailioServer kamailio;
    if (!kamailio.start()) {
        std::fprintf(stderr, "cannot start Kamailio: %s\n", qPrintable(kamailio.errorString()));
        return 1;
    }
    std::printf("Kamailio on %s (udp %d); %d runs per figure\n\n", qPrintable(kamailio.webSocketUrl().toString()),
        kamailio.udpPort(), runs);
    std::printf("%-46s %9s %9s %9s\n", "figure", "min", "median", "max");

    Session session;
    session.server = kamailio.webSocketUrl();
    session.user = QStringLiteral("alice");
    session.password = QStringLiteral("alice-secret");
    session.instanceId = QUuid::createUuid();

    // 1. In-process start() -> running: WebSocket handshake, REGISTER, 401, REGISTER, 200.
    Series startSeries { QStringLiteral("parla start() -> running (in-process, ws)"), {} };
    Series resumeSeries { QStringLiteral("parla resume() -> running (in-process, ws)"), {} };
    {
        Engine engine;
        CallClient *client = engine.client();
        for (int i = 0; i < runs; ++i) {
            QSignalSpy didStart(client, &CallClient::didStart);
            QSignalSpy didStop(client, &CallClient::didStop);
            QElapsedTimer timer;
            timer.start();
            client->start(session);
            if (!didStart.wait(10000))
                break;
            startSeries.values.append(ms(timer));
            client->stop();
            didStop.wait(10000);
        }
        // 2. resume() -> running: the client still knows the nonce, so one round trip may do.
        QSignalSpy didStart(client, &CallClient::didStart);
        client->start(session);
        didStart.wait(10000);
        for (int i = 0; i < runs; ++i) {
            QSignalSpy didPause(client, &CallClient::didPause);
            QSignalSpy didResume(client, &CallClient::didResume);
            client->pause();
            if (!didPause.wait(10000))
                break;
            QElapsedTimer timer;
            timer.start();
            client->resume();
            if (!didResume.wait(10000))
                break;
            resumeSeries.values.append(ms(timer));
        }
        QSignalSpy didStop(client, &CallClient::didStop);
        client->stop();
        didStop.wait(10000);
    }
    startSeries.print("ms");
    resumeSeries.print("ms");

    // 3. Whole programs, launch -> registered: parla-cli over ws against baresip over udp.
    Peers peers(kamailio);
    Series cliSeries { QStringLiteral("parla-cli launch -> registered (ws)"), {} };
    Series baresipSeries { QStringLiteral("baresip launch -> registered (udp)"), {} };
    for (int i = 0; i < runs; ++i) {
        {
            QProcess cli;
            QElapsedTimer timer;
            timer.start();
            peers.startParlaCli(cli);
            if (waitForOutput(cli, "\"didStart\""))
                cliSeries.values.append(ms(timer));
            Peers::end(cli);
        }
        {
            QProcess baresip;
            QElapsedTimer timer;
            timer.start();
            peers.startBaresip(baresip);
            if (waitForOutput(baresip, "200 OK"))
                baresipSeries.values.append(ms(timer));
            Peers::end(baresip);
        }
    }
    cliSeries.print("ms");
    baresipSeries.print("ms");
    if (!cliSeries.values.isEmpty() && !baresipSeries.values.isEmpty())
        std::printf("%-46s %9.2f   (median parla-cli / median baresip; < 1 is faster)\n", "ratio Parla/baresip",
            cliSeries.median() / baresipSeries.median());

    // 4. Registration in a program that is already running, told to on stdin: the same pipe
    //    both ways, start-up excluded. parla-cli "start"/"stop" against baresip
    //    "/uanew"/"/uadel", repeated in one process of each; the first round, which pays for the
    //    first connection of the process, is printed on its own. Each program idles 200 ms
    //    first, as a program that a user started does.
    const auto settle = [] {
        QEventLoop loop;
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
        loop.exec();
    };
    Series cliFirst { QStringLiteral("parla-cli first 'start' -> registered (ws)"), {} };
    Series cliAgain { QStringLiteral("parla-cli 'start' -> registered (ws)"), {} };
    Series baresipFirst { QStringLiteral("baresip first '/uanew' -> registered (udp)"), {} };
    Series baresipAgain { QStringLiteral("baresip '/uanew' -> registered (udp)"), {} };
    {
        QProcess cli;
        if (peers.startParlaCliWaiting(cli)) {
            settle();
            for (int i = 0; i <= runs; ++i) {
                QElapsedTimer timer;
                timer.start();
                cli.write("start\n");
                if (!waitForOutput(cli, "\"didStart\""))
                    break;
                (i == 0 ? cliFirst : cliAgain).values.append(ms(timer));
                cli.write("stop\n");
                if (!waitForOutput(cli, "\"didStop\""))
                    break;
            }
        }
        Peers::end(cli);
    }
    {
        QProcess baresip;
        if (peers.startBaresipWaiting(baresip)) {
            settle();
            for (int i = 0; i <= runs; ++i) {
                QElapsedTimer timer;
                timer.start();
                baresip.write("/uanew " + peers.baresipAccount() + '\n');
                if (!waitForOutput(baresip, "200 OK"))
                    break;
                (i == 0 ? baresipFirst : baresipAgain).values.append(ms(timer));
                baresip.write("/uadel " + peers.baresipAddressOfRecord() + '\n');
                if (!waitForOutput(baresip, "deleting ua"))
                    break;
            }
        }
        Peers::end(baresip);
    }
    std::printf("\n");
    cliFirst.print("ms");
    baresipFirst.print("ms");
    cliAgain.print("ms");
    baresipAgain.print("ms");
    if (!cliAgain.values.isEmpty() && !baresipAgain.values.isEmpty())
        std::printf("%-46s %9.2f\n", "ratio Parla/baresip", cliAgain.median() / baresipAgain.median());

    // 5. Idle: both registered side by side for the same window.
    QProcess cli, baresip;
    peers.startParlaCli(cli);
    peers.startBaresip(baresip);
    const bool bothUp = waitForOutput(cli, "\"didStart\"") && waitForOutput(baresip, "200 OK");
    if (bothUp) {
        const ProcessSample cliBefore = sample(cli.processId());
        const ProcessSample baresipBefore = sample(baresip.processId());
        std::printf("\nidle %d s, both registered:\n", idleSeconds);
        std::fflush(stdout);
        QEventLoop loop;
        QTimer::singleShot(std::chrono::seconds(idleSeconds), &loop, &QEventLoop::quit);
        loop.exec();
        const ProcessSample cliAfter = sample(cli.processId());
        const ProcessSample baresipAfter = sample(baresip.processId());
        std::printf("%-46s %9.1f MiB   baresip %9.1f MiB   ratio %.2f\n", "RSS parla-cli", cliAfter.rssMiB,
            baresipAfter.rssMiB, cliAfter.rssMiB / std::max(0.01, baresipAfter.rssMiB));
        std::printf("%-46s %9.1f ms    baresip %9.1f ms\n", "CPU parla-cli over the window",
            cliAfter.cpuMs - cliBefore.cpuMs, baresipAfter.cpuMs - baresipBefore.cpuMs);
    } else {
        std::printf("\nidle: could not get both registered\n");
    }
    Peers::end(cli);
    Peers::end(baresip);
    return startSeries.values.size() == runs && resumeSeries.values.size() == runs && bothUp ? 0 : 1;
}
