// SPDX-License-Identifier: GPL-3.0-or-later
// Call benchmark: Parla against baresip, on the project's Kamailio, in one run.
//
//   parla-bench-calls [--runs N] [--cpu-seconds S] [--latency-runs N] [--speech]
//
// 1. Call set-up, Parla -> Parla (in-process, two engines, ws) and baresip -> baresip (udp),
//    the callee answering at once: from the caller's side (call() -> Active on the engine
//    thread; ctrl_tcp "dial" -> CALL_ESTABLISHED) and on the wire (first INVITE sent -> its
//    200 OK received, 407 round included: Parla's parla.sip log lines on the caller's engine
//    thread; baresip's SIP trace, -s, as it reaches the pipe).
// 2. CPU per active Opus call: each end's process CPU time over a window, from /proc/<pid>/stat.
//    Parla runs as two processes of this program (--peer: one CallClient on its engine thread,
//    AudioCallMedia on a media thread, a 1 kHz tone as the mic, what arrives written to a WAV
//    file); baresip as two processes (ausine as the mic, the sndfile dump of sent and received
//    audio as the recording). No sound server in either. With --speech both ends send the
//    same synthetic voice from a WAV file instead (Parla's WavFileSource, baresip's aufile):
//    Opus codes a tone in CELT but speech in SILK/hybrid, which costs about three times more.
// 3. Mouth-to-ear, Parla -> Parla (in-process): from the caller's source handing over the first
//    frame of a tone to the callee's sink being handed the first frame in which Goertzel finds
//    it. Sound devices are not in the path (their buffers add their own latency).

#include "series.h"

#include "baresippeer.h"
#include "kamailioserver.h"
#include "tonecapturesink.h"

#include "calls/audiocallmedia.h"
#include "calls/call.h"
#include "client/callclient.h"
#include "client/engine.h"
#include "media/goertzeldetector.h"
#include "media/mediaengine.h"
#include "media/tonesource.h"
#include "media/wavfilesink.h"
#include "media/wavfilesource.h"
#include "syntheticvoice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcess>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <unistd.h>

using namespace std::chrono_literals;
using parla::calls::AudioCallMedia;
using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::media::MediaEngine;
using parla::test::BaresipPeer;
using parla::test::KamailioServer;
using parla::test::ToneCaptureSink;

namespace {

constexpr double ToneHz = 1000;
constexpr double ToneDbfs = -12;
// --speech: the WAV both ends send in the CPU figure; its --peer processes inherit it.
constexpr char SpeechVariable[] = "PARLA_BENCH_SPEECH_WAV";

QString speechWav()
{
    return qEnvironmentVariable(SpeechVariable);
}

// A minute of syntheticVoice() as a 48 kHz mono WAV file.
bool writeSpeech(const QString &path)
{
    parla::media::WavFileSink file(path);
    file.start();
    parla::media::AudioFrame frame {};
    for (const QList<qint16> &samples : parla::test::syntheticVoice(50 * 60)) {
        std::copy(samples.begin(), samples.end(), frame.begin());
        file.write(frame);
    }
    file.stop();
    return QFileInfo(path).size() > 50 * 60 * parla::media::AudioFrameBytes;
}

qint64 nowNs()
{
    return BaresipPeer::nowNs();
}

void printRatio(const char *name, const Series &parla, const Series &peer)
{
    if (!parla.values.isEmpty() && !peer.values.isEmpty() && peer.median() > 0)
        std::printf(
            "%-50s %9.2f   (median Parla / median baresip; < 1 is better)\n", name, parla.median() / peer.median());
}

// CPU time of a process, or of one of its threads (`pid` a thread id of process `process`).
double cpuMs(qint64 pid, qint64 process = 0)
{
    QFile stat(process ? QStringLiteral("/proc/%1/task/%2/stat").arg(process).arg(pid)
                       : QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // After the ")" that ends the command name: utime and stime are the 14th and 15th fields.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// CPU time of each thread of `pid`, by thread name (threads of one name are added up).
QMap<QString, double> threadCpuMs(qint64 pid)
{
    QMap<QString, double> result;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly))
            continue;
        result[QString::fromUtf8(comm.readAll().trimmed())] += cpuMs(tid.toLongLong(), pid);
    }
    return result;
}

