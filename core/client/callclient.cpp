// SPDX-License-Identifier: GPL-3.0-or-later
#include "callclient.h"

#include "calls/call.h"
#include "calls/callmedia.h"
#include "calls/callregistry.h"
#include "logging.h"
#include "platform/boundedwait.h"
#include "sip/registration.h"
#include "sip/requestdispatcher.h"
#include "sip/transactionlayer.h"
#include "transport/sendbudget.h"
#include "transport/websocketflow.h"

#include <QAbstractTransition>
#include <QCoreApplication>
#include <QMetaEnum>
#include <QState>
#include <QStateMachine>
#include <QThread>

#include <algorithm>

namespace parla::client {

using sip::Registration;
using sip::RegistrationError;
using sip::TransactionLayer;
using transport::Flow;
using transport::FlowError;

namespace {
// How long a closing WebSocket handshake may take before the socket is dropped anyway.
constexpr std::chrono::milliseconds closeTimeout { 1000 };
const QByteArray userAgent = QByteArrayLiteral("Parla/" PARLA_VERSION_STRING);

// What a lost or refused connection means for the user (ClientError::Kind), its words as detail.
ClientError flowFailure(ClientError::Reason reason, const FlowError &error)
{
    const auto kind = [&] {
        switch (error.kind) {
        case FlowError::Kind::InvalidUrl:
            return ClientError::Kind::Settings;
        case FlowError::Kind::HostNotFound:
            return ClientError::Kind::HostNotFound;
        case FlowError::Kind::ProtocolRefused:
            return ClientError::Kind::ProtocolError;
        case FlowError::Kind::TlsRefused:
            return ClientError::Kind::Certificate;
        case FlowError::Kind::Timeout:
            return ClientError::Kind::Timeout;
        default:
            return ClientError::Kind::ServerUnreachable;
        }
    }();
    return { reason, error.message, kind, ClientError::boundedDetail(error.message) };
}

ClientError registrationFailure(ClientError::Reason reason, const RegistrationError &error)
{
    const auto kind = [&] {
        switch (error.kind) {
        case RegistrationError::Kind::AuthenticationFailed:
            return error.statusCode == 403 ? ClientError::Kind::Forbidden : ClientError::Kind::AuthenticationRefused;
        case RegistrationError::Kind::Timeout:
            return ClientError::Kind::Timeout;
        case RegistrationError::Kind::ServerError:
            return ClientError::Kind::ServerError;
        case RegistrationError::Kind::TransportError:
            return ClientError::Kind::ServerUnreachable;
        case RegistrationError::Kind::Rejected:
            break;
        }
        // A challenge Parla cannot answer is a protocol mismatch, not a refusal of the account.
        return error.statusCode == 401 || error.statusCode == 407 ? ClientError::Kind::ProtocolError
                                                                  : ClientError::Kind::Refused;
    }();
    return { reason, error.message, kind, ClientError::boundedDetail(error.status) };
}
} // namespace

// An event that asks the state machine to move; only the transitions of that trigger match.
class CallClient::TriggerEvent : public QEvent
{
public:
    static QEvent::Type eventType()
    {
        static const auto type = QEvent::Type(QEvent::registerEventType());
        return type;
    }
    explicit TriggerEvent(Trigger trigger)
        : QEvent(eventType())
        , trigger(trigger)
    {
    }
    const Trigger trigger;
};

// One arrow of the life cycle. An announcing transition says "will change" while the machine is
// between the source and the target state: after the trigger was accepted, before the target is
// entered and does its work. A deferring one (in pausing/stopping) keeps the trigger for later.
class CallClient::TriggerTransition : public QAbstractTransition
{
public:
    enum class Kind { Announce, Silent, Defer, Refuse };

