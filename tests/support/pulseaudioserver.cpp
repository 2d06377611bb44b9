// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulseaudioserver.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

namespace parla::test {

namespace {
constexpr int StartTimeoutMs = 10000;
constexpr int PollMs = 20;
} // namespace

PulseAudioServer::~PulseAudioServer()
{
    stop();
}

bool PulseAudioServer::isAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pulseaudio")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("pactl")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("pacat")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("parec")).isEmpty();
}

QString PulseAudioServer::address() const
{
    return QStringLiteral("unix:") + m_dir.filePath(QStringLiteral("native"));
}

bool PulseAudioServer::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    // Everything PulseAudio keeps (runtime, state, cookie) stays in the temporary directory.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
    environment.insert(QStringLiteral("PULSE_RUNTIME_PATH"), m_dir.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("PULSE_STATE_PATH"), m_dir.filePath(QStringLiteral("state")));
    environment.remove(QStringLiteral("PULSE_SERVER"));
    m_server.setProcessEnvironment(environment);
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString sink = QString::fromLatin1(SinkName);
    m_server.start(QStringLiteral("pulseaudio"),
        { QStringLiteral("-n"), QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
            QStringLiteral("--use-pid-file=no"), QStringLiteral("--log-level=error"),
            // Shared memory by memfd needs the client's and the server's pool registered
            // with each other; plain copies are simpler and fast enough for a test.
            QStringLiteral("--enable-memfd=no"), QStringLiteral("--disable-shm=yes"),
            QStringLiteral("--load=module-null-sink sink_name=%1 rate=48000 channels=1 "
                           "sink_properties=device.description=Parla-test-speaker")
                .arg(sink),
            QStringLiteral("--load=module-remap-source source_name=%1 master=%2.monitor "
                           "source_properties=device.description=Parla-test-microphone")
                .arg(QString::fromLatin1(SourceName), sink),
            QStringLiteral("--load=module-native-protocol-unix socket=%1 auth-anonymous=1")
                .arg(m_dir.filePath(QStringLiteral("native"))) });
    if (!m_server.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("pulseaudio did not start: %1").arg(m_server.errorString());
        return false;
    }
    // Ready when it answers on its socket; bounded, and a server that exits fails at once.
    const QDeadlineTimer deadline(StartTimeoutMs);
    while (pactl({ QStringLiteral("info") }).isNull()) {
        if (m_server.state() == QProcess::NotRunning || deadline.hasExpired()) {
            m_error = QStringLiteral("pulseaudio did not answer on %1").arg(address());
            stop();
            return false;
        }
        QThread::msleep(PollMs);
    }
    if (pactl({ QStringLiteral("set-default-sink"), sink }).isNull()
        || pactl({ QStringLiteral("set-default-source"), QString::fromLatin1(SourceName) }).isNull()) {
        m_error = QStringLiteral("cannot choose the default devices");
        stop();
        return false;
    }
    m_keepAlive.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_keepAlive.start(QStringLiteral("pacat"),
        { QStringLiteral("--server=%1").arg(address()), QStringLiteral("--playback"),
            QStringLiteral("--device=%1").arg(sink), QStringLiteral("--latency-msec=10"),
            QStringLiteral("--format=s16le"), QStringLiteral("--rate=48000"), QStringLiteral("--channels=1"),
            QStringLiteral("--client-name=parla-test-keepalive"), QStringLiteral("/dev/zero") });
    if (!m_keepAlive.waitForStarted(StartTimeoutMs)) {
        m_error = QStringLiteral("pacat did not start: %1").arg(m_keepAlive.errorString());
        stop();
        return false;
    }
    if (!primeCapture()) {
        stop();
        return false;
    }
    qputenv("PULSE_SERVER", address().toUtf8());
    return true;
}

bool PulseAudioServer::primeCapture()
{
    // Measured here: the remapped source delivers nothing until about 2 s after the server
    // started, keep-alive stream or not; later captures start in about 20 ms. Waiting for
    // one 20 ms block here keeps that server artefact out of the tests' figures.
    QProcess capture;
    capture.start(QStringLiteral("parec"),
        { QStringLiteral("--server=%1").arg(address()),
            QStringLiteral("--device=%1").arg(QString::fromLatin1(SourceName)), QStringLiteral("--latency-msec=20"),
            QStringLiteral("--format=s16le"), QStringLiteral("--rate=48000"), QStringLiteral("--channels=1") });
    const QDeadlineTimer deadline(StartTimeoutMs);
    qint64 received = 0;
    while (received < 1920 && !deadline.hasExpired() && capture.state() != QProcess::NotRunning) {
        if (capture.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            received += capture.readAllStandardOutput().size();
    }
    capture.kill();
    capture.waitForFinished(5000);
    if (received < 1920)
        m_error = QStringLiteral("the remapped source gave nothing within %1 ms").arg(StartTimeoutMs);
    return received >= 1920;
}

void PulseAudioServer::stop()
{
    for (QProcess *process : { &m_keepAlive, &m_server }) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
}

void PulseAudioServer::kill()
{
    m_server.kill();
    m_server.waitForFinished(5000);
}

QString PulseAudioServer::pactl(const QStringList &arguments) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("pactl"), QStringList { QStringLiteral("--server=%1").arg(address()) } + arguments);
    if (!process.waitForFinished(5000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        return {};
    }
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    return output.isNull() ? QStringLiteral("") : output;
}

} // namespace parla::test