QString threadShares(const QMap<QString, double> &before, const QMap<QString, double> &after, int seconds)
{
    QStringList parts;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const double share = (it.value() - before.value(it.key())) / (seconds * 10.0);
        if (share >= 0.05)
            parts << QStringLiteral("%1 %2%").arg(it.key()).arg(share, 0, 'f', 2);
    }
    return parts.join(QStringLiteral(", "));
}

bool wait(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

// --- Parla's wire timing: the caller's parla.sip lines ------------------------------------

std::atomic<QThread *> g_wireThread { nullptr };
std::atomic<qint64> g_inviteSentNs { 0 };
std::atomic<qint64> g_okReceivedNs { 0 };
QtMessageHandler g_previousHandler = nullptr;

void wireLogger(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg && context.category && qstrcmp(context.category, "parla.sip") == 0) {
        if (QThread::currentThread() == g_wireThread.load()) {
            const qint64 now = nowNs();
            if (message.startsWith(QLatin1String("sending INVITE")) && g_inviteSentNs.load() == 0)
                g_inviteSentNs = now;
            else if (message.startsWith(QLatin1String("received SIP/2.0 200")) && g_inviteSentNs.load() != 0
                && g_okReceivedNs.load() == 0)
                g_okReceivedNs = now;
        }
        return; // SIP debug lines are measured, not printed
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// The send budget (SendBudget: 30 requests, then one every 2 s) is there against storms; a
// person's calls never meet it, but 20 calls back to back do (each costs INVITE, INVITE with
// credentials and BYE), and it would make set-up wait up to 2 s per request. Lifted here so
// the figures say what one call costs.
void allowBackToBackCalls(CallClient *client)
{
    auto tuning = client->tuning();
    tuning.sendBudget.requestBurst = 100000;
    client->setTuning(tuning);
}

// --- One Parla phone in this process -------------------------------------------------------

struct PhoneProbe
{
    std::atomic<qint64> activeNs { 0 };
    std::atomic<qint64> endedNs { 0 };
    std::atomic<int> incoming { 0 };
    std::atomic<qint64> toneSentNs { 0 }; // the source handed over the first frame of the tone
    std::atomic<ToneCaptureSink *> heard { nullptr };

    void reset()
    {
        activeNs = 0;
        endedNs = 0;
        incoming = 0;
        toneSentNs = 0;
        heard = nullptr;
    }
};

class Phone
{
public:
    // `endpoints` makes the call's source and sink (on the media thread); answers calls at once.
    Phone(const QString &user, const KamailioServer &kamailio, AudioCallMedia::EndpointFactory endpoints)
        : m_user(user)
    {
        AudioCallMedia::Options media;
        media.engine = &m_media;
        media.endpoints = std::move(endpoints);
        m_engine = std::make_unique<Engine>([media, this](CallClient *client) {
            client->setMediaFactory(AudioCallMedia::factory(media));
            allowBackToBackCalls(client);
            QObject::connect(client, &CallClient::incomingCall, client, [this](Call *call) {
                ++probe.incoming;
                watch(call);
                QMetaObject::invokeMethod(call, &Call::answer, Qt::QueuedConnection);
            });
        });
        m_session.server = kamailio.webSocketUrl();
        m_session.user = user;
        m_session.password = KamailioServer::demoPassword(user);
    }
    ~Phone()
    {
        std::atomic<bool> stopped { false };
        QObject::connect(client(), &CallClient::didStop, client(), [&stopped] { stopped = true; });
        client()->stop();
        wait([&] { return stopped.load(); }, 3000);
    }

    CallClient *client() const { return m_engine->client(); }
    QThread *thread() const { return m_engine->thread(); }

    bool start()
    {
        client()->start(m_session);
        return wait([this] { return client()->state() == CallClient::State::Running; });
    }

    // Places a call on the engine thread; the clock starts right before call().
    qint64 call(const QString &uri)
    {
        qint64 startedNs = 0;
        QMetaObject::invokeMethod(
            client(),
            [&] {
                startedNs = nowNs();
                m_call = client()->call(uri);
                if (m_call)
                    watch(m_call);
            },
            Qt::BlockingQueuedConnection);
        return m_call ? startedNs : 0;
    }
    void hangUp()
    {
        if (m_call)
            QMetaObject::invokeMethod(m_call, &Call::hangUp, Qt::QueuedConnection);
    }

    PhoneProbe probe;

private:
    void watch(Call *call)
    {
        QObject::connect(call, &Call::stateChanged, call, [this](Call::State state) {
            if (state == Call::State::Active && probe.activeNs.load() == 0)
                probe.activeNs = nowNs();
            if (state == Call::State::Ended)
                probe.endedNs = nowNs();
        });
    }

    QString m_user;
    MediaEngine m_media;
    std::unique_ptr<Engine> m_engine;
    Session m_session;
    QPointer<Call> m_call;
};

// A tone after `silence`, for `duration`; the probe learns when its first frame went out.
AudioCallMedia::EndpointFactory toneAfter(PhoneProbe *probe, std::chrono::milliseconds silence)
{
    return [probe, silence] {
        auto *source = new parla::media::ToneSource(
            parla::media::ToneGenerator({ { silence, 0.0 }, { 60s, ToneHz } }, false, ToneDbfs));
        QObject::connect(
            source, &parla::media::AudioSource::frameReady, source, [probe](const parla::media::AudioFrame &frame) {
                if (probe->toneSentNs.load() == 0 && parla::media::GoertzelDetector::meanSquare(frame) > 1e-6)
                    probe->toneSentNs = nowNs();
            });
        return AudioCallMedia::Endpoints { source, nullptr };
    };
}

AudioCallMedia::EndpointFactory listener(PhoneProbe *probe)
{
    return [probe] {
        auto *sink = new ToneCaptureSink(ToneHz);
        probe->heard = sink;
        return AudioCallMedia::Endpoints { nullptr, sink };
    };
}

// --- --peer: this program as one Parla process for the CPU figure ---------------------------

int runPeer(const QString &user, const QUrl &server, const QString &recordPath)
{
    std::mutex outputLock;
    const auto say = [&outputLock](const char *line) {
        std::lock_guard lock(outputLock);
        std::printf("%s\n", line);
        std::fflush(stdout);
    };
    MediaEngine media;
    AudioCallMedia::Options options;
    options.engine = &media;
    options.endpoints = [recordPath] {
        parla::media::AudioSource *source = nullptr;
        if (const QString speech = speechWav(); !speech.isEmpty())
            source = new parla::media::WavFileSource(speech);
        else
            source = new parla::media::ToneSource(parla::media::ToneGenerator({ { 60s, ToneHz } }, true, ToneDbfs));
        return AudioCallMedia::Endpoints { source, new parla::media::WavFileSink(recordPath) };
    };
    QPointer<Call> current;
    Engine engine([&](CallClient *client) {
        client->setMediaFactory(AudioCallMedia::factory(options));
        allowBackToBackCalls(client);
        QObject::connect(client, &CallClient::incomingCall, client, [&](Call *call) {
            current = call;
            QObject::connect(call, &Call::stateChanged, call, [&](Call::State state) {
                if (state == Call::State::Active)
                    say("active");
                if (state == Call::State::Ended)
                    say("ended");
            });
            QMetaObject::invokeMethod(call, &Call::answer, Qt::QueuedConnection);
        });
        QObject::connect(client, &CallClient::didStart, client, [&] { say("running"); });
        QObject::connect(client, &CallClient::didStop, client, [&] { say("stopped"); });
    });
    Session session;
    session.server = server;
    session.user = user;
    session.password = KamailioServer::demoPassword(user);
    engine.client()->start(session);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            QCoreApplication::quit();
            return;
        }
        pending.append(buffer, n);
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(end).trimmed();
            pending.remove(0, end + 1);
            if (line.startsWith("call ")) {
                QMetaObject::invokeMethod(
                    engine.client(),
                    [&, uri = QString::fromUtf8(line.mid(5))] {
                        current = engine.client()->call(uri);
                        if (!current)
                            return;
                        QObject::connect(current, &Call::stateChanged, current, [&](Call::State state) {
                            if (state == Call::State::Active)
                                say("active");
                            if (state == Call::State::Ended)
                                say("ended");
                        });
                    },
                    Qt::BlockingQueuedConnection);
            } else if (line == "hangup" && current) {
                QMetaObject::invokeMethod(current, &Call::hangUp, Qt::QueuedConnection);
            } else if (line == "quit") {
                QObject::connect(
                    engine.client(), &CallClient::didStop, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
                engine.client()->stop();
            }
        }
    });
    return QCoreApplication::exec();
}

