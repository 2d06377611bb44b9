#include "transactionlayer.h"

#include "logging.h"
#include "randomtoken.h"
#include "timers.h"
#include "transport/flow.h"
#include "transport/sendbudget.h"

namespace parla::sip {

namespace {
// RFC 3261 §8.1.1.7: branches of RFC 3261 transactions start with this magic cookie.
const QByteArray branchMagicCookie = QByteArrayLiteral("z9hG4bK");

QByteArray transactionKey(const QByteArray &branch, const QByteArray &method)
{
    return branch + ' ' + method;
}

// The first line is enough to follow the traffic; headers may carry credentials.
QByteArray firstLine(const QByteArray &wire)
{
    return wire.left(wire.indexOf('\r'));
}
} // namespace

TransactionLayer::TransactionLayer(std::unique_ptr<transport::Flow> flow, QObject *parent)
    : QObject(parent)
    , m_flow(flow.release())
    , m_viaHost(randomToken(6).toLower() + ".invalid")
    , m_timeout(timers::TimerF)
    , m_budgetTimer(this)
{
    m_budgetTimer.setSingleShot(true);
    connect(&m_budgetTimer, &QTimer::timeout, this, &TransactionLayer::sendHeld);
    m_flow->setParent(this);
    connect(m_flow, &transport::Flow::messageReceived, this, &TransactionLayer::onMessage);
    connect(
        m_flow, &transport::Flow::lost, this, [this](const transport::FlowError &error) { failAll(error.message); });
    connect(m_flow, &transport::Flow::closed, this, [this] { failAll(QStringLiteral("the flow was closed")); });
}

TransactionLayer::~TransactionLayer() = default;

QByteArray TransactionLayer::newBranch()
{
    return branchMagicCookie + randomToken(10);
}

void TransactionLayer::stampVia(SipMessage *request, const QByteArray &branch) const
{
    const QByteArray via = "SIP/2.0/" + m_flow->viaTransport() + ' ' + m_viaHost
        + ";branch=" + (branch.isEmpty() ? newBranch() : branch) + ";rport";
    request->removeHeader("Via");
    request->addHeader("Via", via);
}

void TransactionLayer::sendAck(SipMessage ack, const QByteArray &branch)
{
    if (!m_flow->isOpen())
        return;
    stampVia(&ack, branch);
    const QByteArray wire = ack.toBytes();
    qCDebug(lcSip).noquote() << "sending" << firstLine(wire);
    m_flow->send(wire);
}

ClientTransaction *TransactionLayer::sendRequest(SipMessage request, const QByteArray &branch)
{
    stampVia(&request, branch);
    auto *transaction = new ClientTransaction(std::move(request), this);
    const QByteArray key = transactionKey(transaction->branch(), transaction->request().method());
    m_transactions.insert(key, transaction);
    connect(transaction, &ClientTransaction::terminated, this, [this, key, transaction] {
        m_transactions.remove(key);
        transaction->deleteLater();
    });
    if (!m_flow->isOpen()) {
        QMetaObject::invokeMethod(
            transaction, [transaction] { transaction->failTransport(QStringLiteral("the flow is not open")); },
            Qt::QueuedConnection);
        return transaction;
    }
    if (m_held.size() >= MaxHeldRequests) {
        qCWarning(lcSip).noquote() << "refusing a" << transaction->request().method()
                                   << "request: too many are waiting for the send budget";
        QMetaObject::invokeMethod(
            transaction,
            [transaction] {
                transaction->failTransport(QStringLiteral("too many requests are waiting to be sent to this server"));
            },
            Qt::QueuedConnection);
        return transaction;
    }
    m_held.append(transaction);
    sendHeld();
    return transaction;
}

void TransactionLayer::sendHeld()
{
    while (!m_held.isEmpty()) {
        if (!m_held.first() || m_held.first()->isTerminated()) {
            m_held.removeFirst();
            continue;
        }
        if (m_budget) {
            if (const auto wait = m_budget->takeRequest(); wait > std::chrono::milliseconds::zero()) {
                if (!m_budgetTimer.isActive()) {
                    qCInfo(lcSip).noquote()
                        << "send budget spent:" << m_held.size() << "request(s) wait" << wait.count() << "ms";
                    m_budgetTimer.start(wait);
                }
                return;
            }
        }
        transmit(m_held.takeFirst());
    }
}

void TransactionLayer::transmit(ClientTransaction *transaction)
{
    const QByteArray wire = transaction->request().toBytes();
    qCDebug(lcSip).noquote() << "sending" << firstLine(wire);
    transaction->startTimerF(m_timeout);
    m_flow->send(wire);
}

void TransactionLayer::sendResponse(const SipMessage &response)
{
    if (!m_flow->isOpen())
        return;
    const QByteArray wire = response.toBytes();
    qCDebug(lcSip).noquote() << "sending" << firstLine(wire);
    m_flow->send(wire);
}

void TransactionLayer::onMessage(const QByteArray &wire)
{
    if (wire.trimmed().isEmpty())
        return; // CRLF keepalives (RFC 5626 §3.5.1) carry no message
    auto parsed = SipMessage::parse(wire);
    if (const auto *error = std::get_if<ParseError>(&parsed)) {
        qCWarning(lcSip).noquote() << "dropping a malformed message:" << error->toString();
        return;
    }
    SipMessage message = std::get<SipMessage>(std::move(parsed));
    qCDebug(lcSip).noquote() << "received" << firstLine(wire);
    if (message.isRequest()) {
        Q_EMIT requestReceived(message);
        return;
    }
    const QByteArray key = transactionKey(message.topViaBranch(), message.cseqMethod());
    if (QPointer<ClientTransaction> transaction = m_transactions.value(key)) {
        transaction->receiveResponse(message);
        return;
    }
    qCDebug(lcSip).noquote() << "a response that matches no transaction:" << message.statusCode()
                             << message.cseqMethod();
    Q_EMIT strayResponse(message);
}

void TransactionLayer::failAll(const QString &reason)
{
    const auto transactions = m_transactions.values();
    for (const auto &transaction : transactions) {
        if (transaction)
            transaction->failTransport(reason);
    }
}

} // namespace parla::sip
