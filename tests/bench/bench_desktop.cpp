// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop benchmark: the `parla` app against Debian's Linphone desktop, under one Xvfb, in one run.
//
//   parla-bench-desktop [--runs N] [--linphone-runs N] [--idle-seconds S]
//
// See --help and README "Benchmarks" for what it measures and the targets it checks.

#include "callingpeer.h"
#include "series.h"
#include "x11windows.h"

#include "kamailioserver.h"
#include "processfigures.h"
#include "pulseaudioserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <unistd.h>

using parla::test::KamailioServer;
using parla::test::PulseAudioServer;

namespace {

const char Description[] = R"(Desktop benchmark: Parla's desktop app against Debian's Linphone desktop.

It starts its own Xvfb (-displayfd), a private session bus, a private PulseAudio
and the project's Kamailio, then for each run launches a fresh `parla` (new
XDG_CONFIG_HOME/XDG_DATA_HOME, signed in as alice with --server/--user and
PARLA_PASSWORD) and measures, from the process launch (fork, not main()):
  - window: until its main window "Parla" is viewable (mapped) on the X server
    (polled every 2 ms through Xlib), and until its first frame is drawn
    (its own "first frame N ms after start" log line plus launch -> main());
  - running: until its log says "running" (the GUI thread's view), and
    registered: until alice's new contact is in Kamailio's location table
    (polled with kamcmd every ~30 ms, as for Linphone);
  - RSS idle (VmRSS) 5 s after running;
  - CPU (utime+stime ticks) over --idle-seconds with the window unmapped,
    as a window manager minimising it would;
  - in a call: the window mapped again, a `parla-cli` signed in as bob (a
    440 Hz tone from a WAV file as its microphone, what it hears recorded to
    a file) calls alice; Parla answers by Ctrl+Shift+A in its incoming-call
    window (xdotool); 3 s after the call is active, RSS, then CPU over 5 s as
    a share of one core.
Then Linphone desktop (`linphone`), each run with a fresh HOME whose
~/.config/linphone/linphonerc signs carol in over UDP to the same Kamailio
and answers calls by itself ([ui] auto_answer=1, auto_answer_delay=0 ms):
window shown (any named top-level window viewable), registered (carol's new
contact in Kamailio's location table, polled with kamcmd every ~30 ms),
RSS idle, CPU hidden and the same call from bob the same way (Linphone
shows its calls window when it answers). Prints
min/median/max, the ratios and pass/fail against the targets of issue 7
section 7: window within 0.5 s, running within 0.3 s after the window, RSS
at most a third of Linphone's, no CPU while idle with the window hidden.)";

// The app's title for it, English and Italian (the app follows the locale).
const char IncomingWindowPattern[] = "(incoming call|chiamata in arrivo)$";
constexpr int AnswerTimeoutMs = 15000;
constexpr int CallSettleMs = 3000; // from active: both directions' media running
constexpr int CallCpuMs = 5000;

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

double rssMiB(qint64 pid)
{
    const qint64 kib = parla::test::residentKiB(pid);
    return kib < 0 ? -1 : double(kib) / 1024.0;
}

// Waits `milliseconds` while draining `process`'s output so its pipe never blocks it.
void drainFor(QProcess &process, QByteArray &seen, int milliseconds)
{
    QDeadlineTimer deadline(milliseconds);
    while (!deadline.hasExpired()) {
        if (process.state() == QProcess::NotRunning) {
            QThread::msleep(quint64(std::max<qint64>(0, deadline.remainingTime())));
            break;
        }
        process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        seen += process.readAll();
    }
}

void end(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(2000);
    }
}

// A server process that prints one line once ready (Xvfb's display number, dbus's address).
QString startAndReadLine(QProcess &process, const QString &program, const QStringList &arguments)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    QDeadlineTimer deadline(10000);
    while (!process.canReadLine() && !deadline.hasExpired() && process.state() != QProcess::NotRunning)
        process.waitForReadyRead(100);
    return process.canReadLine() ? QString::fromUtf8(process.readLine()).trimmed() : QString();
}