    TriggerTransition(CallClient *client, Trigger trigger, Kind kind, State from = {}, State to = {})
        : m_client(client)
        , m_trigger(trigger)
        , m_kind(kind)
        , m_from(from)
        , m_to(to)
    {
    }

protected:
    bool eventTest(QEvent *event) override
    {
        return event->type() == TriggerEvent::eventType() && static_cast<TriggerEvent *>(event)->trigger == m_trigger;
    }
    void onTransition(QEvent *) override
    {
        if (m_kind == Kind::Announce)
            m_client->announceWill(m_from, m_to);
        else if (m_kind == Kind::Defer)
            m_client->m_deferred.append(m_trigger);
        else if (m_kind == Kind::Refuse)
            m_client->refuse(m_trigger, m_from);
    }

public:
    Trigger trigger() const { return m_trigger; }

private:
    CallClient *m_client;
    Trigger m_trigger;
    Kind m_kind;
    State m_from;
    State m_to;
};

CallClient::CallClient(QObject *parent)
    : QObject(parent)
    , m_dispatcher(new sip::RequestDispatcher(this))
    , m_calls(new calls::CallRegistry(
          [this] {
              calls::CallMedia *media = m_mediaFactory ? m_mediaFactory() : nullptr;
              // SDES keys travel in the SDP: SRTP only when SIP itself is encrypted.
              if (media)
                  media->setSignallingSecure(m_session.server.scheme() == QLatin1String("wss"));
              return media;
          },
          this))
    , m_retryTimer(this)
    , m_stableFlowTimer(this)
{
    qRegisterMetaType<parla::client::ClientError>();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &CallClient::connectFlow);
    // The calls layer owns what belongs to calls; the dispatcher answers the rest.
    for (const char *method : { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS" })
        m_dispatcher->setOwner(method,
            [this](TransactionLayer *layer, const sip::SipMessage &request) { return m_calls->route(layer, request); });
    connect(m_calls, &calls::CallRegistry::incomingCall, this, &CallClient::incomingCall);
    connect(m_calls, &calls::CallRegistry::lastCallEnded, this, &CallClient::onLastCallEnded);
    m_stableFlowTimer.setSingleShot(true);
    connect(&m_stableFlowTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcClient).noquote() << "the flow has proven itself: the reconnection backoff starts over";
        m_attempt = 0;
        m_backoff->reset();
    });
    m_flowFactory = [](const Session &session, const ConnectionTuning &tuning) -> std::unique_ptr<Flow> {
        auto flow = std::make_unique<transport::WebSocketFlow>(session.server,
            transport::WebSocketFlow::Timing { tuning.openTimeout, tuning.pingInterval, tuning.pongTimeout });
        flow->setCaFile(session.caFile);
        return flow;
    };
    buildStateMachine();
}

CallClient::~CallClient()
{
    // No signals to observers from a client being destroyed.
    if (m_machine)
        m_machine->blockSignals(true);
    blockSignals(true);
}

QString CallClient::stateName(State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(state))).toLower();
}

void CallClient::setFlowFactory(FlowFactory factory)
{
    m_flowFactory = std::move(factory);
}

void CallClient::setTuning(const ConnectionTuning &tuning)
{
    m_tuning = tuning;
}

void CallClient::setMediaFactory(MediaFactory factory)
{
    m_mediaFactory = std::move(factory);
}

calls::Call *CallClient::call(const QString &uri)
{
    if (QThread::currentThread() == thread())
        return placeCall(uri);
    calls::Call *placed = nullptr;
    QMetaObject::invokeMethod(
        this, [this, uri, &placed] { placed = placeCall(uri); }, Qt::BlockingQueuedConnection);
    return placed;
}

calls::Call *CallClient::placeCall(const QString &uri)
{
    if (state() != State::Running || !m_layer) {
        Q_EMIT operationFailed({ ClientError::Reason::NotRunning,
            QStringLiteral("cannot place a call while the client is %1; it must be running").arg(currentStateName()) });
        return nullptr;
    }
    QString target = uri.trimmed();
    if (!target.contains(QLatin1Char(':')))
        target = QStringLiteral("sip:%1").arg(target);
    if (!target.contains(QLatin1Char('@')))
        target += QLatin1Char('@') + m_session.effectiveDomain();
    if (const QString problem = sip::InviteSession::checkTarget(target.toUtf8()); !problem.isEmpty()) {
        Q_EMIT operationFailed({ ClientError::Reason::InvalidTarget, problem });
        return nullptr;
    }
    if (!m_mediaFactory) {
        Q_EMIT operationFailed(
            { ClientError::Reason::NoMedia, QStringLiteral("this client has no audio to call with") });
        return nullptr;
    }
    // Asked here rather than read from place()'s message, so that a view can say it in words.
    if (m_calls->calls().size() >= calls::CallRegistry::MaxCalls) {
        Q_EMIT operationFailed({ ClientError::Reason::TooManyCalls,
            QStringLiteral("already %1 calls at once; hang one up first").arg(calls::CallRegistry::MaxCalls) });
        return nullptr;
    }
    QString error;
    calls::Call *placed = m_calls->place(m_layer, target.toUtf8(), &error);
    if (!placed) // the media factory gave no audio for this call
        Q_EMIT operationFailed({ ClientError::Reason::NoMedia, error });
    return placed;
}

