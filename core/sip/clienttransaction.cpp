// SPDX-License-Identifier: GPL-3.0-or-later
#include "clienttransaction.h"

#include "logging.h"

namespace parla::sip {

ClientTransaction::ClientTransaction(SipMessage request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_timerF(this)
{
    m_timerF.setSingleShot(true);
    connect(&m_timerF, &QTimer::timeout, this, [this] {
        qCInfo(lcSip).noquote() << m_request.method() << "transaction timed out (Timer F)";
        Q_EMIT failed(Failure::Timeout,
            QStringLiteral("no final response to %1 within %2 s")
                .arg(QString::fromLatin1(m_request.method()))
                .arg(m_timerF.interval() / 1000.0));
        terminate();
    });
}

void ClientTransaction::startTimerF(std::chrono::milliseconds timeout)
{
    m_timerF.start(timeout);
}

void ClientTransaction::receiveResponse(const SipMessage &response)
{
    if (m_terminated)
        return; // a late retransmission: absorbed
    if (response.statusCode() < 200) {
        // Timer B bounds only the wait for a first answer: once an INVITE rings, the call rings
        // until someone answers, declines or cancels (RFC 3261 §17.1.1.2).
        if (m_request.method() == "INVITE")
            m_timerF.stop();
        Q_EMIT provisionalResponse(response);
        return;
    }
    // Terminated before anyone hears of it: a handler that closes the flow must not make this
    // transaction fail as well. Timer K is zero on a reliable transport.
    terminate();
    Q_EMIT finalResponse(response);
    Q_EMIT terminated();
}

void ClientTransaction::failTransport(const QString &reason)
{
    if (m_terminated)
        return;
    terminate();
    Q_EMIT failed(Failure::TransportError, reason);
    Q_EMIT terminated();
}

void ClientTransaction::terminate()
{
    m_terminated = true;
    m_timerF.stop();
}

} // namespace parla::sip
