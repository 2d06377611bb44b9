// SPDX-License-Identifier: GPL-3.0-or-later
#include "transactionlayer.h"

#include "logging.h"
#include "randomtoken.h"
#include "sipgrammar.h"
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

// Printable ASCII only, for a reason phrase made from a parse error.
QByteArray reasonText(const QString &reason)
{
    QByteArray text;
    for (const QChar c : reason.left(120)) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f)
            text.append(char(c.unicode()));
    }
    return text;
}

// A request that does not parse is still answered when enough of it can be read to address the
// answer (RFC 3261 §8.2, RFC 4475 §3.1.2): its Via and CSeq at least, with From, To and Call-ID
// copied as received when there. 505 for another SIP version, 416 for a Request-URI scheme that is
// not SIP's, otherwise 400 with the parse error as the reason. Never a response, never an ACK.
std::optional<QByteArray> answerToMalformed(const QByteArray &wire, const ParseError &error)
{
    const qsizetype headEnd = wire.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = (headEnd < 0 ? wire : wire.left(headEnd)).split('\n');
    const QList<QByteArray> start = lines.first().simplified().split(' ');
    if (start.size() < 3 || start.first().startsWith("SIP/") || start.first() == "ACK"
        || !detail::isToken(start.first()))
        return std::nullopt;
    QByteArrayList vias;
    QByteArray from, to, callId, cseq;
    QByteArray *last = nullptr;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            return std::nullopt; // nothing that could smuggle a line into the answer
        if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
            *last += ' ' + line.trimmed(); // folded (RFC 3261 §7.3.1)
            continue;
        }
        last = nullptr;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = detail::canonicalName(line.left(colon).trimmed()).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        QByteArray *single = name == "from" ? &from
            : name == "to"                  ? &to
            : name == "call-id"             ? &callId
            : name == "cseq"                ? &cseq
                                            : nullptr;
        if (name == "via") {
            vias.append(value);
            last = &vias.last();
        } else if (single && single->isEmpty()) {
            *single = value;
            last = single;
        }
    }
    if (vias.isEmpty() || cseq.isEmpty())
        return std::nullopt;
    const QByteArray uri = start[1];
    const QByteArray scheme = uri.left(uri.indexOf(':')).toLower();
    QByteArray status = "400 " + reasonText(error.reason);
    if (start.last() != "SIP/2.0")
        status = "505 Version Not Supported";
    else if (uri.contains(':') && detail::isToken(scheme) && scheme != "sip" && scheme != "sips" && scheme != "tel")
        status = "416 Unsupported URI Scheme";
    QByteArray answer = "SIP/2.0 " + status + "\r\n";
    for (const QByteArray &via : std::as_const(vias))
        answer += "Via: " + via + "\r\n";
    if (!from.isEmpty())
        answer += "From: " + from + "\r\n";
    if (!to.isEmpty())
        answer += "To: " + to + (to.toLower().contains("tag=") ? "" : ";tag=" + randomToken(8)) + "\r\n";
    if (!callId.isEmpty())
        answer += "Call-ID: " + callId + "\r\n";
    answer += "CSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n";
    return answer;
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
        const auto answer = answerToMalformed(wire, *error);
        if (!answer) {
            qCWarning(lcSip).noquote() << "dropping a malformed message:" << error->toString();
            return;
        }
        qCWarning(lcSip).noquote() << "answering a malformed request with" << firstLine(*answer) << ":"
                                   << error->toString();
        if (m_flow->isOpen())
            m_flow->send(*answer);
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