void CallClient::onLastCallEnded()
{
    if (!std::exchange(m_pauseDeferred, false))
        return;
    qCInfo(lcClient).noquote() << "the last call ended: pausing now, as asked during the call";
    post(Trigger::Pause);
}

template<typename Function> bool CallClient::runOnOwnThread(Function function)
{
    if (QThread::currentThread() == thread())
        return false;
    QMetaObject::invokeMethod(this, std::move(function), Qt::QueuedConnection);
    return true;
}

void CallClient::buildStateMachine()
{
    m_machine = new QStateMachine(this);
    for (int i = 0; i < int(m_states.size()); ++i) {
        auto *state = new QState(m_machine);
        state->setObjectName(stateName(State(i)));
        m_states[i] = state;
        connect(state, &QState::entered, this, [this, i] { announceDid(State(i)); });
    }
    // Paused and stopped are entered only once the un-REGISTER was answered (or timed out) and
    // the socket is closed, so that didPause/didStop mean it. Until then the machine waits in
    // one of these two inner states, which keep start/stop/pause/resume for afterwards.
    m_pausing = new QState(m_machine);
    m_pausing->setObjectName(QStringLiteral("pausing"));
    m_stopping = new QState(m_machine);
    m_stopping->setObjectName(QStringLiteral("stopping"));

    connect(m_states[int(State::Starting)], &QState::entered, this, &CallClient::onEnteredStarting);
    connect(m_states[int(State::Running)], &QState::entered, this, &CallClient::onEnteredRunning);
    connect(m_pausing, &QState::entered, this, &CallClient::onEnteredPausing);
    connect(m_states[int(State::Paused)], &QState::entered, this, &CallClient::replayDeferred);
    connect(m_states[int(State::Resuming)], &QState::entered, this, &CallClient::onEnteredResuming);
    connect(m_states[int(State::Reconnecting)], &QState::entered, this, &CallClient::onEnteredReconnecting);
    connect(m_stopping, &QState::entered, this, &CallClient::onEnteredStopping);
    connect(m_states[int(State::Stopped)], &QState::entered, this, &CallClient::replayDeferred);
    connect(m_states[int(State::Failed)], &QState::entered, this, &CallClient::onEnteredFailed);
    connect(m_states[int(State::Running)], &QState::exited, &m_stableFlowTimer, &QTimer::stop);
    m_machine->setInitialState(m_states[int(State::Stopped)]);

    // The life cycle of DESIGN.md, one row per arrow. stop() leads to stopped from everywhere.
    addTransition(State::Stopped, Trigger::Start, State::Starting);
    addTransition(State::Failed, Trigger::Start, State::Starting);
    for (State from : { State::Starting, State::Resuming, State::Reconnecting })
        addTransition(from, Trigger::Registered, State::Running);
    for (State from : { State::Starting, State::Running, State::Resuming })
        addTransition(from, Trigger::ConnectionLost, State::Reconnecting);
    for (State from : { State::Starting, State::Running, State::Resuming, State::Reconnecting }) {
        addTransition(from, Trigger::Fatal, State::Failed);
        addTransition(from, Trigger::Pause, State::Paused);
    }
    addTransition(State::Paused, Trigger::Resume, State::Resuming);
    for (State from :
        { State::Starting, State::Running, State::Paused, State::Resuming, State::Reconnecting, State::Failed })
        addTransition(from, Trigger::Stop, State::Stopped);

    using Kind = TriggerTransition::Kind;
    for (auto [inner, target] : { std::pair(m_pausing, State::Paused), std::pair(m_stopping, State::Stopped) }) {
        auto *done = new TriggerTransition(this, Trigger::LetGo, Kind::Silent);
        done->setTargetState(m_states[int(target)]);
        inner->addTransition(done);
        for (Trigger trigger : { Trigger::Start, Trigger::Stop, Trigger::Pause, Trigger::Resume })
            inner->addTransition(new TriggerTransition(this, trigger, Kind::Defer));
    }

    addRefusals();

    connect(m_machine, &QStateMachine::started, this, [this] {
        for (Trigger trigger : std::exchange(m_triggersBeforeStart, {}))
            post(trigger);
    });
    m_machine->start();
}

