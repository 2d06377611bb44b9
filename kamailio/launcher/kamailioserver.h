// SPDX-License-Identifier: GPL-3.0-or-later
// A real Kamailio on loopback, configured with the project's kamailio/kamailio.cfg,
// for integration tests and the demo.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QTemporaryDir;

namespace parla::test {

class KamailioServer : public QObject
{
    Q_OBJECT
public:
    // Name of the state file written into a state dir by writeStateFile() and read by attach().
    static constexpr const char *StateFileName = "kamailio.env";
    // Environment variable CTest sets for the integration tests: the fixture's state dir.
    static constexpr const char *StateDirEnv = "PARLA_KAMAILIO_STATE";

    explicit KamailioServer(QObject *parent = nullptr);
    // Stops Kamailio unless the instance is detached (see setDetached()).
    ~KamailioServer() override;

    // Where Kamailio's runtime files go (config copy, dbtext/, pid file, ctl socket, kamailio.log).
    // Empty (default): a fresh QTemporaryDir, removed with this object.
    void setRuntimeDir(const QString &dir);
    QString runtimeDir() const;

    // Also serve wss:// (Kamailio's tls module, Debian's kamailio-tls-modules) on a port of its
    // own, presenting CERTIFICATE (PEM: the server's certificate, then any intermediates) and
    // PRIVATEKEY. Set before the first start(); empty paths turn TLS off again.
    void setTls(const QString &certificateFile, const QString &privateKeyFile);
    bool hasTls() const { return !m_tlsCertificate.isEmpty(); }

    // One more pre-processor define for kamailio.cfg (passed as -A DEFINE), e.g.
    // "HANDLE_LOST_TCP=0". Set before the first start().
    void addDefine(const QString &define) { m_defines.append(define); }

    // Detached: Kamailio is started with QProcess::startDetached and outlives this object
    // (the destructor leaves it running). Used by `parla-kamailio start` and by attach().
    void setDetached(bool detached);
    bool isDetached() const { return m_detached; }

    // Picks free loopback ports (first start only), starts Kamailio and waits (bounded, ~10 s)
    // until it answers OPTIONS over UDP and accepts TCP on the SIP and WebSocket ports.
    bool start();
    // SIGTERM, bounded wait, then SIGKILL of its whole process group. No-op when not running.
    void stop();
    // SIGKILL of the whole process group: a crash. Returns once the processes are gone.
    void kill();
    // SIGSTOP / SIGCONT of the whole process group: a server that hangs (connections stay open,
    // nothing answers, not even WebSocket pings), then comes back.
    void freeze();
    void thaw();
    // Starts again on the SAME ports (after stop() or kill(); stops first if running).
    bool restart();

    bool isRunning() const;
    // Sends one OPTIONS sip:127.0.0.1:udpPort over UDP; true on a 200 within timeoutMs.
    bool ping(int timeoutMs = 2000) const;

    QUrl webSocketUrl() const; // ws://127.0.0.1:PORT
    quint16 webSocketPort() const { return m_wsPort; }
    // wss://HOST:PORT, the TLS listener (see setTls()); empty without TLS. HOST is the name the
    // client asks for; it reaches 127.0.0.1 only if it resolves there ("localhost" does).
    QUrl secureWebSocketUrl(const QString &host = QStringLiteral("127.0.0.1")) const;
    quint16 secureWebSocketPort() const { return m_wssPort; }
    quint16 udpPort() const { return m_sipPort; }
    quint16 tcpPort() const { return m_sipPort; }
    QString domain() const; // "127.0.0.1"
    QString logFilePath() const;
    QString ctlSocket() const; // "unix:/path/kamailio_ctl", for kamcmd -s
    qint64 pid() const { return m_pid; }
    QString errorString() const { return m_error; }

    // Contact URIs Kamailio holds for USER (asks Kamailio: kamcmd ul.lookup location USER).
    // Empty when none (or on error; see errorString()).
    QStringList registeredContacts(const QString &user) const;
    // WebSocket connections Kamailio holds open (kamcmd ws.dump); -1 on error.
    int webSocketConnectionCount() const;

    // Writes DIR/kamailio.env (shell-sourceable KEY=VALUE lines) into runtimeDir().
    bool writeStateFile() const;
    // A detached (non-owning) handle on an instance described by STATEDIR/kamailio.env.
    // nullptr on failure, with *error set.
    static std::unique_ptr<KamailioServer> attach(const QString &stateDir, QString *error = nullptr);
    // attach(qEnvironmentVariable("PARLA_KAMAILIO_STATE")).
    static std::unique_ptr<KamailioServer> attachFromEnvironment(QString *error = nullptr);

    // alice, bob, carol; password "<user>-secret".
    static QStringList demoUsers();
    static QString demoPassword(const QString &user);

    // PARLA_KAMAILIO_CONFIG_DIR from the environment, else the source dir baked in at build time.
    static QString configDir();
    // kamailio / kamcmd from PATH, else /usr/sbin, /usr/local/sbin, /sbin.
    static QString kamailioProgram();
    static QString kamcmdProgram();

Q_SIGNALS:
    // An owned (non-detached) Kamailio exited without stop()/kill() being asked for.
    void unexpectedlyExited(int exitCode, QProcess::ExitStatus status);

private:
    bool runKamcmd(const QStringList &command, QString *output) const;
    bool pickPorts();
    bool prepareRuntimeDir();
    QStringList arguments() const;
    bool launch();
    bool waitUntilListening(int timeoutMs);
    bool processAlive() const;
    void waitUntilGone(int timeoutMs);
    void signalGroup(int signal);
    void forgetProcess();
    QString logTail(int lines = 30) const;
    void fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_runtimeDir;
    QProcess *m_process = nullptr;
    bool m_detached = false;
    bool m_stopping = false;
    qint64 m_pid = 0;
    qint64 m_pgid = 0; // Kamailio's process group (its workers survive a SIGKILLed main)
    quint16 m_wsPort = 0;
    quint16 m_wssPort = 0;
    quint16 m_sipPort = 0;
    QString m_tlsCertificate;
    QString m_tlsPrivateKey;
    QStringList m_defines;
    QString m_error;
};

} // namespace parla::test