// A --peer process of this program.
class ParlaProcess
{
public:
    ParlaProcess(const QString &user, const KamailioServer &kamailio, const QString &recordPath)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("parla.*.info=false"));
        m_process.setProcessEnvironment(environment);
        m_process.start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--peer"), user, QStringLiteral("--server"), kamailio.webSocketUrl().toString(),
                QStringLiteral("--record"), recordPath });
    }
    ~ParlaProcess()
    {
        m_process.write("quit\n");
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    bool waitFor(const QByteArray &line, int timeoutMs = 10000)
    {
        return wait(
                   [&] {
                       m_seen += m_process.readAll();
                       return m_seen.contains(line + '\n') || m_process.state() == QProcess::NotRunning;
                   },
                   timeoutMs)
            && m_seen.contains(line + '\n');
    }
    void send(const QByteArray &line) { m_process.write(line + '\n'); }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QByteArray m_seen;
};

// baresip's SIP trace as it reaches the pipe: when the caller sent its first INVITE and when the
// 200 to an INVITE came back. Lines are timed when their chunk arrives.
class BaresipWire : public QObject
{
public:
    explicit BaresipWire(BaresipPeer *peer)
    {
        connect(peer, &BaresipPeer::outputReceived, this, [this](const QByteArray &chunk) {
            const qint64 now = nowNs();
            m_buffer += chunk;
            qsizetype end;
            while ((end = m_buffer.indexOf('\n')) >= 0) {
                const QByteArray line = m_buffer.left(end).trimmed();
                m_buffer.remove(0, end + 1);
                if (line.contains("Call established") && establishedNs == 0)
                    establishedNs = now;
                else if (line.startsWith("INVITE sip:") && inviteNs == 0)
                    inviteNs = now;
                else if (line.startsWith("SIP/2.0 200") && inviteNs != 0 && okNs == 0)
                    m_okCandidateNs = now;
                else if (line.startsWith("CSeq:") && line.endsWith("INVITE") && m_okCandidateNs != 0 && okNs == 0)
                    okNs = m_okCandidateNs;
                else if (line.startsWith("CSeq:"))
                    m_okCandidateNs = 0;
            }
        });
    }
    void reset()
    {
        inviteNs = 0;
        okNs = 0;
        establishedNs = 0;
        m_okCandidateNs = 0;
    }
    qint64 inviteNs = 0;
    qint64 okNs = 0;
    qint64 establishedNs = 0; // menu's "Call established" line

private:
    QByteArray m_buffer;
    qint64 m_okCandidateNs = 0;
};

