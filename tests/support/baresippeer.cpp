// SPDX-License-Identifier: GPL-3.0-or-later
#include "baresippeer.h"

#include "tonecapturesink.h"

#include "media/goertzeldetector.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <span>

namespace parla::test {

namespace {

constexpr char ModulePath[] = "/usr/lib/baresip/modules";

QByteArray netstring(const QByteArray &payload)
{
    return QByteArray::number(payload.size()) + ':' + payload + ',';
}

quint16 freePort(const QHostAddress &address)
{
    QTcpServer probe;
    if (!probe.listen(address, 0))
        return 0;
    return probe.serverPort();
}

quint32 readLe32(const QByteArray &data, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(data.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}

quint16 readLe16(const QByteArray &data, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(data.constData() + at);
    return quint16(p[0] | p[1] << 8);
}

} // namespace

BaresipPeer::BaresipPeer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.password.isEmpty())
        m_options.password = m_options.user + QStringLiteral("-secret");
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        const QByteArray chunk = m_process.readAll();
        m_log += chunk;
        Q_EMIT outputReceived(chunk);
    });
    connect(&m_control, &QTcpSocket::readyRead, this, &BaresipPeer::onControlData);
}

BaresipPeer::~BaresipPeer()
{
    stop();
}

bool BaresipPeer::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    // An event loop woken by what baresip sends, not QTest::qWaitFor: that one sleeps 10 ms
    // between looks, and the times of events and output lines (benchmarks) would be late by as much.
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&m_control, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
    connect(&m_process, &QProcess::readyRead, &loop, &QEventLoop::quit);
    connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        timer.start(int(std::max<qint64>(1, deadline.remainingTime())));
        loop.exec();
    }
    return true;
}

bool BaresipPeer::isAvailable()
{
    if (QStandardPaths::findExecutable(QStringLiteral("baresip")).isEmpty())
        return false;
    for (const char *module : { "ctrl_tcp.so", "menu.so", "account.so", "opus.so", "g711.so", "ausine.so", "aufile.so",
             "aubridge.so", "sndfile.so" }) {
        if (!QFile::exists(QLatin1String(ModulePath) + QLatin1Char('/') + QLatin1String(module)))
            return false;
    }
    return true;
}

qint64 BaresipPeer::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString BaresipPeer::addressOfRecord() const
{
    return QStringLiteral("sip:%1@%2:%3").arg(m_options.user, m_options.registrarHost).arg(m_options.registrarPort);
}

QString BaresipPeer::log()
{
    const QByteArray chunk = m_process.readAll();
    if (!chunk.isEmpty()) {
        m_log += chunk;
        Q_EMIT outputReceived(chunk);
    }
    return QString::fromUtf8(m_log);
}

bool BaresipPeer::fail(const QString &reason)
{
    m_error = reason;
    return false;
}

bool BaresipPeer::writeConfig(quint16 controlPort)
{
    const QByteArray address = m_options.address.toString().toUtf8();
    QByteArray source;
    if (m_options.toneHz > 0)
        source = "ausine," + QByteArray::number(qRound(m_options.toneHz));
    else if (!m_options.sourceWav.isEmpty())
        source = "aufile," + m_options.sourceWav.toUtf8();
    else
        source = "ausine,0"; // silence
    QByteArray config = "poll_method epoll\n"
                        "sip_listen "
        + address + ":0\nnet_interface " + m_options.mediaAddress.toString().toUtf8() + "\nmodule_path " + ModulePath
        + "\n"
          "module opus.so\nmodule g711.so\nmodule ausine.so\nmodule aufile.so\nmodule aubridge.so\n"
          "module_app account.so\nmodule_app menu.so\nmodule_app ctrl_tcp.so\n"
          "ctrl_tcp_listen "
        + address + ':' + QByteArray::number(controlPort) + "\naudio_source " + source + "\naudio_player aubridge,"
        + m_options.user.toUtf8() + "-speaker\naudio_alert aubridge," + m_options.user.toUtf8() + "-speaker\n";
    // 48 kHz whatever the codec, as Parla's audio is (ausine makes 48 kHz stereo only; PCMU is
    // resampled), played mono, and Opus mono on the wire.
    config += "ausrc_srate 48000\nauplay_srate 48000\nauplay_channels 1\nopus_stereo no\nopus_sprop_stereo no\n";
    config += m_options.toneHz > 0 || m_options.sourceWav.isEmpty() ? "ausrc_channels 2\n" : "ausrc_channels 1\n";
    if (!m_options.mediaEncryption.isEmpty())
        config += "module srtp.so\n";
    config += m_options.extraConfig;
    if (m_options.record) {
        QDir(m_dir.path()).mkpath(QStringLiteral("recordings"));
        config += "module sndfile.so\nsnd_path " + m_dir.filePath(QStringLiteral("recordings")).toUtf8() + '\n';
    }
    QFile configFile(m_dir.filePath(QStringLiteral("config")));
    QFile accounts(m_dir.filePath(QStringLiteral("accounts")));
    // No account at launch: start() adds it over ctrl_tcp, so REGISTER_OK comes as an event.
    return configFile.open(QIODevice::WriteOnly) && configFile.write(config) == config.size()
        && accounts.open(QIODevice::WriteOnly);
}