void CallClient::addTransition(State from, Trigger trigger, State to)
{
    auto *transition = new TriggerTransition(this, trigger, TriggerTransition::Kind::Announce, from, to);
    QState *target = m_states[int(to)];
    if (to == State::Paused)
        target = m_pausing;
    else if (to == State::Stopped)
        target = m_stopping;
    transition->setTargetState(target);
    m_states[int(from)]->addTransition(transition);
}

// Every start/stop/pause/resume that no arrow takes from a state is refused there, naming the
// state: asked for in the wrong state, an operation fails loudly and never vanishes.
void CallClient::addRefusals()
{
    for (int i = 0; i < int(m_states.size()); ++i) {
        QState *state = m_states[i];
        for (Trigger trigger : { Trigger::Start, Trigger::Stop, Trigger::Pause, Trigger::Resume }) {
            const auto transitions = state->transitions();
            const bool taken = std::any_of(transitions.begin(), transitions.end(), [trigger](auto *transition) {
                const auto *arrow = dynamic_cast<TriggerTransition *>(transition);
                return arrow && arrow->trigger() == trigger;
            });
            if (!taken)
                state->addTransition(new TriggerTransition(this, trigger, TriggerTransition::Kind::Refuse, State(i)));
        }
    }
}

QString CallClient::triggerVerb(Trigger trigger)
{
    switch (trigger) {
    case Trigger::Start:
        return QStringLiteral("start");
    case Trigger::Stop:
        return QStringLiteral("stop");
    case Trigger::Pause:
        return QStringLiteral("pause");
    case Trigger::Resume:
        return QStringLiteral("resume");
    default:
        return QString();
    }
}

void CallClient::refuse(Trigger trigger, State state)
{
    const QString verb = triggerVerb(trigger);
    const QString hint = [&] {
        switch (trigger) {
        case Trigger::Start:
            return QStringLiteral("; stop it first");
        case Trigger::Resume:
            return QStringLiteral("; only a paused client resumes");
        case Trigger::Pause:
            return QStringLiteral("; only a client that is starting, running, resuming or reconnecting pauses");
        default:
            return QString();
        }
    }();
    qCInfo(lcClient).noquote() << "refused" << verb << "while" << stateName(state);
    Q_EMIT operationFailed({ ClientError::Reason::WrongState,
        QStringLiteral("cannot %1 while the client is %2%3").arg(verb, stateName(state), hint) });
}

void CallClient::replayDeferred()
{
    for (Trigger trigger : std::exchange(m_deferred, {}))
        post(trigger);
}

QString CallClient::currentStateName() const
{
    if (m_machine->configuration().contains(m_pausing))
        return QStringLiteral("pausing");
    if (m_machine->configuration().contains(m_stopping))
        return QStringLiteral("stopping");
    return stateName(state());
}

void CallClient::post(Trigger trigger)
{
    // QStateMachine drops events posted before it runs; its start is itself queued.
    if (!m_machine->isRunning()) {
        m_triggersBeforeStart.append(trigger);
        return;
    }
    m_machine->postEvent(new TriggerEvent(trigger));
}

void CallClient::announceWill(State from, State to)
{
    m_transitionFrom = from;
    m_transitionPending = true;
    qCInfo(lcClient).noquote() << "state will change:" << stateName(from) << "->" << stateName(to);
    Q_EMIT stateWillChange(from, to);
    switch (to) {
    case State::Starting:
        Q_EMIT willStart();
        break;
    case State::Paused:
        Q_EMIT willPause();
        break;
    case State::Resuming:
        Q_EMIT willResume();
        break;
    case State::Stopped:
        Q_EMIT willStop();
        break;
    default:
        break;
    }
}