// "first frame N ms after start" and "running N ms after start", which `parla` logs from main().
double ownFigure(const QByteArray &log, const char *what)
{
    const auto match = QRegularExpression(QStringLiteral("%1 (\\d+) ms after start").arg(QLatin1String(what)))
                           .match(QString::fromUtf8(log));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

// A new contact for `user` in Kamailio's location table: registered, as the server sees it.
// kamcmd is a process of its own: asked about every 30 ms, not on every 2 ms poll.
class LocationWatch
{
public:
    LocationWatch(const KamailioServer &kamailio, const QString &user)
        : m_kamailio(kamailio)
        , m_user(user)
        , m_before(kamailio.registeredContacts(user))
    {
    }
    bool hasNewContact()
    {
        if (m_found || (m_lastAsked.isValid() && m_lastAsked.elapsed() < 30))
            return m_found;
        m_lastAsked.start();
        const QStringList now = m_kamailio.registeredContacts(m_user);
        m_found = std::any_of(now.begin(), now.end(), [this](const QString &c) { return !m_before.contains(c); });
        return m_found;
    }

private:
    const KamailioServer &m_kamailio;
    QString m_user;
    QStringList m_before;
    QElapsedTimer m_lastAsked;
    bool m_found = false;
};

struct AppFigures
{
    AppFigures(const QString &app, const QString &online)
        : app(app)
        , window { app + QStringLiteral(" launch -> window viewable"), {} }
        , running { app + QStringLiteral(" launch -> ") + online, {} }
        , runningAfterWindow { app + QStringLiteral(" window -> ") + online.section(QLatin1Char(' '), 0, 0), {} }
        , rssIdle { app + QStringLiteral(" RSS idle, 5 s after window+online"), {} }
        , cpuHidden { app + QStringLiteral(" CPU idle, window hidden (ticks)"), {} }
        , rssCall { app + QStringLiteral(" RSS in a call"), {} }
        , cpuCall { app + QStringLiteral(" CPU in a call (% of a core)"), {} }
        , soundBack { app + QStringLiteral(" in a call: sound back at bob (s)"), {} }
        , firstFrame { app + QStringLiteral(" launch -> first frame (main() + own log)"), {} }
        , registered { app + QStringLiteral(" launch -> registered (Kamailio's table)"), {} }
        , ownFirstFrame { app + QStringLiteral(" main() -> first frame (own log)"), {} }
        , launchToMain { app + QStringLiteral(" launch -> main() (ours - own log)"), {} }
    {
    }
    QString app;
    Series window;
    Series running;
    Series runningAfterWindow;
    Series rssIdle;
    Series cpuHidden;
    Series rssCall;
    Series cpuCall;
    Series soundBack;
    Series firstFrame;
    Series registered;
    Series ownFirstFrame;
    Series launchToMain;
    QString noCall; // why a run has no in-call figures
};

struct Setup
{
    const KamailioServer &kamailio;
    X11Windows &x;
    QProcessEnvironment env; // DISPLAY, the bus, PulseAudio
    int idleSeconds;
    CallingPeer &peer; // bob, who calls each app
};

// Runs a helper (xdotool) to the end, bounded; its standard output.
QString runTool(const Setup &setup, const QStringList &arguments, bool *ok = nullptr)
{
    QProcess process;
    process.setProcessEnvironment(setup.env);
    process.start(QStringLiteral("xdotool"), arguments);
    const bool finished = process.waitForFinished(5000);
    if (!finished) {
        process.kill();
        process.waitForFinished(1000);
    }
    if (ok)
        *ok = finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

// Waits for the window named `title` (any when empty) and for `registered()`, both from `launch`.
template<typename Registered>
bool waitForWindowAndRunning(const Setup &setup, QProcess &app, QByteArray &log, const QElapsedTimer &launch,
    const QString &title, Registered registered, X11Windows::Window &window, double &windowMs, double &runningMs)
{
    windowMs = runningMs = -1;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && app.state() != QProcess::NotRunning && (windowMs < 0 || runningMs < 0)) {
        if (windowMs < 0) {
            if (const auto found = setup.x.viewable(title)) {
                windowMs = ms(launch);
                window = *found;
            }
        }
        log += app.readAll();
        if (runningMs < 0 && registered(log))
            runningMs = ms(launch);
        app.waitForReadyRead(2);
    }
    return windowMs >= 0 && runningMs >= 0;
}

void measureIdle(
    const Setup &setup, QProcess &app, QByteArray &log, const X11Windows::Window &window, AppFigures &figures)
{
    drainFor(app, log, 5000);
    figures.rssIdle.values << rssMiB(app.processId());
    setup.x.unmap(window.id);
    drainFor(app, log, 1000); // let it take the unmap in before counting
    if (setup.x.isViewable(window.id))
        std::fprintf(stderr, "warning: window \"%s\" still viewable after the unmap\n", qPrintable(window.name));
    const qint64 before = parla::test::cpuTicks(app.processId());
    drainFor(app, log, setup.idleSeconds * 1000);
    figures.cpuHidden.values << double(parla::test::cpuTicks(app.processId()) - before);
}

// bob calls `uri`; `answer` is polled while it rings. Once the call is active and its media
// settled: RSS, then CPU over CallCpuMs as a share of one core. Then bob hangs up.
void measureCall(const Setup &setup, QProcess &app, QByteArray &log, const QString &uri,
    const std::function<void()> &answer, AppFigures &figures)
{
    const auto drain = [&app, &log] {
        app.waitForReadyRead(0);
        log += app.readAll();
    };
    const bool active = setup.peer.callUntilActive(uri, AnswerTimeoutMs, [&] {
        drain();
        if (answer)
            answer();
    });
    if (!active) {
        figures.noCall = setup.peer.error();
        std::fprintf(stderr, "%s: no call from bob: %s\n", qPrintable(figures.app), qPrintable(figures.noCall));
        return;
    }
    drainFor(app, log, CallSettleMs);
    const qint64 pid = app.processId();
    const double rss = rssMiB(pid);
    const qint64 before = parla::test::cpuTicks(pid);
    drainFor(app, log, CallCpuMs);
    const qint64 after = parla::test::cpuTicks(pid);
    setup.peer.hangUp(drain);
    if (app.state() == QProcess::NotRunning || rss < 0 || before < 0 || after < 0) {
        figures.noCall
            = QStringLiteral("the app exited in the call (%1, code %2)")
                  .arg(app.exitStatus() == QProcess::CrashExit ? QStringLiteral("crashed") : QStringLiteral("exited"))
                  .arg(app.exitCode());
        std::fprintf(stderr, "%s: %s; its log ends:\n%s\n", qPrintable(figures.app), qPrintable(figures.noCall),
            log.right(3000).constData());
        return;
    }
    figures.rssCall.values << rss;
    figures.cpuCall.values << double(after - before) * 1000.0 / double(sysconf(_SC_CLK_TCK)) / CallCpuMs * 100.0;
    figures.soundBack.values << setup.peer.secondsWithSound();
    if (figures.soundBack.values.constLast() == 0)
        std::fprintf(stderr, "%s: bob heard no sound back: media did not flow both ways\n", qPrintable(figures.app));
}

// Parla answers as a person would: Ctrl+Shift+A typed (XTEST) into its incoming-call window.
// Searched for every 100 ms; the keys again after a second if it still rings.
std::function<void()> parlaAnswers(const Setup &setup)
{
    auto lastSearch = std::make_shared<QElapsedTimer>();
    auto lastKeys = std::make_shared<QElapsedTimer>();
    return [&setup, lastSearch, lastKeys] {
        if ((lastSearch->isValid() && lastSearch->elapsed() < 100)
            || (lastKeys->isValid() && lastKeys->elapsed() < 1000))
            return;
        lastSearch->start();
        const QString dialog = runTool(setup,
            { QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                QString::fromLatin1(IncomingWindowPattern) })
                                   .section(QLatin1Char('\n'), 0, 0);
        if (dialog.isEmpty())
            return;
        lastKeys->start();
        runTool(setup,
            { QStringLiteral("windowfocus"), QStringLiteral("--sync"), dialog, QStringLiteral("key"),
                QStringLiteral("--clearmodifiers"), QStringLiteral("ctrl+shift+a") });
    };
}

bool runParla(const Setup &setup, AppFigures &figures)
{
    QTemporaryDir home;
    const QString run = home.filePath(QStringLiteral("run"));
    QDir().mkpath(run);
    QFile::setPermissions(run, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = setup.env;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), run);
    env.insert(QStringLiteral("PARLA_INSTANCE_SOCKET"), home.filePath(QStringLiteral("parla.socket")));
    env.insert(QStringLiteral("PARLA_PASSWORD"), QStringLiteral("alice-secret"));

    LocationWatch watch(setup.kamailio, QStringLiteral("alice"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    QByteArray log;
    QElapsedTimer launch;
    launch.start();
    app.start(QStringLiteral(PARLA_APP_PATH),
        { QStringLiteral("--server"), setup.kamailio.webSocketUrl().toString(), QStringLiteral("--user"),
            QStringLiteral("alice") });
    X11Windows::Window window;
    double windowMs = -1;
    double runningMs = -1;
    // Both: its log line (the GUI thread's view) and the server's, as for Linphone.
    double registeredMs = -1;
    const auto registered = [&](const QByteArray &seen) {
        if (registeredMs < 0 && watch.hasNewContact())
            registeredMs = ms(launch);
        return registeredMs >= 0 && ownFigure(seen, "running") >= 0;
    };
    const bool up = waitForWindowAndRunning(
        setup, app, log, launch, QStringLiteral("Parla"), registered, window, windowMs, runningMs);
    if (!up) {
        std::fprintf(stderr, "parla: no window or no running within 30 s; its log:\n%s\n", log.constData());
        end(app);
        return false;
    }
    figures.window.values << windowMs;
    figures.running.values << runningMs;
    figures.runningAfterWindow.values << runningMs - windowMs;
    figures.registered.values << registeredMs;
    // The app's own figures count from main(): what is left of ours is exec, loading and Qt's set-up.
    figures.launchToMain.values << runningMs - ownFigure(log, "running");
    measureIdle(setup, app, log, window, figures);
    // The first frame is drawn after the map (llvmpipe takes its time): a mapped window is still blank.
    figures.ownFirstFrame.values << ownFigure(log, "first frame");
    figures.firstFrame.values << figures.launchToMain.values.constLast() + figures.ownFirstFrame.values.constLast();

    // In a call a person looks at the call: the main window back on screen, as Linphone shows
    // its calls window when it answers.
    setup.x.map(window.id);
    if (!setup.x.isViewable(window.id))
        std::fprintf(stderr, "warning: window \"%s\" not viewable after the map\n", qPrintable(window.name));
    measureCall(
        setup, app, log, QStringLiteral("sip:alice@%1").arg(setup.kamailio.domain()), parlaAnswers(setup), figures);
    end(app);
    if (log.contains("alice-secret"))
        std::fprintf(stderr, "parla: the password is in the log!\n");
    return true;
}

QByteArray linphoneConfig(const KamailioServer &kamailio)
{
    const QByteArray domain = kamailio.domain().toUtf8();
    const QByteArray proxy = "sip:" + domain + ':' + QByteArray::number(kamailio.udpPort()) + ";transport=udp";
    return "[sip]\nsip_port=-1\nsip_tcp_port=-1\nsip_tls_port=-1\ndefault_proxy=0\n\n"
           "[proxy_0]\nreg_proxy=<"
        + proxy + ">\nreg_route=<" + proxy + ">\nreg_identity=\"carol\" <sip:carol@" + domain
        + ">\nreg_expires=600\nreg_sendregister=1\npublish=0\n\n"
          "[auth_info_0]\nusername=carol\npasswd=carol-secret\ndomain="
        + domain
        + "\n\n"
          // linphone-desktop 4.4's SettingsModel: [ui] auto_answer, auto_answer_delay in ms (a QTimer's).
          "[ui]\nauto_answer=1\nauto_answer_delay=0\n";
}

bool runLinphone(const Setup &setup, AppFigures &figures)
{
    QTemporaryDir home;
    const QString configDir = home.filePath(QStringLiteral(".config/linphone"));
    QDir().mkpath(configDir);
    QFile rc(configDir + QStringLiteral("/linphonerc"));
    if (!rc.open(QIODevice::WriteOnly) || rc.write(linphoneConfig(setup.kamailio)) < 0)
        return false;
    rc.close();
    QProcessEnvironment env = setup.env;
    env.insert(QStringLiteral("HOME"), home.path());
    for (const char *name : { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" })
        env.remove(QString::fromLatin1(name));

    LocationWatch watch(setup.kamailio, QStringLiteral("carol"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    QByteArray log;
    QElapsedTimer launch;
    launch.start();
    app.start(QStringLiteral("linphone"), {});
    const auto registered = [&watch](const QByteArray &) { return watch.hasNewContact(); };
    X11Windows::Window window;
    double windowMs = -1;
    double runningMs = -1;
    const bool up = waitForWindowAndRunning(setup, app, log, launch, {}, registered, window, windowMs, runningMs);
    if (windowMs >= 0)
        figures.window.values << windowMs;
    if (runningMs >= 0) {
        figures.running.values << runningMs;
        figures.runningAfterWindow.values << runningMs - windowMs;
    }
    if (windowMs < 0) {
        std::fprintf(stderr, "linphone: no window within 30 s; its log:\n%s\n", log.right(2000).constData());
        end(app);
        return false;
    }
    if (!up)
        std::fprintf(
            stderr, "linphone: window \"%s\" shown, but carol not registered within 30 s\n", qPrintable(window.name));
    measureIdle(setup, app, log, window, figures);
    measureCall(setup, app, log, QStringLiteral("sip:carol@%1").arg(setup.kamailio.domain()), {}, figures);
    end(app);
    return true;
}

QString median(const Series &series, const char *format)
{
    return series.values.isEmpty() ? QStringLiteral("n/a") : QString::asprintf(format, series.median());
}

void printRow(const char *figure, const Series &parla, const Series &linphone, const char *unit, const char *format,
    const QString &target, const QString &verdict)
{
    QString ratio = QStringLiteral("n/a");
    if (!parla.values.isEmpty() && !linphone.values.isEmpty() && linphone.median() > 0)
        ratio = QString::asprintf("%.2f", parla.median() / linphone.median());
    std::printf("%-34s %10s %10s %6s  %-5s %-26s %s\n", figure, qPrintable(median(parla, format)),
        qPrintable(median(linphone, format)), qPrintable(ratio), unit, qPrintable(target), qPrintable(verdict));
}

QString verdict(bool known, bool pass)
{
    return !known ? QStringLiteral("n/a") : pass ? QStringLiteral("PASS") : QStringLiteral("FAIL");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(Description));
    parser.addHelpOption();
    const QCommandLineOption runsOption(
        QStringLiteral("runs"), QStringLiteral("Parla runs (default 5)."), QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption linphoneOption(QStringLiteral("linphone-runs"),
        QStringLiteral("Linphone desktop runs, 0 to skip it (default 3)."), QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption idleOption(QStringLiteral("idle-seconds"),
        QStringLiteral("CPU window with the window hidden (default 10)."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption backendOption(QStringLiteral("quick-backend"),
        QStringLiteral("QT_QUICK_BACKEND for both apps, e.g. software (default: Qt's, OpenGL on Mesa's llvmpipe "
                       "under Xvfb)."),
        QStringLiteral("name"));
    parser.addOptions({ runsOption, linphoneOption, idleOption, backendOption });
    parser.process(application);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int linphoneRuns = std::max(0, parser.value(linphoneOption).toInt());
    const bool haveLinphone = !QStandardPaths::findExecutable(QStringLiteral("linphone")).isEmpty();
    if (QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty())
        std::fprintf(stderr, "xdotool not installed: Parla cannot answer, its in-call figures are n/a\n");

    QProcess xvfb;
    const QString displayNumber = startAndReadLine(xvfb, QStringLiteral("Xvfb"),
        { QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-nolisten"), QStringLiteral("tcp"),
            QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1280x1024x24") });
    const QString display = QLatin1Char(':') + displayNumber;
    X11Windows x;
    if (displayNumber.isEmpty() || !x.open(display)) {
        std::fprintf(stderr, "cannot start Xvfb (package xvfb)\n");
        return 1;
    }
    QProcess bus;
    const QString busAddress = startAndReadLine(bus, QStringLiteral("dbus-daemon"),
        { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
    if (busAddress.isEmpty()) {
        std::fprintf(stderr, "cannot start a session bus (package dbus)\n");
        return 1;
    }
    PulseAudioServer pulse; // sets PULSE_SERVER here, so every child inherits it
    if (!pulse.start()) {
        std::fprintf(stderr, "cannot start PulseAudio: %s\n", qPrintable(pulse.error()));
        return 1;
    }
    KamailioServer kamailio;
    if (!kamailio.start()) {
        std::fprintf(stderr, "cannot start Kamailio: %s\n", qPrintable(kamailio.errorString()));
        return 1;
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), display);
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the real xcb platform on Xvfb, for both
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QUICK_BACKEND"));
    if (parser.isSet(backendOption))
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), parser.value(backendOption));
    CallingPeer bob(QStringLiteral(PARLA_CLI_PATH));
    if (!bob.start(env, kamailio.webSocketUrl(), QStringLiteral("bob"), QStringLiteral("bob-secret"))) {
        std::fprintf(stderr, "%s\n", qPrintable(bob.error()));
        return 1;
    }
    const Setup setup { kamailio, x, env, std::max(1, parser.value(idleOption).toInt()), bob };

    std::printf("Xvfb %s, Kamailio %s (udp %d); %d Parla runs, %d Linphone runs, CPU over %d s hidden; Qt Quick "
                "backend: %s\n\n",
        qPrintable(display), qPrintable(kamailio.webSocketUrl().toString()), kamailio.udpPort(), runs,
        haveLinphone ? linphoneRuns : 0, setup.idleSeconds,
        parser.isSet(backendOption) ? qPrintable(parser.value(backendOption)) : "Qt's default");
    AppFigures parla(QStringLiteral("parla"), QStringLiteral("running (ws)"));
    AppFigures linphone(QStringLiteral("linphone"), QStringLiteral("registered (udp)"));
    for (int i = 0; i < runs; ++i) {
        if (!runParla(setup, parla))
            return 1;
    }
    if (haveLinphone) {
        for (int i = 0; i < linphoneRuns; ++i)
            runLinphone(setup, linphone);
    } else {
        std::printf("linphone not installed (Debian's linphone-desktop): its figures are n/a\n\n");
    }
    end(bus);
    x.close();
    end(xvfb);

    std::printf("%-46s %9s %9s %9s\n", "figure", "min", "median", "max");
    for (const Series *s : { &parla.window, &parla.firstFrame, &parla.running, &parla.registered,
             &parla.runningAfterWindow, &parla.ownFirstFrame, &parla.launchToMain })
        s->print("ms");
    for (const Series *s : { &parla.rssIdle, &parla.rssCall })
        s->print("MiB");
    parla.cpuHidden.print("ticks");
    parla.cpuCall.print("%");
    parla.soundBack.print("s");
    for (const Series *s : { &linphone.window, &linphone.running, &linphone.runningAfterWindow })
        s->print("ms");
    for (const Series *s : { &linphone.rssIdle, &linphone.rssCall })
        s->print("MiB");
    linphone.cpuHidden.print("ticks");
    linphone.cpuCall.print("%");
    linphone.soundBack.print("s");

    std::printf(
        "\n%-34s %10s %10s %6s  %-5s %-26s %s\n", "median", "Parla", "Linphone", "ratio", "unit", "target", "verdict");
    const bool haveParla = !parla.window.values.isEmpty();
    printRow("launch -> window mapped", parla.window, linphone.window, "ms", "%.0f", QStringLiteral("Parla <= 500"),
        verdict(haveParla, parla.window.median() <= 500));
    printRow("launch -> first frame drawn", parla.firstFrame, {}, "ms", "%.0f", QStringLiteral("Parla <= 500"),
        verdict(haveParla, parla.firstFrame.median() <= 500));
    printRow("launch -> running/registered", parla.running, linphone.running, "ms", "%.0f", QString(), QString());
    printRow("launch -> registered (Kamailio)", parla.registered, linphone.running, "ms", "%.0f", QString(), QString());
    printRow("window -> running/registered", parla.runningAfterWindow, linphone.runningAfterWindow, "ms", "%.0f",
        QStringLiteral("Parla <= 300"), verdict(haveParla, parla.runningAfterWindow.median() <= 300));
    const bool haveLinphoneRss = !linphone.rssIdle.values.isEmpty();
    printRow("RSS idle", parla.rssIdle, linphone.rssIdle, "MiB", "%.1f", QStringLiteral("ratio <= 0.33"),
        verdict(haveParla && haveLinphoneRss, parla.rssIdle.median() <= linphone.rssIdle.median() / 3));
    printRow("RSS in a call", parla.rssCall, linphone.rssCall, "MiB", "%.1f", QStringLiteral("ratio <= 0.33"),
        verdict(!parla.rssCall.values.isEmpty() && !linphone.rssCall.values.isEmpty(),
            parla.rssCall.median() <= linphone.rssCall.median() / 3));
    printRow("CPU idle, window hidden", parla.cpuHidden, linphone.cpuHidden, "ticks", "%.0f",
        QStringLiteral("Parla 0 ticks (max of runs)"),
        verdict(haveParla,
            !parla.cpuHidden.values.isEmpty()
                && *std::max_element(parla.cpuHidden.values.begin(), parla.cpuHidden.values.end()) == 0));
    printRow("CPU in a call (% of a core)", parla.cpuCall, linphone.cpuCall, "%", "%.1f", QString(), QString());
    std::printf(
        "(a tick is %.0f ms of CPU; ratio is Parla/Linphone, < 1 is better)\n", 1000.0 / double(sysconf(_SC_CLK_TCK)));
    for (const AppFigures *app : { &parla, &linphone }) {
        if (!app->noCall.isEmpty())
            std::printf("%s in a call: %s: %s\n", qPrintable(app->app),
                app->rssCall.values.isEmpty() ? "n/a" : "a run had no call", qPrintable(app->noCall));
    }
    return 0;
}
