// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clienterror.h"
#include "reconnectbackoff.h"
#include "session.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

class QState;
class QStateMachine;

namespace parla::calls {
class Call;
class CallMedia;
class CallRegistry;
} // namespace parla::calls

namespace parla::sip {
class Registration;
class RequestDispatcher;
class TransactionLayer;
struct RegistrationError;
} // namespace parla::sip

namespace parla::transport {
class Flow;
class SendBudget;
struct FlowError;
} // namespace parla::transport

namespace parla::client {

// The call client: owns the connection to the SIP platform and moves through the life cycle
// of DESIGN.md on a QStateMachine. Every transition is announced as stateWillChange (before it
// takes effect) and stateDidChange (after), plus the named will/did signal of its kind.
//
// Thread rules: the client lives on the engine thread (see Engine). Its slots may be called from
// any thread; they hop to the engine thread. Observers connected without a context object run
// synchronously on the engine thread; with a context object, queued to that object's thread.
class CallClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State { Stopped, Starting, Running, Paused, Resuming, Reconnecting, Failed };
    Q_ENUM(State)

    using FlowFactory = std::function<std::unique_ptr<transport::Flow>(const Session &, const ConnectionTuning &)>;
    // Makes the media of each call (on the engine thread); tests inject a fake one.
    using MediaFactory = std::function<calls::CallMedia *()>;

    explicit CallClient(QObject *parent = nullptr);
    ~CallClient() override;

    // Safe from any thread.
    State state() const { return m_state.load(); }
    static QString stateName(State state); // "running"

    // Before start(): how to reach the server (tests inject an in-process flow) and how hard to try.
    void setFlowFactory(FlowFactory factory);
    void setTuning(const ConnectionTuning &tuning);
    void setMediaFactory(MediaFactory factory);

    // Places a call to `uri` ("sip:bob@example.com", or "bob" for bob@ the account's domain).
    // Needs the running state: otherwise nullptr, and operationFailed() names the state; with
    // CallRegistry::MaxCalls already up, nullptr and operationFailed(TooManyCalls). Safe
    // from any thread; the call lives on the engine thread (connect with a context object).
    calls::Call *call(const QString &uri);
    // The calls of this client; engine thread only.
    calls::CallRegistry *calls() const { return m_calls; }
    // A pause was asked for during a call: it waits for the last call to end.
    bool isPauseDeferred() const { return m_pauseDeferred; }
    ConnectionTuning tuning() const { return m_tuning; }

public Q_SLOTS:
    void start(const parla::client::Session &session);
    void stop();
    void pause();
    void resume();
    // A sign that the network is back (reachability online, system woke up): retry at once,
    // outside the backoff, when reconnecting; re-register at once when running.
    void networkAvailable();
    // The desktop says the network is gone: a flow in use rode on it, so reconnecting starts now
    // rather than after a ping timeout; networkAvailable() then retries at once.
    void networkLost();
    // Re-REGISTER now. Needs the running state; otherwise operationFailed() names the state.
    void refreshRegistration();

Q_SIGNALS:
    void stateChanged(parla::client::CallClient::State state);
    void stateWillChange(parla::client::CallClient::State from, parla::client::CallClient::State to);
    void stateDidChange(parla::client::CallClient::State from, parla::client::CallClient::State to);
    void willStart();
    void didStart();
    void willPause();
    void didPause();
    void willResume();
    void didResume();
    void willStop();
    void didStop();
    void didStartReconnecting(int attempt, const QDateTime &nextTry);
    void didFail(const parla::client::ClientError &error);
    // An operation was refused (e.g. it needs the running state); the state does not change.
    void operationFailed(const parla::client::ClientError &error);
    // The registrar granted a binding (on every REGISTER and refresh).
    void registered(int expiresSeconds);
    // A call arrived; it rings until answered, declined or cancelled by the caller.
    void incomingCall(parla::calls::Call *call);
    // pause() came during a call: the client pauses once the last call has ended, unless
    // resume() cancels it first (pauseDeferralCancelled).
    void pauseDeferred();
    void pauseDeferralCancelled();

private:
    enum class Trigger {
        Start,
        Stop,
        Pause,
        Resume,
        Registered,
        ConnectionLost,
        Fatal,
        LetGo, // the connection was let go: un-REGISTERed (or timed out) and closed
    };
    static QString triggerVerb(Trigger trigger);
    class TriggerEvent;
    class TriggerTransition;
    friend class TriggerTransition;

    template<typename Function> bool runOnOwnThread(Function function);
    void buildStateMachine();
    void addTransition(State from, Trigger trigger, State to);
    void addRefusals();
    void refuse(Trigger trigger, State state);
    void post(Trigger trigger);
    void announceWill(State from, State to);
    void announceDid(State to);

    void onEnteredStarting();
    void onEnteredRunning();
    void onEnteredPausing();
    void onEnteredResuming();
    void onEnteredReconnecting();
    void onEnteredStopping();
    void replayDeferred();
    QString currentStateName() const;
    void onEnteredFailed();

    void connectFlow();
    calls::Call *placeCall(const QString &uri);
    void onLastCallEnded();
    void onRegistrationFailed(const sip::RegistrationError &error);
    void onFlowLost(const transport::FlowError &error);
    void connectionLost(const ClientError &error, std::optional<std::chrono::seconds> retryAfter = std::nullopt);
    void fatal(const ClientError &error);
    void scheduleRetry();
    void retireConnection(bool unregisterFirst, std::function<void()> done = {});
    void createRegistration();
    bool wantsConnection() const;

    QStateMachine *m_machine = nullptr;
    std::array<QState *, 7> m_states {};
    QState *m_pausing = nullptr;
    QState *m_stopping = nullptr;
    QList<Trigger> m_deferred; // asked for while pausing or stopping
    std::atomic<State> m_state { State::Stopped };
    State m_transitionFrom = State::Stopped;
    bool m_transitionPending = false;
    QList<Trigger> m_triggersBeforeStart;

    FlowFactory m_flowFactory;
    ConnectionTuning m_tuning;
    Session m_session; // the one in use since starting was entered
    Session m_nextSession; // the one the last start() asked for
    QPointer<sip::Registration> m_registration;
    QPointer<sip::TransactionLayer> m_layer;
    sip::RequestDispatcher *m_dispatcher = nullptr;
    calls::CallRegistry *m_calls = nullptr;
    MediaFactory m_mediaFactory;
    bool m_pauseDeferred = false;
    // What this server may get from us; kept across start()s to the same server, so that
    // stopping and starting does not refill it.
    std::unique_ptr<transport::SendBudget> m_budget;
    QUrl m_budgetServer;
    std::unique_ptr<ReconnectBackoff> m_backoff;
    QTimer m_retryTimer;
    QTimer m_stableFlowTimer; // running this long proves the flow: the backoff starts over
    int m_attempt = 0; // reconnection attempts since the last registration
    bool m_everRegistered = false; // since start(): an unreachable server is retried without end only after
    std::optional<std::chrono::seconds> m_retryAfter;
    ClientError m_lastError;
};

} // namespace parla::client