void CallClient::announceDid(State to)
{
    if (!m_transitionPending)
        return; // the initial state: nothing changed, so nothing is announced
    m_transitionPending = false;
    const State from = m_transitionFrom;
    m_state = to;
    Q_EMIT stateChanged(to);
    Q_EMIT stateDidChange(from, to);
    switch (to) {
    case State::Running:
        if (from == State::Starting)
            Q_EMIT didStart();
        else if (from == State::Resuming)
            Q_EMIT didResume();
        break;
    case State::Paused:
        Q_EMIT didPause();
        break;
    case State::Stopped:
        Q_EMIT didStop();
        break;
    case State::Failed:
        Q_EMIT didFail(m_lastError);
        break;
    default:
        break;
    }
}

// --- public slots: each hops to the engine thread, then asks the machine ---

void CallClient::start(const Session &session)
{
    if (runOnOwnThread([this, session] { start(session); }))
        return;
    // Taken up when starting is entered; a start() in a state that cannot start changes nothing.
    m_nextSession = session;
    post(Trigger::Start);
}

void CallClient::stop()
{
    if (runOnOwnThread([this] { stop(); }))
        return;
    post(Trigger::Stop);
}

void CallClient::pause()
{
    if (runOnOwnThread([this] { pause(); }))
        return;
    // Pausing never drops a call: it waits for the last one to end.
    if (state() == State::Running && m_calls->hasCalls()) {
        if (!std::exchange(m_pauseDeferred, true)) {
            qCInfo(lcClient).noquote() << "pause deferred until the last call ends";
            Q_EMIT pauseDeferred();
        }
        return;
    }
    post(Trigger::Pause);
}

void CallClient::resume()
{
    if (runOnOwnThread([this] { resume(); }))
        return;
    if (std::exchange(m_pauseDeferred, false)) {
        qCInfo(lcClient).noquote() << "resume cancels the pause deferred during a call";
        Q_EMIT pauseDeferralCancelled();
        return;
    }
    post(Trigger::Resume);
}

void CallClient::networkAvailable()
{
    if (runOnOwnThread([this] { networkAvailable(); }))
        return;
    if (state() == State::Reconnecting && m_retryTimer.isActive()) {
        qCInfo(lcClient).noquote() << "network is back: retrying now instead of waiting";
        m_retryTimer.stop();
        connectFlow();
    } else if (state() == State::Running && m_layer) {
        // The flow may have died with the old network; a REGISTER finds out at once.
        m_registration->refresh();
    }
}

void CallClient::networkLost()
{
    if (runOnOwnThread([this] { networkLost(); }))
        return;
    // Without a flow (pausing, stopping, waiting to retry) there is nothing to lose.
    const State s = state();
    if (m_layer && (s == State::Running || s == State::Starting || s == State::Resuming))
        connectionLost({ ClientError::Reason::ServerUnreachable, QStringLiteral("the network is gone"),
            ClientError::Kind::ServerUnreachable });
}

void CallClient::refreshRegistration()
{
    if (runOnOwnThread([this] { refreshRegistration(); }))
        return;
    // While pausing or stopping, state() still names the state being left; there is no flow.
    if (state() != State::Running || !m_layer) {
        Q_EMIT operationFailed({ ClientError::Reason::NotRunning,
            QStringLiteral("cannot refresh the registration while the client is %1; "
                           "it must be running")
                .arg(currentStateName()) });
        return;
    }
    m_registration->refresh();
}

// --- what each state does on entry ---

