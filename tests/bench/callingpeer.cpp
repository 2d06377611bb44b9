// SPDX-License-Identifier: GPL-3.0-or-later
#include "callingpeer.h"

#include "media/audioframe.h"
#include "media/wavfilesink.h"
#include "media/wavfilesource.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <numbers>

using parla::media::AudioFrame;
using parla::media::AudioSampleRate;

namespace {

constexpr int ToneSeconds = 60; // longer than a call of the benchmark: no silence at its end
constexpr double ToneHz = 440;
// About -60 dBFS: above the codec's and the cancellers' residue of silence.
constexpr double SoundRms = 30;

bool writeTone(const QString &path)
{
    parla::media::WavFileSink sink(path);
    if (!sink.open())
        return false;
    std::int64_t n = 0;
    for (int frame = 0; frame < ToneSeconds * 50; ++frame) {
        AudioFrame samples;
        for (auto &sample : samples)
            sample = std::int16_t(8000 * std::sin(2 * std::numbers::pi * ToneHz * double(n++) / AudioSampleRate));
        sink.write(samples);
    }
    sink.stop();
    return true;
}

} // namespace

CallingPeer::CallingPeer(const QString &program)
{
    m_process.setProgram(program);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

CallingPeer::~CallingPeer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.write("quit\n");
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool CallingPeer::start(
    const QProcessEnvironment &env, const QUrl &server, const QString &user, const QString &password)
{
    const QString tone = m_dir.filePath(QStringLiteral("tone.wav"));
    if (!m_dir.isValid() || !writeTone(tone)) {
        m_error = QStringLiteral("cannot write %1").arg(tone);
        return false;
    }
    QProcessEnvironment own = env;
    own.insert(QStringLiteral("PARLA_PASSWORD"), password);
    own.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    m_process.setProcessEnvironment(own);
    m_process.setArguments({ QStringLiteral("--server"), server.toString(), QStringLiteral("--user"), user,
        QStringLiteral("--play"), tone, QStringLiteral("--record"), m_dir.filePath(QStringLiteral("heard.wav")) });
    m_process.start();
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        while (m_process.canReadLine()) {
            const QJsonObject event = QJsonDocument::fromJson(m_process.readLine()).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("registered"))
                return true;
        }
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    m_error = QStringLiteral("parla-cli (%1) did not register within 10 s").arg(user);
    return false;
}

bool CallingPeer::callUntilActive(const QString &uri, int timeoutMs, const Poll &poll)
{
    m_state.clear();
    m_process.write(QStringLiteral("call %1\n").arg(uri).toUtf8());
    if (waitForState(QStringLiteral("active"), timeoutMs, poll))
        return true;
    if (m_state != QLatin1String("ended")) {
        m_error = QStringLiteral("not answered within %1 s (the call was %2)")
                      .arg(timeoutMs / 1000)
                      .arg(m_state.isEmpty() ? QStringLiteral("never placed") : m_state);
        hangUp(poll);
    }
    return false;
}

void CallingPeer::hangUp(const Poll &poll)
{
    if (m_state.isEmpty() || m_state == QLatin1String("ended"))
        return;
    m_process.write("hangup\n");
    waitForState(QStringLiteral("ended"), 5000, poll);
}

double CallingPeer::secondsWithSound() const
{
    // The recording's header gets its sizes when the call's media stops, just after "ended".
    QDeadlineTimer deadline(2000);
    do {
        parla::media::WavFileSource recording(m_dir.filePath(QStringLiteral("heard.wav")));
        int frames = 0;
        int loud = 0;
        AudioFrame frame;
        if (recording.open()) {
            while (recording.readFrame(frame)) {
                ++frames;
                double energy = 0;
                for (const std::int16_t sample : frame)
                    energy += double(sample) * sample;
                loud += std::sqrt(energy / double(frame.size())) > SoundRms ? 1 : 0;
            }
        }
        if (frames > 0)
            return loud * parla::media::AudioFrameDuration.count() / 1000.0;
        QThread::msleep(50);
    } while (!deadline.hasExpired());
    return 0;
}

bool CallingPeer::waitForState(const QString &state, int timeoutMs, const Poll &poll)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        while (m_process.canReadLine()) {
            const QJsonObject event = QJsonDocument::fromJson(m_process.readLine()).object();
            if (event.value(QStringLiteral("event")).toString() != QLatin1String("callStateChanged"))
                continue;
            m_state = event.value(QStringLiteral("state")).toString();
            if (m_state == state)
                return true;
            if (m_state == QLatin1String("ended")) {
                m_error
                    = QStringLiteral("the call ended: %1").arg(event.value(QStringLiteral("endReasonText")).toString());
                return false;
            }
        }
        if (poll)
            poll();
        m_process.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
    }
    if (m_process.state() == QProcess::NotRunning)
        m_error = QStringLiteral("parla-cli exited");
    return false;
}
