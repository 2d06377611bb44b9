// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clienttransaction.h"
#include "sipmessage.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

#include "transport/flow.h"

namespace parla::transport {
class SendBudget;
} // namespace parla::transport

namespace parla::sip {

// The SIP side of one flow: stamps outgoing requests with a Via of our own, matches responses
// to client transactions by branch and method (RFC 3261 §17.1.3), and hands requests up.
// Everything from the network goes through SipMessage::parse; what fails is logged and dropped.
// Owns its flow: one TransactionLayer per connection attempt.
class TransactionLayer : public QObject
{
    Q_OBJECT
public:
    TransactionLayer(std::unique_ptr<transport::Flow> flow, QObject *parent = nullptr);
    ~TransactionLayer() override;

    transport::Flow *flow() const { return m_flow; }

    // The sent-by host of our Via: a random name under .invalid, as RFC 7118 §5.2 does.
    QByteArray viaHost() const { return m_viaHost; }

    // Adds the top Via (with a fresh z9hG4bK branch and rport) and sends. The transaction
    // is owned by the layer and deletes itself once terminated; connect before returning
    // to the event loop.
    // `branch`: reuse that branch (a CANCEL names its INVITE's, RFC 3261 §9.1) instead of a new one.
    ClientTransaction *sendRequest(SipMessage request, const QByteArray &branch = {});
    // An ACK: not a transaction, never held for the budget (it answers the server's own final
    // response). A new branch for the ACK of a 2xx; the INVITE's for a failure's (§17.1.1.3).
    void sendAck(SipMessage ack, const QByteArray &branch = {});
    void sendResponse(const SipMessage &response);

    // Every request waits for the server's send budget (held in order, at most
    // MaxHeldRequests; past that a request fails at once). Without a budget, requests go at once.
    void setSendBudget(transport::SendBudget *budget) { m_budget = budget; }
    static constexpr int MaxHeldRequests = 16;

    std::chrono::milliseconds transactionTimeout() const { return m_timeout; }
    void setTransactionTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    static QByteArray newBranch();

Q_SIGNALS:
    void requestReceived(const parla::sip::SipMessage &request);
    // A response that matches no transaction: a retransmitted 2xx to an INVITE whose transaction
    // ended, which the dialog must ACK again (RFC 3261 §13.2.2.4).
    void strayResponse(const parla::sip::SipMessage &response);

private:
    void onMessage(const QByteArray &wire);
    void failAll(const QString &reason);
    void sendHeld();
    void transmit(ClientTransaction *transaction);
    void stampVia(SipMessage *request, const QByteArray &branch) const;

    QPointer<transport::Flow> m_flow;
    QByteArray m_viaHost;
    QHash<QByteArray, QPointer<ClientTransaction>> m_transactions; // by branch + method
    std::chrono::milliseconds m_timeout;
    transport::SendBudget *m_budget = nullptr;
    QList<QPointer<ClientTransaction>> m_held; // waiting for the budget, oldest first
    QTimer m_budgetTimer;
};

} // namespace parla::sip