std::unique_ptr<BaresipPeer> startBaresip(
    const QString &user, const char *address, const KamailioServer &kamailio, bool autoAnswer, bool trace)
{
    BaresipPeer::Options options;
    options.user = user;
    options.address = QHostAddress(QString::fromLatin1(address));
    options.registrarPort = kamailio.udpPort();
    options.codec = BaresipPeer::Codec::Opus;
    options.toneHz = speechWav().isEmpty() ? ToneHz : 0;
    options.sourceWav = speechWav();
    options.autoAnswer = autoAnswer;
    options.sipTrace = trace;
    // For experiments with baresip's settings, e.g. "opus_application voip".
    options.extraConfig = qgetenv("PARLA_BENCH_BARESIP_CONFIG").replace("\\n", "\n") + '\n';
    auto peer = std::make_unique<BaresipPeer>(options);
    if (!peer->start()) {
        std::fprintf(stderr, "baresip %s: %s\n", qPrintable(user), qPrintable(peer->errorString()));
        return nullptr;
    }
    return peer;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("parla.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Call benchmark: Parla against baresip."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Calls per set-up figure (default 20)."),
        QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption cpuOption(QStringLiteral("cpu-seconds"),
        QStringLiteral("CPU measurement window per call (default 20)."), QStringLiteral("s"), QStringLiteral("20"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-runs"),
        QStringLiteral("Calls for mouth-to-ear (default 10)."), QStringLiteral("n"), QStringLiteral("10"));
    // Internal: one Parla process of the CPU figure.
    QCommandLineOption peerOption(QStringLiteral("peer"), QStringLiteral("(internal)"), QStringLiteral("user"));
    QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("(internal)"), QStringLiteral("url"));
    QCommandLineOption recordOption(QStringLiteral("record"), QStringLiteral("(internal)"), QStringLiteral("file"));
    for (QCommandLineOption *internal : { &peerOption, &serverOption, &recordOption })
        internal->setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption speechOption(QStringLiteral("speech"),
        QStringLiteral("Both ends send synthetic speech, not a 1 kHz tone, in the CPU figure."));
    parser.addOptions({ runsOption, cpuOption, latencyOption, speechOption, peerOption, serverOption, recordOption });
    parser.process(app);
    if (parser.isSet(peerOption))
        return runPeer(parser.value(peerOption), QUrl(parser.value(serverOption)), parser.value(recordOption));

    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int cpuSeconds = std::max(1, parser.value(cpuOption).toInt());
    const int latencyRuns = std::max(1, parser.value(latencyOption).toInt());
    if (!BaresipPeer::isAvailable()) {
        std::fprintf(stderr, "baresip (with ctrl_tcp, ausine, aubridge, sndfile, opus) is not installed\n");
        return 1;
    }
    QTemporaryDir speechDir;
    if (parser.isSet(speechOption)) {
        const QString path = speechDir.filePath(QStringLiteral("speech.wav"));
        if (!writeSpeech(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        qputenv(SpeechVariable, path.toUtf8());
    }
    KamailioServer kamailio;
    if (!kamailio.start()) {
        std::fprintf(stderr, "cannot start Kamailio: %s\n", qPrintable(kamailio.errorString()));
        return 1;
    }
    std::printf("Kamailio on %s (udp %d); %d calls per set-up figure, %d s CPU windows\n\n",
        qPrintable(kamailio.webSocketUrl().toString()), kamailio.udpPort(), runs, cpuSeconds);
    std::printf("%-50s %9s %9s %9s\n", "figure", "min", "median", "max");
    bool complete = true;
    QElapsedTimer phaseClock;
    phaseClock.start();
    const auto phaseDone = [&phaseClock](const char *name) {
        std::fprintf(stderr, "(%s: %.1f s)\n", name, phaseClock.restart() / 1000.0);
    };

    // 1. Set-up, Parla -> Parla.
    Series parlaSetup { QStringLiteral("Parla call() -> active (in-process, ws)"), {} };
    Series parlaWire { QStringLiteral("Parla INVITE -> 200 OK on the wire (ws)"), {} };
    {
        QLoggingCategory::setFilterRules(QStringLiteral("parla.*.info=false\nparla.sip.debug=true"));
        g_previousHandler = qInstallMessageHandler(wireLogger);
        Phone alice(QStringLiteral("alice"), kamailio, AudioCallMedia::files({}, {}));
        Phone bob(QStringLiteral("bob"), kamailio, AudioCallMedia::files({}, {}));
        if (alice.start() && bob.start()) {
            g_wireThread = alice.thread();
            for (int i = 0; i < runs; ++i) {
                alice.probe.reset();
                bob.probe.reset();
                g_inviteSentNs = 0;
                g_okReceivedNs = 0;
                const qint64 started = alice.call(QStringLiteral("bob"));
                if (!started || !wait([&] { return alice.probe.activeNs.load() != 0; }, 5000))
                    break;
                parlaSetup.values.append((alice.probe.activeNs - started) / 1e6);
                if (g_okReceivedNs.load() > g_inviteSentNs.load())
                    parlaWire.values.append((g_okReceivedNs - g_inviteSentNs) / 1e6);
                alice.hangUp();
                if (!wait([&] { return bob.probe.endedNs.load() != 0 && alice.probe.endedNs.load() != 0; }, 5000))
                    break;
            }
            g_wireThread = nullptr;
        }
        qInstallMessageHandler(g_previousHandler);
        QLoggingCategory::setFilterRules(QStringLiteral("parla.*.info=false"));
    }

    phaseDone("Parla set-up");
    // 1. Set-up, baresip -> baresip.
    Series baresipSetup { QStringLiteral("baresip dial -> established (udp)"), {} };
    Series baresipWire { QStringLiteral("baresip INVITE -> 200 OK on the wire (udp)"), {} };
    auto carol = startBaresip(QStringLiteral("carol"), "127.0.0.2", kamailio, false, true);
    auto bob = startBaresip(QStringLiteral("bob"), "127.0.0.3", kamailio, true, false);
    if (carol && bob) {
        BaresipWire wire(carol.get());
        const QString target = QStringLiteral("sip:bob@127.0.0.1:%1").arg(kamailio.udpPort());
        for (int i = 0; i < runs; ++i) {
            carol->skipPendingEvents();
            bob->skipPendingEvents();
            wire.reset();
            const qint64 started = nowNs();
            if (!carol->dial(target))
                break;
            // Timed by menu's "Call established" line on stdout: ctrl_tcp's events come late
            // (baresip writes each with Nagle on, and a burst waits for our delayed ACK).
            if (!carol->waitUntil([&] { return wire.establishedNs != 0; }, 5000))
                break;
            baresipSetup.values.append((wire.establishedNs - started) / 1e6);
            if (wire.okNs > wire.inviteNs && wire.inviteNs > started)
                baresipWire.values.append((wire.okNs - wire.inviteNs) / 1e6);
            carol->hangup();
            if (bob->waitForEvent(QStringLiteral("CALL_CLOSED")).isEmpty())
                break;
            carol->waitForEvent(QStringLiteral("CALL_CLOSED"), 2000);
        }
    }
    phaseDone("baresip set-up");
    parlaSetup.print("ms", 50);
    baresipSetup.print("ms", 50);
    printRatio("ratio Parla/baresip (client side)", parlaSetup, baresipSetup);
    parlaWire.print("ms", 50);
    baresipWire.print("ms", 50);
    printRatio("ratio Parla/baresip (wire)", parlaWire, baresipWire);
    complete = complete && parlaSetup.values.size() == runs && baresipSetup.values.size() == runs;

    // 2. CPU per active Opus call, each end its own process, one call at a time.
    std::printf("\nCPU over %d s of one active Opus call (%% of one core), sending %s:\n", cpuSeconds,
        speechWav().isEmpty() ? "a 1 kHz tone" : "synthetic speech");
    double baresipCaller = -1, baresipCallee = -1, parlaCaller = -1, parlaCallee = -1;
    QStringList threadLines;
    const auto window = [cpuSeconds, &threadLines](
                            const char *name, qint64 callerPid, qint64 calleePid, double &caller, double &callee) {
        const double callerBefore = cpuMs(callerPid), calleeBefore = cpuMs(calleePid);
        const auto callerThreads = threadCpuMs(callerPid), calleeThreads = threadCpuMs(calleePid);
        QTest::qWait(cpuSeconds * 1000);
        caller = (cpuMs(callerPid) - callerBefore) / (cpuSeconds * 10.0);
        callee = (cpuMs(calleePid) - calleeBefore) / (cpuSeconds * 10.0);
        threadLines << QStringLiteral("  %1 caller threads: %2")
                           .arg(QLatin1String(name), threadShares(callerThreads, threadCpuMs(callerPid), cpuSeconds))
                    << QStringLiteral("  %1 callee threads: %2")
                           .arg(QLatin1String(name), threadShares(calleeThreads, threadCpuMs(calleePid), cpuSeconds));
    };
    if (carol && bob) {
        carol->skipPendingEvents();
        bob->skipPendingEvents();
        if (carol->dial(QStringLiteral("sip:bob@127.0.0.1:%1").arg(kamailio.udpPort()))
            && !carol->waitForEvent(QStringLiteral("CALL_ESTABLISHED")).isEmpty()
            && !bob->waitForEvent(QStringLiteral("CALL_ESTABLISHED")).isEmpty()) {
            window("baresip", carol->processId(), bob->processId(), baresipCaller, baresipCallee);
            carol->hangup();
            bob->waitForEvent(QStringLiteral("CALL_CLOSED"));
        }
    }
    carol.reset();
    bob.reset();
    phaseDone("baresip CPU");
    {
        QTemporaryDir recordings;
        ParlaProcess caller(QStringLiteral("alice"), kamailio, recordings.filePath(QStringLiteral("alice.wav")));
        ParlaProcess callee(QStringLiteral("bob"), kamailio, recordings.filePath(QStringLiteral("bob.wav")));
        if (caller.waitFor("running") && callee.waitFor("running")) {
            caller.send("call bob");
            if (caller.waitFor("active") && callee.waitFor("active")) {
                window("Parla", caller.pid(), callee.pid(), parlaCaller, parlaCallee);
                caller.send("hangup");
                callee.waitFor("ended");
            }
        }
    }
    if (parlaCaller >= 0 && baresipCaller >= 0) {
        std::printf("%-50s %8.2f %%   baresip %6.2f %%   ratio %.2f\n", "caller: Parla (process)", parlaCaller,
            baresipCaller, parlaCaller / std::max(0.01, baresipCaller));
        std::printf("%-50s %8.2f %%   baresip %6.2f %%   ratio %.2f\n", "callee: Parla (process)", parlaCallee,
            baresipCallee, parlaCallee / std::max(0.01, baresipCallee));
        for (const QString &line : threadLines)
            std::printf("%s\n", qPrintable(line));
    } else {
        std::printf("could not measure (Parla %s, baresip %s)\n", parlaCaller >= 0 ? "ok" : "failed",
            baresipCaller >= 0 ? "ok" : "failed");
        complete = false;
    }

    phaseDone("Parla CPU");
    // 3. Mouth-to-ear, Parla -> Parla.
    Series mouthToEar { QStringLiteral("Parla -> Parla mouth-to-ear (tone onset, Opus)"), {} };
    {
        PhoneProbe aliceProbe, bobProbe;
        Phone alice(QStringLiteral("alice"), kamailio, toneAfter(&aliceProbe, 400ms));
        Phone bob(QStringLiteral("bob"), kamailio, listener(&bobProbe));
        // The factories fill these probes; the phones' own probes follow the calls.
        if (alice.start() && bob.start()) {
            for (int i = 0; i < latencyRuns; ++i) {
                aliceProbe.reset();
                bobProbe.reset();
                alice.probe.reset();
                bob.probe.reset();
                if (!alice.call(QStringLiteral("bob")) || !wait([&] { return alice.probe.activeNs.load() != 0; }, 5000))
                    break;
                const bool heard = wait(
                    [&] {
                        const ToneCaptureSink *sink = bobProbe.heard.load();
                        return sink && sink->firstToneNs.load() != 0 && aliceProbe.toneSentNs.load() != 0;
                    },
                    5000);
                if (heard)
                    mouthToEar.values.append((bobProbe.heard.load()->firstToneNs - aliceProbe.toneSentNs) / 1e6);
                alice.hangUp();
                if (!heard || !wait([&] { return bob.probe.endedNs.load() != 0; }, 5000))
                    break;
            }
        }
    }
    phaseDone("mouth-to-ear");
    std::printf("\n");
    mouthToEar.print("ms", 50);
    complete = complete && mouthToEar.values.size() == latencyRuns;
    return complete ? 0 : 1;
}
