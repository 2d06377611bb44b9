// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <QObject>
#include <QTimer>

namespace parla::sip {

// A client transaction (RFC 3261 §17.1) over a reliable transport: no retransmissions
// (Timers A and E are not used), Timer F (Timer B for an INVITE, until its first provisional
// response) bounds the wait, and Timers D and K are zero, so the transaction ends with its final
// response. The ACK of an INVITE is its owner's: a dialog's for a 2xx, the session's (with the
// INVITE's branch) for a failure.
// The TransactionLayer creates it, sends the request and feeds it the matching responses.
class ClientTransaction : public QObject
{
    Q_OBJECT
public:
    enum class Failure { Timeout, TransportError };
    Q_ENUM(Failure)

    ClientTransaction(SipMessage request, QObject *parent = nullptr);

    const SipMessage &request() const { return m_request; }
    QByteArray branch() const { return m_request.topViaBranch(); }
    bool isTerminated() const { return m_terminated; }

    void startTimerF(std::chrono::milliseconds timeout);
    void receiveResponse(const SipMessage &response);
    void failTransport(const QString &reason);

Q_SIGNALS:
    void provisionalResponse(const parla::sip::SipMessage &response);
    void finalResponse(const parla::sip::SipMessage &response);
    void failed(parla::sip::ClientTransaction::Failure failure, const QString &reason);
    void terminated();

private:
    void terminate();

    SipMessage m_request;
    QTimer m_timerF;
    bool m_terminated = false;
};

} // namespace parla::sip