void CallClient::onEnteredStarting()
{
    m_session = m_nextSession;
    if (m_session.instanceId.isNull())
        m_session.instanceId = QUuid::createUuid();
    m_backoff = std::make_unique<ReconnectBackoff>(m_tuning.backoffBase, m_tuning.backoffCap);
    if (!m_budget || m_budgetServer != m_session.server) {
        m_budget = std::make_unique<transport::SendBudget>(m_tuning.sendBudget);
        m_budgetServer = m_session.server;
    }
    m_attempt = 0;
    m_everRegistered = false;
    m_lastError = {};
    if (const QString problem = m_session.validate(); !problem.isEmpty()) {
        // Which field, in Parla's own words: the sentence alone would not say.
        fatal({ ClientError::Reason::InvalidSession, problem, ClientError::Kind::Settings,
            ClientError::boundedDetail(problem) });
        return;
    }
    createRegistration();
    connectFlow();
}

void CallClient::onEnteredRunning()
{
    m_everRegistered = true;
    m_retryAfter.reset();
    // Not reset yet: only a flow that stays up proves the server healthy (RFC 5626 §4.5).
    m_stableFlowTimer.start(m_tuning.stableFlowTime);
}

void CallClient::onEnteredPausing()
{
    m_retryTimer.stop();
    retireConnection(true, [this] { post(Trigger::LetGo); });
}

void CallClient::onEnteredResuming()
{
    connectFlow();
}

void CallClient::onEnteredReconnecting()
{
    retireConnection(false);
    scheduleRetry();
}

void CallClient::onEnteredStopping()
{
    m_retryTimer.stop();
    m_pauseDeferred = false;
    m_calls->hangUpAll(); // the BYEs go out before the un-REGISTER, on the same flow
    retireConnection(true, [this] {
        if (m_registration)
            m_registration->deleteLater();
        m_registration.clear();
        post(Trigger::LetGo);
    });
}

void CallClient::onEnteredFailed()
{
    m_retryTimer.stop();
    retireConnection(false);
}

// --- connection attempts ---

bool CallClient::wantsConnection() const
{
    const State s = state();
    return s == State::Starting || s == State::Resuming || s == State::Reconnecting;
}

void CallClient::createRegistration()
{
    if (m_registration)
        m_registration->deleteLater();
    sip::Registration::Binding binding;
    binding.addressOfRecord = m_session.addressOfRecord().toUtf8();
    binding.registrarUri = "sip:" + m_session.effectiveDomain().toUtf8();
    binding.displayName = m_session.displayName.toUtf8();
    binding.instanceId = m_session.instanceId.toByteArray(QUuid::WithoutBraces);
    binding.expires = m_session.registerExpires;
    binding.credentials = { m_session.user.toUtf8(), m_session.password.toUtf8() };
    binding.userAgent = userAgent;
    m_registration = new Registration(binding, this);
    connect(m_registration, &Registration::registered, this, [this](int expires) {
        m_calls->setSelf({ m_registration->binding().addressOfRecord, m_registration->binding().displayName,
            m_registration->contactUri(), m_registration->binding().credentials, userAgent,
            m_dispatcher->allowedMethods() });
        Q_EMIT registered(expires);
        if (wantsConnection())
            post(Trigger::Registered);
    });
    connect(m_registration, &Registration::failed, this, &CallClient::onRegistrationFailed);
}

void CallClient::connectFlow()
{
    if (!wantsConnection())
        return;
    retireConnection(false);
    if (const auto wait = m_budget->takeConnection(); wait > std::chrono::milliseconds::zero()) {
        qCInfo(lcClient).noquote() << "connection budget for this server spent: next attempt in" << wait.count()
                                   << "ms";
        m_retryTimer.start(platform::boundedWait(wait));
        return;
    }
    std::unique_ptr<Flow> flow = m_flowFactory(m_session, m_tuning);
    m_layer = new TransactionLayer(std::move(flow), this);
    m_layer->setTransactionTimeout(m_tuning.registerTimeout);
    m_layer->setSendBudget(m_budget.get());
    m_dispatcher->attach(m_layer);
    connect(m_layer, &TransactionLayer::strayResponse, m_calls, &calls::CallRegistry::routeStrayResponse);
    Flow *f = m_layer->flow();
    connect(f, &Flow::opened, this, [this] { m_registration->registerOn(m_layer); });
    connect(f, &Flow::lost, this, &CallClient::onFlowLost);
    f->open();
}

