// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace parla::test {

// Debian's baresip (1.0.0) as a far end for tests and benchmarks: a UDP SIP account registered
// at a registrar (the project's Kamailio), a generated config in a temporary directory, audio
// from a sine (ausine) or a WAV file (aufile), what it receives recorded to WAV (the sndfile
// filter's "-dec" dump) and driven over ctrl_tcp: commands (dial, accept, hangup) and events
// (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED, ...) as netstring JSON.
//
// The player is aubridge with a device of its own: it opens and costs nothing, and no ALSA
// "null" device busy-loops (PLATFORM.md). baresip 1.0.0 decodes on receipt, so the recording
// does not depend on a player pulling audio.
//
// Each peer binds SIP to an address of its own in 127/8 (127.0.0.2, ...): the project's
// Kamailio has `alias=127.0.0.1` without a port, so every contact on 127.0.0.1 looks like the
// proxy itself, loose_route() refuses in-dialog requests to it (404 to BYE, ACK dropped).
// Its media address stays 127.0.0.1 (see Options::mediaAddress).
//
// Every wait is bounded; the destructor stops the process and removes the directory.
class BaresipPeer : public QObject
{
    Q_OBJECT
public:
    enum class Codec { Opus, Pcmu };

    struct Options
    {
        QString user = QStringLiteral("carol");
        QString password; // default: "<user>-secret", as the demo users have
        QString registrarHost = QStringLiteral("127.0.0.1");
        quint16 registrarPort = 5060; // UDP
        QHostAddress address = QHostAddress(QStringLiteral("127.0.0.2")); // SIP and ctrl_tcp bind here
        // What its SDP says. baresip 1.0.0 binds RTP to 0.0.0.0 and sends from whatever source
        // the kernel picks for the peer's address: 127.0.0.1 for a peer on loopback, so that is
        // what it must advertise (Parla takes RTP only from the address and port in the SDP).
        QHostAddress mediaAddress = QHostAddress(QHostAddress::LocalHost);
        Codec codec = Codec::Opus;
        double toneHz = 0; // ausine at this frequency; 0: aufile or silence
        QString sourceWav; // aufile plays this (when toneHz is 0)
        bool record = true; // the sndfile filter dumps sent and received audio to WAV
        bool autoAnswer = false;
        QByteArray extraConfig; // appended to the generated config ("opus_application voip\n")
        // baresip's mediaenc: "srtp-mand" loads its srtp module and makes every call RTP/SAVP
        // with SDES keys (a=crypto); empty: plain RTP/AVP.
        QString mediaEncryption;
        // -s: every SIP message on stdout (see log()); also set by PARLA_BARESIP_SIP_TRACE=1
        bool sipTrace = qEnvironmentVariableIntValue("PARLA_BARESIP_SIP_TRACE") != 0;
    };

    // A WAV file read back: the first channel only.
    struct Recording
    {
        int sampleRate = 0;
        int channels = 0;
        std::vector<std::int16_t> samples;
        double seconds() const { return sampleRate ? double(samples.size()) / sampleRate : 0; }
        // Seconds of 20 ms blocks in which `frequency` stands out as ToneCaptureSink hears it.
        double toneSeconds(double frequency) const;
    };

    explicit BaresipPeer(Options options, QObject *parent = nullptr);
    ~BaresipPeer() override;

    static bool isAvailable(); // baresip and the modules used here are installed

    // Starts baresip, connects to ctrl_tcp and waits until the account is registered.
    bool start(int timeoutMs = 10000);
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }

    QString addressOfRecord() const; // sip:carol@127.0.0.1:5060
    QString errorString() const { return m_error; }
    QString log(); // everything baresip printed so far

    // Commands; true when baresip answered "ok" in time.
    bool dial(const QString &uri, int timeoutMs = 5000);
    bool accept(int timeoutMs = 5000);
    bool hangup(int timeoutMs = 5000);
    // Any command of the menu module, e.g. "quit"; its answer ("data"), or nullopt.
    std::optional<QString> command(const QString &name, const QString &params = {}, int timeoutMs = 5000);

    // The next event of `type` ("CALL_ESTABLISHED") not yet taken by a wait, within the time.
    // Events before it are passed over; an empty object if none came.
    QJsonObject waitForEvent(const QString &type, int timeoutMs = 5000);
    // Events received so far, in order (each with "receivedNs": steady clock, nanoseconds).
    const QList<QJsonObject> &events() const { return m_events; }
    // Forget what waitForEvent() would still find: the next wait sees only new events.
    void skipPendingEvents() { m_cursor = m_events.size(); }

    // Recordings of the last call (sndfile): what baresip received ("dec") and sent ("enc").
    QString receivedRecordingPath() const { return newestDump(QStringLiteral("-dec.wav")); }
    QString sentRecordingPath() const { return newestDump(QStringLiteral("-enc.wav")); }
    void removeRecordings();
    // Reads a WAV file; tolerates sizes that were not fixed up (a file still being written).
    static std::optional<Recording> readWav(const QString &path);

    static qint64 nowNs(); // steady clock, as receivedNs
    // Runs the event loop until `condition` holds, woken by each thing baresip sends (events,
    // output) rather than polling, so that times taken in handlers are not late; bounded.
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

Q_SIGNALS:
    void eventReceived(const QJsonObject &event);
    // What baresip printed, as it arrives (with sipTrace: the SIP messages it sends and receives).
    void outputReceived(const QByteArray &chunk);

private:
    bool writeConfig(quint16 controlPort);
    void onControlData();
    QString newestDump(const QString &suffix) const;
    bool fail(const QString &reason);

    Options m_options;
    QTemporaryDir m_dir;
    QProcess m_process;
    QTcpSocket m_control;
    QByteArray m_buffer;
    QByteArray m_log;
    QList<QJsonObject> m_events;
    QList<QJsonObject> m_responses;
    qsizetype m_cursor = 0;
    int m_nextToken = 1;
    QString m_error;
};

} // namespace parla::test