bool BaresipPeer::start(int timeoutMs)
{
    if (!m_dir.isValid())
        return fail(QStringLiteral("no temporary directory"));
    QDeadlineTimer deadline(timeoutMs);
    const quint16 controlPort = freePort(m_options.address);
    if (controlPort == 0)
        return fail(QStringLiteral("no free TCP port on %1").arg(m_options.address.toString()));
    if (!writeConfig(controlPort))
        return fail(QStringLiteral("cannot write the config in %1").arg(m_dir.path()));
    QStringList arguments { QStringLiteral("-f"), m_dir.path() };
    if (m_options.sipTrace)
        arguments << QStringLiteral("-s");
    m_log.clear();
    m_process.start(QStringLiteral("baresip"), arguments);
    if (!m_process.waitForStarted(int(std::max<qint64>(1, deadline.remainingTime()))))
        return fail(QStringLiteral("baresip did not start: %1").arg(m_process.errorString()));
    if (!waitUntil([this] { return log().contains(QLatin1String("baresip is ready.")) || !isRunning(); },
            int(std::max<qint64>(1, deadline.remainingTime())))
        || !isRunning())
        return fail(QStringLiteral("baresip did not get ready:\n%1").arg(log()));
    m_control.connectToHost(m_options.address, controlPort);
    if (!m_control.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime()))))
        return fail(QStringLiteral("cannot reach ctrl_tcp on port %1: %2\n%3")
                        .arg(controlPort)
                        .arg(m_control.errorString(), log()));

    QString account = QLatin1Char('<') + addressOfRecord() + QStringLiteral(";transport=udp>;auth_pass=")
        + m_options.password + QStringLiteral(";regint=600;audio_codecs=")
        + (m_options.codec == Codec::Opus ? QStringLiteral("opus/48000/2") : QStringLiteral("PCMU/8000/1"));
    if (m_options.autoAnswer)
        account += QStringLiteral(";answermode=auto");
    if (!m_options.mediaEncryption.isEmpty())
        account += QStringLiteral(";mediaenc=") + m_options.mediaEncryption;
    if (!command(QStringLiteral("uanew"), account, int(std::max<qint64>(1, deadline.remainingTime()))))
        return fail(QStringLiteral("uanew refused: %1\n%2").arg(m_error, log()));
    if (waitForEvent(QStringLiteral("REGISTER_OK"), int(std::max<qint64>(1, deadline.remainingTime()))).isEmpty())
        return fail(QStringLiteral("%1 did not register:\n%2").arg(addressOfRecord(), log()));
    return true;
}