void CallClient::onFlowLost(const FlowError &error)
{
    if (!error.isTransient()) {
        const auto reason = [&] {
            switch (error.kind) {
            case FlowError::Kind::InvalidUrl:
                return ClientError::Reason::InvalidSession;
            case FlowError::Kind::HostNotFound:
                return ClientError::Reason::HostNotFound;
            case FlowError::Kind::ProtocolRefused:
                return ClientError::Reason::ProtocolRefused;
            case FlowError::Kind::TlsRefused:
                return ClientError::Reason::CertificateRefused;
            default:
                return ClientError::Reason::ServerUnreachable;
            }
        }();
        fatal(flowFailure(reason, error));
        return;
    }
    connectionLost(flowFailure(ClientError::Reason::ServerUnreachable, error));
}

void CallClient::onRegistrationFailed(const RegistrationError &error)
{
    if (error.isTransient()) {
        connectionLost(registrationFailure(ClientError::Reason::ServerUnreachable, error), error.retryAfter);
        return;
    }
    fatal(registrationFailure(error.kind == RegistrationError::Kind::AuthenticationFailed
            ? ClientError::Reason::AuthenticationFailed
            : ClientError::Reason::RegistrationRejected,
        error));
}

void CallClient::connectionLost(const ClientError &error, std::optional<std::chrono::seconds> retryAfter)
{
    qCInfo(lcClient).noquote() << "connection lost:" << error.message;
    m_lastError = error;
    m_retryAfter = retryAfter;
    if (state() == State::Reconnecting) {
        retireConnection(false);
        scheduleRetry();
    } else {
        post(Trigger::ConnectionLost);
    }
}

void CallClient::fatal(const ClientError &error)
{
    qCWarning(lcClient).noquote() << "failed:" << error.message;
    m_lastError = error;
    post(Trigger::Fatal);
}

void CallClient::scheduleRetry()
{
    if (!m_everRegistered && m_attempt >= m_tuning.maxStartAttempts) {
        // The last try's kind and words: a server answering 500 is not one that cannot be reached.
        ClientError error = m_lastError;
        error.reason = ClientError::Reason::ServerUnreachable;
        error.message
            = QStringLiteral("could not sign in after %1 tries: %2").arg(m_attempt + 1).arg(m_lastError.message);
        fatal(error);
        return;
    }
    ++m_attempt;
    const auto delay = platform::boundedWait(m_backoff->nextDelay(m_retryAfter));
    m_retryAfter.reset();
    m_retryTimer.start(delay);
    const QDateTime nextTry = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    qCInfo(lcClient).noquote() << "reconnection attempt" << m_attempt << "in" << delay.count() << "ms";
    Q_EMIT didStartReconnecting(m_attempt, nextTry);
}

void CallClient::retireConnection(bool unregisterFirst, std::function<void()> done)
{
    TransactionLayer *layer = m_layer;
    m_layer.clear();
    if (!layer) {
        if (done)
            done();
        return;
    }
    disconnect(layer, nullptr, this, nullptr);
    disconnect(layer->flow(), nullptr, this, nullptr);
    // Both the answer to the un-REGISTER and its time bound lead to close(), and both the closing
    // handshake and its own bound lead to end(): each step runs once.
    auto ended = std::make_shared<bool>(false);
    auto end = [layer, ended, done] {
        if (std::exchange(*ended, true))
            return;
        layer->deleteLater();
        if (done)
            done();
    };
    auto closing = std::make_shared<bool>(false);
    auto close = [layer, closing, end] {
        if (std::exchange(*closing, true))
            return;
        if (!layer->flow()->isOpen()) {
            end();
            return;
        }
        connect(layer->flow(), &Flow::closed, layer, end);
        // A peer that never completes the closing handshake does not hold us up.
        QTimer::singleShot(closeTimeout, layer, end);
        layer->flow()->close();
    };
    if (!unregisterFirst || !m_registration || !m_registration->isRegistered() || !layer->flow()->isOpen()) {
        if (m_registration)
            m_registration->detach();
        close();
        return;
    }
    connect(m_registration, &Registration::unregistered, layer, close, Qt::SingleShotConnection);
    QTimer::singleShot(m_tuning.unregisterTimeout, layer, close);
    m_registration->unregister();
}

} // namespace parla::client
