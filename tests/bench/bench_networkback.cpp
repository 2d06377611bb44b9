// SPDX-License-Identifier: GPL-3.0-or-later
// Network-back benchmark: the time from the default route coming back to the client running
// again, through the desktop's own parts (rtnetlink reachability -> lifecycle policy ->
// CallClient::networkAvailable()) against the project's Kamailio. Target: under 50 ms.
//
//   unshare -rn sh -c 'ip link set lo up && exec build/tests/bench/parla-bench-network-back [--runs N]'
//
// It needs a network namespace of its own (it takes the default route away): it refuses to
// run where any link but loopback exists. Each run: default route deleted -> the source says
// "lost" -> the client reconnects (networkLost) with a 30 s backoff; route restored -> the
// source says "back" -> networkAvailable() retries at once -> running. Kamailio is on
// loopback, which the route never touches: only the lifecycle can explain a quick return.

#include "series.h"

#include "client/callclient.h"
#include "client/engine.h"
#include "kamailioserver.h"
#include "lifecyclepolicy.h"
#include "netlinkreachability.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>

using namespace std::chrono_literals;
using parla::client::CallClient;
using parla::client::ConnectionTuning;
using parla::client::Engine;
using parla::client::Session;
using parla::desktop::LifecyclePolicy;
using parla::desktop::NetlinkReachability;
using parla::test::KamailioServer;
using State = CallClient::State;

namespace {

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

bool ip(const QString &arguments)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments.split(QLatin1Char(' ')));
    if (!process.waitForFinished(5000) || process.exitCode() != 0) {
        std::fprintf(stderr, "ip %s failed: %s\n", qPrintable(arguments), process.readAllStandardError().constData());
        return false;
    }
    return true;
}

// Until `client` is in `state`; bounded. Returns false on timeout.
bool waitForState(CallClient *client, State state, int timeoutMs = 10000)
{
    QSignalSpy spy(client, &CallClient::stateChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (client->state() != state && !deadline.hasExpired())
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    return client->state() == state;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Time from the default route restored to the client running."));
    parser.addHelpOption();
    QCommandLineOption runsOption(
        QStringLiteral("runs"), QStringLiteral("Runs (default 20)."), QStringLiteral("N"), QStringLiteral("20"));
    parser.addOption(runsOption);
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());

    // Not /sys/class/net: sysfs still shows the namespace it was mounted in.
    QProcess links;
    links.start(QStringLiteral("ip"), { QStringLiteral("-o"), QStringLiteral("link"), QStringLiteral("show") });
    links.waitForFinished(5000);
    const QList<QByteArray> lines = links.readAllStandardOutput().trimmed().split('\n');
    if (lines.size() != 1 || !lines.first().contains(": lo:")) {
        std::fprintf(stderr,
            "refusing to run: this benchmark deletes the default route, so it needs a network namespace of its "
            "own.\nRun: unshare -rn sh -c 'ip link set lo up && exec %s'\n",
            qPrintable(QCoreApplication::applicationFilePath()));
        return 2;
    }
    if (!ip(QStringLiteral("link add bench0 type veth peer name bench1")) || !ip(QStringLiteral("link set bench1 up"))
        || !ip(QStringLiteral("link set bench0 up")) || !ip(QStringLiteral("addr add 10.98.0.2/24 dev bench0"))
        || !ip(QStringLiteral("route add default via 10.98.0.1")))
        return 1;

    KamailioServer kamailio;
    if (!kamailio.start()) {
        std::fprintf(stderr, "Kamailio did not start: %s\n", qPrintable(kamailio.errorString()));
        return 1;
    }
    ConnectionTuning tuning;
    tuning.backoffBase = 30s; // a retry of its own would come 15-30 s later: never within a run
    tuning.backoffCap = 60s;
    // The send budget (5 connections at once, then one per 12 s) rightly slows a network that
    // flaps N times in a few seconds; it has tests of its own and is not what is measured here.
    tuning.sendBudget = { 1000, 1ms, 1000, 1ms };
    Engine engine([tuning](CallClient *client) { client->setTuning(tuning); });
    CallClient *client = engine.client();

    // The desktop's wiring (DesktopLifecycle), minus the sources that need a desktop.
    NetlinkReachability reachability;
    if (!reachability.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(reachability.errorString()));
        return 1;
    }
    LifecyclePolicy policy({ {}, {}, [client] { client->networkAvailable(); }, [client] { client->networkLost(); } });
    policy.setNetworkReachable(reachability.isReachable());
    QElapsedTimer sinceRestore;
    Series toEvent { QStringLiteral("route restored -> reachability event"), {} };
    Series toRunning { QStringLiteral("route restored -> running"), {} };
    Series ipTime { QStringLiteral("(ip route add itself)"), {} };
    QObject::connect(&reachability, &NetlinkReachability::reachableChanged, &policy, [&](bool reachable) {
        if (reachable && sinceRestore.isValid())
            toEvent.values << ms(sinceRestore);
        policy.setNetworkReachable(reachable);
    });

    Session session;
    session.server = kamailio.webSocketUrl();
    session.user = QStringLiteral("alice");
    session.password = QStringLiteral("alice-secret");
    client->start(session);
    if (!waitForState(client, State::Running)) {
        std::fprintf(stderr, "the client never ran\n");
        return 1;
    }
    std::printf("Kamailio on %s (in a network namespace); %d runs\n\n", qPrintable(session.server.toString()), runs);

    for (int run = 0; run < runs; ++run) {
        sinceRestore.invalidate();
        if (!ip(QStringLiteral("route del default via 10.98.0.1")))
            return 1;
        if (!waitForState(client, State::Reconnecting, 5000)) {
            std::fprintf(stderr, "run %d: the client did not notice the network going away\n", run);
            return 1;
        }
        QElapsedTimer ipClock;
        ipClock.start();
        if (!ip(QStringLiteral("route add default via 10.98.0.1")))
            return 1;
        // From the moment the kernel has the route: `ip` has returned.
        sinceRestore.start();
        ipTime.values << ms(ipClock);
        if (!waitForState(client, State::Running, 10000)) {
            std::fprintf(stderr, "run %d: the client did not come back within 10 s\n", run);
            return 1;
        }
        toRunning.values << ms(sinceRestore);
    }

    std::printf("%-46s %9s %9s %9s\n", "figure", "min", "median", "max");
    toEvent.print("ms");
    toRunning.print("ms");
    ipTime.print("ms");
    const double worst = *std::max_element(toRunning.values.begin(), toRunning.values.end());
    std::printf("\ntarget: running again within 50 ms of the network coming back: %s (worst run %.2f ms)\n",
        worst < 50 ? "met" : "MISSED", worst);

    client->stop();
    waitForState(client, State::Stopped, 5000);
    return 0;
}
