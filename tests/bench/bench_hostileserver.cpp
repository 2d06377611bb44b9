// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile-server benchmark: how many requests and connection attempts a server that sends
// extreme values can get out of Parla in a minute, one scenario after another.
//
//   parla-bench-hostileserver [--seconds S]     (default 60 s per scenario)
//
// Each scenario is a FakeSipServer (a real WebSocket on loopback) with a handler that answers
// every REGISTER the hostile way, and a CallClient on its engine thread with the default
// tuning, as parla-cli runs it. Counts are scaled to one minute when S is not 60.

#include "client/callclient.h"
#include "client/engine.h"
#include "hostileservers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QWebSocket>

#include <cstdio>

using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::test::FakeSipServer;
using parla::test::HostileServer;

namespace {

void waitFor(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Requests per minute a hostile server gets out of Parla."));
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
        QStringLiteral("Window per scenario (default 60)."), QStringLiteral("S"), QStringLiteral("60"));
    parser.addOption(secondsOption);
    parser.process(app);
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const double perMinute = 60.0 / seconds;

    std::printf("%-20s %12s %12s %10s  %s\n", "scenario", "requests/min", "connects/min", "end state", "server");
    for (const HostileServer &scenario : parla::test::hostileServers()) {
        FakeSipServer server;
        if (!server.listen()) {
            std::fprintf(stderr, "cannot listen on loopback\n");
            return 1;
        }
        server.setHandler(scenario.handler);
        Engine engine;
        Session session;
        session.server = server.url();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("secret");
        session.domain = QStringLiteral("hostile.test");
        engine.client()->start(session);
        waitFor(std::chrono::seconds(seconds));
        const int requests = server.requestCount();
        const int connections = server.connectionCount();
        const QString state = CallClient::stateName(engine.client()->state());
        std::printf("%-20s %12.0f %12.0f %10s  %s\n", scenario.name, requests * perMinute, connections * perMinute,
            qPrintable(state), scenario.what);
        std::fflush(stdout);
        engine.client()->stop();
        waitFor(std::chrono::milliseconds(200));
    }
    return 0;
}
