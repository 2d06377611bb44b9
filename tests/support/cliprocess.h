// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>

namespace parla::test {

// A parla-cli process as a test's peer: JSON lines out, commands in. PARLA_CLI names the
// program; it gets a settings folder of its own and the password through PARLA_PASSWORD.
// The environment is the test's (PULSE_SERVER included).
class CliProcess
{
public:
    CliProcess(const QStringList &arguments, const QString &password)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARLA_PASSWORD"), password);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(qEnvironmentVariable("PARLA_CLI"), arguments);
    }
    ~CliProcess()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        send("quit");
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    CliProcess(const CliProcess &) = delete;
    CliProcess &operator=(const CliProcess &) = delete;

    // Written at once: another process's wait would not flush this one's stdin.
    void send(const QByteArray &command)
    {
        m_process.write(command + '\n');
        m_process.waitForBytesWritten(5000);
    }
    // Reads events until one named `event` (with `state`, when given) arrives, the time is up
    // or the process ends.
    bool waitFor(const QString &event, const QString &state = {}, int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_process.canReadLine()) {
                const QJsonObject object = QJsonDocument::fromJson(m_process.readLine()).object();
                if (object.value(QStringLiteral("event")).toString() == event
                    && (state.isEmpty() || object.value(QStringLiteral("state")).toString() == state))
                    return true;
            }
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        }
    }

private:
    QTemporaryDir m_config;
    QProcess m_process;
};

} // namespace parla::test