void BaresipPeer::stop()
{
    if (!isRunning())
        return;
    if (m_control.state() == QAbstractSocket::ConnectedState) {
        m_control.write(netstring(R"({"command":"quit","params":"","token":"quit"})"));
        m_control.flush();
    }
    if (!m_process.waitForFinished(3000)) {
        m_process.terminate();
        if (!m_process.waitForFinished(2000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    m_control.abort();
}

std::optional<QString> BaresipPeer::command(const QString &name, const QString &params, int timeoutMs)
{
    if (m_control.state() != QAbstractSocket::ConnectedState) {
        m_error = QStringLiteral("ctrl_tcp is not connected");
        return std::nullopt;
    }
    const QString token = QString::number(m_nextToken++);
    const QJsonObject request { { QStringLiteral("command"), name }, { QStringLiteral("params"), params },
        { QStringLiteral("token"), token } };
    m_control.write(netstring(QJsonDocument(request).toJson(QJsonDocument::Compact)));
    std::optional<QJsonObject> response;
    (void)waitUntil(
        [&] {
            for (qsizetype i = 0; i < m_responses.size(); ++i) {
                if (m_responses[i].value(QStringLiteral("token")).toString() == token) {
                    response = m_responses.takeAt(i);
                    return true;
                }
            }
            return !isRunning();
        },
        timeoutMs);
    if (!response) {
        m_error = QStringLiteral("no answer to %1 within %2 ms").arg(name).arg(timeoutMs);
        return std::nullopt;
    }
    const QString data = response->value(QStringLiteral("data")).toString();
    if (!response->value(QStringLiteral("ok")).toBool()) {
        m_error = QStringLiteral("%1 failed: %2").arg(name, data);
        return std::nullopt;
    }
    return data;
}

bool BaresipPeer::dial(const QString &uri, int timeoutMs)
{
    return command(QStringLiteral("dial"), uri, timeoutMs).has_value();
}

bool BaresipPeer::accept(int timeoutMs)
{
    return command(QStringLiteral("accept"), {}, timeoutMs).has_value();
}

bool BaresipPeer::hangup(int timeoutMs)
{
    return command(QStringLiteral("hangup"), {}, timeoutMs).has_value();
}

QJsonObject BaresipPeer::waitForEvent(const QString &type, int timeoutMs)
{
    QJsonObject found;
    (void)waitUntil(
        [&] {
            for (; m_cursor < m_events.size(); ++m_cursor) {
                if (m_events[m_cursor].value(QStringLiteral("type")).toString() == type) {
                    found = m_events[m_cursor++];
                    return true;
                }
            }
            return !isRunning();
        },
        timeoutMs);
    return found;
}

void BaresipPeer::onControlData()
{
    const qint64 receivedNs = nowNs();
    m_buffer += m_control.readAll();
    // Netstrings: "<length>:<payload>,"
    while (true) {
        const qsizetype colon = m_buffer.indexOf(':');
        if (colon < 0)
            return;
        bool ok = false;
        const qsizetype length = m_buffer.left(colon).toLongLong(&ok);
        if (!ok || length < 0) {
            m_error = QStringLiteral("ctrl_tcp sent a malformed netstring");
            m_buffer.clear();
            return;
        }
        if (m_buffer.size() < colon + 1 + length + 1)
            return;
        QJsonObject message = QJsonDocument::fromJson(m_buffer.mid(colon + 1, length)).object();
        m_buffer.remove(0, colon + 1 + length + 1);
        message.insert(QStringLiteral("receivedNs"), double(receivedNs));
        if (message.value(QStringLiteral("response")).toBool()) {
            m_responses.append(message);
        } else if (message.value(QStringLiteral("event")).toBool()) {
            m_events.append(message);
            Q_EMIT eventReceived(message);
        }
    }
}

QString BaresipPeer::newestDump(const QString &suffix) const
{
    const QFileInfoList files = QDir(m_dir.filePath(QStringLiteral("recordings")))
                                    .entryInfoList({ QLatin1Char('*') + suffix }, QDir::Files, QDir::Time);
    return files.isEmpty() ? QString() : files.first().filePath();
}

void BaresipPeer::removeRecordings()
{
    QDir recordings(m_dir.filePath(QStringLiteral("recordings")));
    for (const QString &name : recordings.entryList({ QStringLiteral("*.wav") }, QDir::Files))
        recordings.remove(name);
}

std::optional<BaresipPeer::Recording> BaresipPeer::readWav(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray data = file.readAll();
    if (data.size() < 12 || !data.startsWith("RIFF") || data.mid(8, 4) != "WAVE")
        return std::nullopt;
    Recording recording;
    int bitsPerSample = 0;
    qsizetype at = 12;
    while (at + 8 <= data.size()) {
        const QByteArray id = data.mid(at, 4);
        const qsizetype size = readLe32(data, at + 4);
        const qsizetype body = at + 8;
        if (id == "fmt " && body + 16 <= data.size()) {
            recording.channels = readLe16(data, body + 2);
            recording.sampleRate = int(readLe32(data, body + 4));
            bitsPerSample = readLe16(data, body + 14);
        } else if (id == "data") {
            if (bitsPerSample != 16 || recording.channels < 1)
                return std::nullopt;
            // A header not fixed up yet says 0 (or too much): take the file to its end.
            const qsizetype end = (size == 0 || body + size > data.size()) ? data.size() : body + size;
            const qsizetype frameBytes = 2 * recording.channels;
            for (qsizetype i = body; i + frameBytes <= end; i += frameBytes)
                recording.samples.push_back(std::int16_t(readLe16(data, i)));
            return recording;
        }
        at = body + size + (size & 1);
    }
    return std::nullopt;
}

double BaresipPeer::Recording::toneSeconds(double frequency) const
{
    using media::GoertzelDetector;
    if (sampleRate <= 0)
        return 0;
    const GoertzelDetector tone(frequency, sampleRate);
    const GoertzelDetector below(frequency * 0.7, sampleRate);
    const GoertzelDetector above(frequency * 1.3, sampleRate);
    const std::size_t block = std::size_t(sampleRate / 50);
    int blocks = 0;
    for (std::size_t at = 0; at + block <= samples.size(); at += block) {
        const std::span<const std::int16_t> window(samples.data() + at, block);
        const double power = tone.power(window);
        if (power > ToneCaptureSink::MinPower
            && power > ToneCaptureSink::MinRatio * std::max(below.power(window), above.power(window)))
            ++blocks;
    }
    return blocks * 0.02;
}

} // namespace parla::test
