#include "callclient.h"

#include "logging.h"
#include "sip/registration.h"
#include "sip/transactionlayer.h"
#include "transport/websocketflow.h"

#include <QAbstractTransition>
#include <QCoreApplication>
#include <QMetaEnum>
#include <QState>
#include <QStateMachine>
#include <QThread>

namespace parla::client {

using sip::Registration;
using sip::RegistrationError;
using sip::SipMessage;
using sip::TransactionLayer;
using transport::Flow;
using transport::FlowError;

namespace {
const QByteArray userAgent = QByteArrayLiteral("Parla/" PARLA_VERSION_STRING);
}

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

// Announces "will change" while the machine is between the source and the target state:
// after the trigger was accepted, before the target state is entered and does its work.
class CallClient::TriggerTransition : public QAbstractTransition
{
public:
    TriggerTransition(CallClient *client, State from, Trigger trigger, State to)
        : m_client(client)
        , m_from(from)
        , m_trigger(trigger)
        , m_to(to)
    {
    }

protected:
    bool eventTest(QEvent *event) override
    {
        return event->type() == TriggerEvent::eventType() && static_cast<TriggerEvent *>(event)->trigger == m_trigger;
    }
    void onTransition(QEvent *) override { m_client->announceWill(m_from, m_to); }

private:
    CallClient *m_client;
    State m_from;
    Trigger m_trigger;
    State m_to;
};

CallClient::CallClient(QObject *parent)
    : QObject(parent)
    , m_retryTimer(this)
{
    qRegisterMetaType<parla::client::ClientError>();
    qRegisterMetaType<parla::client::Session>();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &CallClient::connectFlow);
    m_flowFactory = [](const Session &session, const ConnectionTuning &tuning) -> std::unique_ptr<Flow> {
        return std::make_unique<transport::WebSocketFlow>(session.server,
            transport::WebSocketFlow::Timing { tuning.openTimeout, tuning.pingInterval, tuning.pongTimeout });
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
    connect(m_states[int(State::Starting)], &QState::entered, this, &CallClient::onEnteredStarting);
    connect(m_states[int(State::Running)], &QState::entered, this, &CallClient::onEnteredRunning);
    connect(m_states[int(State::Paused)], &QState::entered, this, &CallClient::onEnteredPaused);
    connect(m_states[int(State::Resuming)], &QState::entered, this, &CallClient::onEnteredResuming);
    connect(m_states[int(State::Reconnecting)], &QState::entered, this, &CallClient::onEnteredReconnecting);
    connect(m_states[int(State::Stopped)], &QState::entered, this, &CallClient::onEnteredStopped);
    connect(m_states[int(State::Failed)], &QState::entered, this, &CallClient::onEnteredFailed);
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

    connect(m_machine, &QStateMachine::started, this, [this] {
        for (Trigger trigger : std::exchange(m_triggersBeforeStart, {}))
            post(trigger);
    });
    m_machine->start();
}

void CallClient::addTransition(State from, Trigger trigger, State to)
{
    auto *transition = new TriggerTransition(this, from, trigger, to);
    transition->setTargetState(m_states[int(to)]);
    m_states[int(from)]->addTransition(transition);
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
    qCInfo(lcClient) << "state will change:" << stateName(from) << "->" << stateName(to);
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
    if (state() != State::Stopped && state() != State::Failed) {
        qCInfo(lcClient) << "start() ignored: already" << stateName(state());
        return;
    }
    m_session = session;
    if (m_session.instanceId.isNull())
        m_session.instanceId = QUuid::createUuid();
    m_backoff = std::make_unique<ReconnectBackoff>(m_tuning.backoffBase, m_tuning.backoffCap);
    m_attempt = 0;
    m_everRegistered = false;
    m_lastError = {};
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
    post(Trigger::Pause);
}

void CallClient::resume()
{
    if (runOnOwnThread([this] { resume(); }))
        return;
    post(Trigger::Resume);
}

void CallClient::networkAvailable()
{
    if (runOnOwnThread([this] { networkAvailable(); }))
        return;
    if (state() == State::Reconnecting && m_retryTimer.isActive()) {
        qCInfo(lcClient) << "network is back: retrying now instead of waiting";
        m_retryTimer.stop();
        connectFlow();
    } else if (state() == State::Running && m_registration) {
        // The flow may have died with the old network; a REGISTER finds out at once.
        m_registration->refresh();
    }
}

void CallClient::refreshRegistration()
{
    if (runOnOwnThread([this] { refreshRegistration(); }))
        return;
    if (state() != State::Running) {
        Q_EMIT operationFailed({ ClientError::Reason::NotRunning,
            QStringLiteral("cannot refresh the registration while the client is %1; "
                           "it must be running")
                .arg(stateName(state())) });
        return;
    }
    m_registration->refresh();
}

// --- what each state does on entry ---

void CallClient::onEnteredStarting()
{
    if (const QString problem = m_session.validate(); !problem.isEmpty()) {
        fatal(ClientError::Reason::InvalidSession, problem);
        return;
    }
    createRegistration();
    connectFlow();
}

void CallClient::onEnteredRunning()
{
    m_everRegistered = true;
    m_attempt = 0;
    m_retryAfter.reset();
    m_backoff->reset();
}

void CallClient::onEnteredPaused()
{
    m_retryTimer.stop();
    retireConnection(true);
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

void CallClient::onEnteredStopped()
{
    m_retryTimer.stop();
    retireConnection(true);
    if (m_registration) {
        // Lives on with the retiring flow until its un-REGISTER is answered.
        if (m_retiring)
            m_registration->setParent(m_retiring);
        else
            m_registration->deleteLater();
        m_registration.clear();
    }
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
    const QByteArray instance = m_session.instanceId.toByteArray(QUuid::WithoutBraces);
    sip::Registration::Binding binding;
    binding.addressOfRecord = m_session.addressOfRecord().toUtf8();
    binding.registrarUri = "sip:" + m_session.effectiveDomain().toUtf8();
    binding.displayName = m_session.displayName.toUtf8();
    // Derived from the instance id, so the Contact is the same on every flow and every run.
    binding.contactUri
        = "sip:" + instance.left(8) + '@' + instance.mid(9, 4) + instance.mid(14, 4) + ".invalid;transport=ws";
    binding.instanceUrn = "urn:uuid:" + instance;
    binding.expires = m_session.registerExpires;
    binding.credentials = { m_session.user.toUtf8(), m_session.password.toUtf8() };
    binding.userAgent = userAgent;
    m_registration = new Registration(binding, this);
    connect(m_registration, &Registration::registered, this, [this](int expires) {
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
    if (m_retiring) {
        // An un-REGISTER is still on its way over the old flow; a new REGISTER must not overtake it.
        connect(
            m_retiring, &QObject::destroyed, this,
            [this] {
                m_retiring.clear();
                connectFlow();
            },
            Qt::SingleShotConnection);
        return;
    }
    retireConnection(false);
    std::unique_ptr<Flow> flow = m_flowFactory(m_session, m_tuning);
    m_layer = new TransactionLayer(std::move(flow), this);
    m_layer->setTransactionTimeout(m_tuning.registerTimeout);
    Flow *f = m_layer->flow();
    connect(f, &Flow::opened, this, [this] { m_registration->registerOn(m_layer); });
    connect(f, &Flow::lost, this, &CallClient::onFlowLost);
    connect(m_layer, &TransactionLayer::requestReceived, this, &CallClient::onRequest);
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
        fatal(reason, error.message);
        return;
    }
    connectionLost(error.message);
}

void CallClient::onRegistrationFailed(const RegistrationError &error)
{
    if (error.isTransient()) {
        connectionLost(error.message, error.retryAfter);
        return;
    }
    fatal(error.kind == RegistrationError::Kind::AuthenticationFailed ? ClientError::Reason::AuthenticationFailed
                                                                      : ClientError::Reason::RegistrationRejected,
        error.message);
}

void CallClient::connectionLost(const QString &message, std::optional<std::chrono::seconds> retryAfter)
{
    qCInfo(lcClient) << "connection lost:" << message;
    m_lastError = { ClientError::Reason::ServerUnreachable, message };
    m_retryAfter = retryAfter;
    if (state() == State::Reconnecting) {
        retireConnection(false);
        scheduleRetry();
    } else {
        post(Trigger::ConnectionLost);
    }
}

void CallClient::fatal(ClientError::Reason reason, const QString &message)
{
    qCWarning(lcClient) << "failed:" << message;
    m_lastError = { reason, message };
    post(Trigger::Fatal);
}

void CallClient::scheduleRetry()
{
    if (!m_everRegistered && m_attempt >= m_tuning.maxStartAttempts) {
        fatal(ClientError::Reason::ServerUnreachable,
            QStringLiteral("could not sign in after %1 tries: %2").arg(m_attempt + 1).arg(m_lastError.message));
        return;
    }
    ++m_attempt;
    const auto delay = m_backoff->nextDelay(m_retryAfter);
    m_retryAfter.reset();
    m_retryTimer.start(delay);
    const QDateTime nextTry = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    qCInfo(lcClient) << "reconnection attempt" << m_attempt << "in" << delay.count() << "ms";
    Q_EMIT didStartReconnecting(m_attempt, nextTry);
}

void CallClient::retireConnection(bool unregisterFirst)
{
    TransactionLayer *layer = m_layer;
    m_layer.clear();
    if (!layer)
        return;
    disconnect(layer, nullptr, this, nullptr);
    disconnect(layer->flow(), nullptr, this, nullptr);
    // Closes the flow and lets it go; idempotent, as both the answer and the time bound call it.
    auto finish = [layer] {
        connect(layer->flow(), &Flow::closed, layer, &QObject::deleteLater);
        if (layer->flow()->isOpen())
            layer->flow()->close();
        else
            layer->deleteLater();
        // A peer that never completes the closing handshake does not keep the layer alive.
        QTimer::singleShot(std::chrono::seconds(1), layer, &QObject::deleteLater);
    };
    if (!unregisterFirst || !m_registration || !m_registration->isRegistered() || !layer->flow()->isOpen()) {
        if (m_registration)
            m_registration->detach();
        finish();
        return;
    }
    m_retiring = layer;
    connect(m_registration, &Registration::unregistered, layer, finish, Qt::SingleShotConnection);
    QTimer::singleShot(m_tuning.unregisterTimeout, layer, finish);
    m_registration->unregister();
}

void CallClient::onRequest(const SipMessage &request)
{
    if (!m_layer)
        return;
    const QByteArray method = request.method();
    if (method == "ACK")
        return; // never answered (RFC 3261 §17.1.1.1)
    if (method == "OPTIONS") {
        SipMessage response = SipMessage::response(request, 200, "OK", TransactionLayer::randomToken(4));
        response.addHeader("Allow", "OPTIONS");
        m_layer->sendResponse(response);
        return;
    }
    // Calls arrive with the calls layer; until then a caller hears "unavailable", not silence.
    if (method == "INVITE") {
        m_layer->sendResponse(
            SipMessage::response(request, 480, "Temporarily Unavailable", TransactionLayer::randomToken(4)));
        return;
    }
    SipMessage response = SipMessage::response(request, 405, "Method Not Allowed", TransactionLayer::randomToken(4));
    response.addHeader("Allow", "OPTIONS");
    m_layer->sendResponse(response);
}

} // namespace parla::client
