// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace parla::test {

// A private PulseAudio for tests, so audio tests need no sound card and never touch the
// user's sound server (PLATFORM.md): a null sink (the "speaker"), module-remap-source over
// its monitor (the "microphone": Qt hides monitor sources), and a unix socket with anonymous
// auth, all in a temporary directory. start() points this process at it (PULSE_SERVER), so
// it must run before the first Qt Multimedia object.
//
// It keeps a 10 ms latency stream of silence playing into the null sink (an idle null sink
// stalls captures, PLATFORM.md), and start() returns only once the microphone has given a
// first block: on a fresh server that takes about 2 s whatever keeps the sink busy.
class PulseAudioServer
{
public:
    static constexpr char SinkName[] = "parla_test_speaker";
    static constexpr char SourceName[] = "parla_test_microphone";

    PulseAudioServer() = default;
    ~PulseAudioServer();
    PulseAudioServer(const PulseAudioServer &) = delete;
    PulseAudioServer &operator=(const PulseAudioServer &) = delete;

    static bool isAvailable(); // pulseaudio, pactl, pacat and parec are installed

    // Starts the server and waits (at most 10 s) until it answers; false with error() on failure.
    bool start();
    void stop();
    // SIGKILL, for tests of a server that dies under a stream.
    void kill();
    bool isRunning() const { return m_server.state() != QProcess::NotRunning; }

    QString address() const; // unix:/…/native
    QString error() const { return m_error; }
    // pactl against this server; its standard output, or a null string if it failed.
    QString pactl(const QStringList &arguments) const;

private:
    bool primeCapture();

    QTemporaryDir m_dir;
    QProcess m_server;
    QProcess m_keepAlive;
    QString m_error;
};

} // namespace parla::test
