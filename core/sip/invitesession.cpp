// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitesession.h"

#include "clienttransaction.h"
#include "logging.h"
#include "osipheaders.h"
#include "randomtoken.h"
#include "sipgrammar.h"
#include "timers.h"
#include "transactionlayer.h"
#include "transport/flow.h"

#include <QRandomGenerator>

#include <algorithm>

namespace parla::sip {

namespace {
const QByteArray sdpType = QByteArrayLiteral("application/sdp");

QByteArray sdpOf(const SipMessage &message)
{
    return message.header("Content-Type").startsWith(sdpType) ? message.body() : QByteArray();
}

} // namespace

InviteSession::InviteSession(TransactionLayer *layer, Self self, QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_self(std::move(self))
    , m_retransmitTimer(this)
    , m_ackDeadline(this)
    , m_cancelDeadline(this)
{
    m_retransmitTimer.setSingleShot(true);
    m_ackDeadline.setSingleShot(true);
    m_cancelDeadline.setSingleShot(true);
    connect(&m_retransmitTimer, &QTimer::timeout, this, [this] {
        if (!m_unacknowledged || !m_layer)
            return;
        m_layer->sendResponse(*m_unacknowledged);
        const auto doubled
            = std::chrono::duration_cast<std::chrono::milliseconds>(m_retransmitTimer.intervalAsDuration() * 2);
        m_retransmitTimer.start(std::min<std::chrono::milliseconds>(doubled, timers::T2));
    });
    connect(&m_ackDeadline, &QTimer::timeout, this, [this] {
        // No ACK for our 2xx within 64 * T1: the dialog is confirmed and ended at once (§13.3.1.4).
        qCInfo(lcSip).noquote() << "no ACK for the 2xx of" << (m_dialog ? m_dialog->callId() : QByteArray());
        m_unacknowledged.reset();
        m_retransmitTimer.stop();
        sendBye();
        end({ Ending::By::Network, 408, "no ACK for the answer", false, true });
    });
    connect(&m_cancelDeadline, &QTimer::timeout, this, [this] {
        // A CANCEL whose INVITE never got a final response: the call is over all the same.
        end({ Ending::By::Local, 0, {}, true, false });
    });
    if (layer)
        connect(layer, &QObject::destroyed, this, [this] {
            end({ Ending::By::Network, 0, "the connection to the server was lost", false, m_answered });
        });
}

InviteSession::~InviteSession() = default;

QString InviteSession::checkTarget(const QByteArray &uri)
{
    detail::ensureParserInit();
    osip_uri_t *parsed = nullptr;
    osip_uri_init(&parsed);
    const bool ok = osip_uri_parse(parsed, uri.constData()) == OSIP_SUCCESS && parsed->scheme && parsed->host
        && (qstrcmp(parsed->scheme, "sip") == 0 || qstrcmp(parsed->scheme, "sips") == 0) && *parsed->host;
    osip_uri_free(parsed);
    return ok ? QString()
              : QStringLiteral("'%1' is not a SIP address one can call").arg(QString::fromUtf8(uri.left(200)));
}

void InviteSession::addCommonHeaders(SipMessage *message) const
{
    message->addHeader("Contact", '<' + m_self.contactUri + '>');
    if (!m_self.allow.isEmpty())
        message->addHeader("Allow", m_self.allow.join(", "));
    if (!m_self.userAgent.isEmpty())
        message->addHeader("User-Agent", m_self.userAgent);
}

// --- caller ---

SipMessage InviteSession::newInvite(const QByteArray &targetUri, const QByteArray &sdp)
{
    SipMessage invite = SipMessage::request("INVITE", targetUri);
    invite.addHeader("Max-Forwards", "70");
    invite.addHeader(
        "From", detail::displayNamePrefix(m_self.displayName) + '<' + m_self.addressOfRecord + ">;tag=" + m_localTag);
    invite.addHeader("To", '<' + targetUri + '>');
    invite.addHeader("Call-ID", randomToken(12));
    invite.addHeader("CSeq", "1 INVITE");
    addCommonHeaders(&invite);
    invite.setBody(sdpType, sdp);
    return invite;
}

void InviteSession::invite(const QByteArray &targetUri, const QByteArray &sdpOffer)
{
    m_caller = true;
    m_localTag = randomToken(6);
    m_invite = newInvite(targetUri, sdpOffer);
    sendInvite();
}

void InviteSession::sendInvite()
{
    if (!m_layer) {
        end({ Ending::By::Network, 0, "not connected to the server", false, false });
        return;
    }
    m_inviteBranch = TransactionLayer::newBranch();
    m_inviteTransaction = m_layer->sendRequest(*m_invite, m_inviteBranch);
    // The layer stamps the Via; keep the INVITE as sent, for its CANCEL and failure ACK.
    m_invite = m_inviteTransaction->request();
    connect(m_inviteTransaction, &ClientTransaction::provisionalResponse, this, &InviteSession::onInviteProvisional);
    connect(m_inviteTransaction, &ClientTransaction::finalResponse, this, &InviteSession::onInviteFinal);
    connect(m_inviteTransaction, &ClientTransaction::failed, this, [this](auto, const QString &reason) {
        end({ Ending::By::Network, 408, reason.toUtf8(), m_cancelSent, false });
    });
}

void InviteSession::onInviteProvisional(const SipMessage &response)
{
    if (m_ended)
        return;
    if (m_cancelWanted && !m_cancelSent) {
        sendCancel();
        return;
    }
    if (response.statusCode() == 100)
        return;
    if (!response.toTag().isEmpty() && !m_dialog)
        m_dialog = Dialog::asCaller(*m_invite, response); // an early dialog
    Q_EMIT progress(response.statusCode(), sdpOf(response));
}

void InviteSession::onInviteFinal(const SipMessage &response)
{
    if (m_ended && !(response.statusCode() >= 200 && response.statusCode() < 300))
        return;
    const int code = response.statusCode();
    if (code >= 200 && code < 300) {
        onCallerAnswered(response);
        return;
    }
    // The ACK of a failure is the transaction's: the INVITE's branch, its To tag (§17.1.1.3).
    SipMessage ack = SipMessage::request("ACK", m_invite->requestUri());
    ack.addHeader("Max-Forwards", "70");
    ack.addHeader("From", m_invite->header("From"));
    ack.addHeader("To", response.header("To"));
    ack.addHeader("Call-ID", m_invite->callId());
    ack.addHeader("CSeq", QByteArray::number(m_invite->cseqNumber()) + " ACK");
    for (const QByteArray &route : m_invite->headerValues("Route"))
        ack.addHeader("Route", route);
    if (m_layer)
        m_layer->sendAck(ack, m_inviteBranch);

    if ((code == 401 || code == 407) && !m_cancelSent && !m_cancelWanted && m_challenges == 0) {
        QString error;
        std::optional<DigestChallenge> challenge;
        for (const QByteArray &value : response.headerValues(code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate")) {
            challenge = DigestChallenge::parse(value, code == 407, &error);
            if (challenge)
                break;
        }
        if (challenge) {
            ++m_challenges;
            m_digest.setChallenge(*challenge);
            SipMessage again = *m_invite;
            again.setHeader("CSeq", QByteArray::number(m_invite->cseqNumber() + 1) + " INVITE");
            again.setHeader(
                m_digest.headerName(), m_digest.authorize(m_self.credentials, "INVITE", m_invite->requestUri()));
            m_invite = again;
            m_dialog.reset();
            sendInvite();
            return;
        }
    }
    end({ Ending::By::Remote, code, response.reasonPhrase(), m_cancelSent || m_cancelWanted, false });
}

void InviteSession::onCallerAnswered(const SipMessage &response)
{
    // A 2xx always makes (or confirms) the dialog; retransmissions only need the ACK again.
    if (!m_dialog || m_dialog->remoteTag() != response.toTag())
        m_dialog = Dialog::asCaller(*m_invite, response);
    m_dialog->refreshTarget(response);
    if (m_layer)
        m_layer->sendAck(m_dialog->ack(response.cseqNumber()));
    if (m_answered || m_ended)
        return;
    m_answered = true;
    m_cancelDeadline.stop();
    if (m_cancelSent || m_cancelWanted) {
        // CANCEL raced the 200 and lost: the call was answered, so it is ended with a BYE.
        sendBye();
        end({ Ending::By::Local, 0, {}, true, true });
        return;
    }
    Q_EMIT answered(sdpOf(response));
}

void InviteSession::sendCancel()
{
    if (!m_layer || m_cancelSent)
        return;
    m_cancelSent = true;
    // Same Request-URI, Call-ID, From, To (without a tag), CSeq number and branch as the INVITE.
    SipMessage cancel = SipMessage::request("CANCEL", m_invite->requestUri());
    cancel.addHeader("Max-Forwards", "70");
    cancel.addHeader("From", m_invite->header("From"));
    cancel.addHeader("To", m_invite->header("To"));
    cancel.addHeader("Call-ID", m_invite->callId());
    cancel.addHeader("CSeq", QByteArray::number(m_invite->cseqNumber()) + " CANCEL");
    for (const QByteArray &route : m_invite->headerValues("Route"))
        cancel.addHeader("Route", route);
    m_layer->sendRequest(cancel, m_inviteBranch);
    // The INVITE ends with 487 (or a 200 that is then BYEd); bound the wait for either.
    m_cancelDeadline.start(64 * timers::T1);
}

// --- callee ---

void InviteSession::receiveInvite(const SipMessage &invite)
{
    m_caller = false;
    m_invite = invite;
    m_inviteBranch = invite.topViaBranch();
    m_localTag = randomToken(6);
    m_dialog = Dialog::asCallee(invite, m_localTag);
    respond(invite, 100, "Trying");
}

void InviteSession::ring()
{
    if (m_caller || m_finalSent || m_ended)
        return;
    respond(*m_invite, 180, "Ringing");
}

void InviteSession::accept(const QByteArray &sdpAnswer)
{
    if (m_caller || m_finalSent || m_ended)
        return;
    m_answered = true;
    sendFinalToInvite(200, "OK", sdpAnswer);
}

void InviteSession::reject(int statusCode, const QByteArray &reasonPhrase, const QString &warning)
{
    if (m_caller || m_finalSent || m_ended)
        return;
    sendFinalToInvite(statusCode, reasonPhrase, {}, warning);
    end({ Ending::By::Local, statusCode, reasonPhrase, false, false });
}

void InviteSession::sendFinalToInvite(int code, const QByteArray &reason, const QByteArray &sdp, const QString &warning)
{
    m_finalSent = true;
    respond(*m_invite, code, reason, sdp, warning);
    if (code >= 200 && code < 300)
        startRetransmitting(*m_lastResponse);
}

QByteArray InviteSession::warning(const QString &text)
{
    // warn-text is a quoted-string: no quotes or backslashes inside, no control characters.
    QByteArray quoted = text.left(200).toUtf8();
    for (char &c : quoted) {
        if (c == '"' || c == '\\' || (uchar(c) < 0x20))
            c = '\'';
    }
    return "399 parla \"" + quoted + '"';
}

void InviteSession::respond(
    const SipMessage &request, int code, const QByteArray &reason, const QByteArray &sdp, const QString &warning)
{
    if (!m_layer)
        return;
    // Our tag on everything but 100 (§8.2.6.2); the Contact on responses that make the dialog.
    SipMessage response
        = SipMessage::response(request, code, reason, request.method() == "INVITE" ? m_localTag : QByteArray());
    if (request.method() == "INVITE" && code > 100 && code < 300)
        addCommonHeaders(&response);
    if (!sdp.isEmpty())
        response.setBody(sdpType, sdp);
    if (!warning.isEmpty())
        response.addHeader("Warning", InviteSession::warning(warning));
    if (request.method() == "INVITE" && request.topViaBranch() == m_inviteBranch)
        m_lastResponse = response;
    m_layer->sendResponse(response);
}

void InviteSession::startRetransmitting(const SipMessage &ok)
{
    m_unacknowledged = ok;
    m_retransmitTimer.start(timers::T1);
    m_ackDeadline.start(64 * timers::T1);
}

// --- either side ---

void InviteSession::hangUp()
{
    if (m_ended)
        return;
    if (m_caller && !m_answered) {
        if (m_inviteTransaction && m_dialog) {
            sendCancel(); // a provisional response came: CANCEL may go now
        } else {
            m_cancelWanted = true; // CANCEL goes with the first provisional response (§9.1)
            m_cancelDeadline.start(64 * timers::T1);
        }
        return;
    }
    if (!m_caller && !m_finalSent) {
        reject(603, "Decline");
        return;
    }
    sendBye();
    end({ Ending::By::Local, 0, {}, false, true });
}

void InviteSession::sendBye()
{
    if (!m_layer || !m_dialog)
        return;
    SipMessage bye = m_dialog->request("BYE");
    if (!m_self.userAgent.isEmpty())
        bye.addHeader("User-Agent", m_self.userAgent);
    m_layer->sendRequest(bye);
}

bool InviteSession::reinvite(const QByteArray &sdpOffer)
{
    if (m_ended || !m_answered || !m_dialog || !m_layer)
        return false;
    if (reinviteInProgress() || m_unacknowledged) {
        // One INVITE at a time in a dialog (§14.1): this one goes when the current one is done.
        m_queuedOffer = sdpOffer;
        return true;
    }
    SipMessage request = m_dialog->request("INVITE");
    addCommonHeaders(&request);
    request.setBody(sdpType, sdpOffer);
    m_reinviteTransaction = m_layer->sendRequest(request);
    connect(m_reinviteTransaction, &ClientTransaction::finalResponse, this, &InviteSession::onReinviteFinal);
    connect(m_reinviteTransaction, &ClientTransaction::failed, this,
        [this](auto, const QString &reason) { Q_EMIT reinviteFailed(408, reason.toUtf8()); });
    return true;
}

void InviteSession::sendQueuedOffer()
{
    if (!m_queuedOffer || m_ended || reinviteInProgress() || m_unacknowledged)
        return;
    const QByteArray offer = *std::exchange(m_queuedOffer, std::nullopt);
    reinvite(offer);
}

void InviteSession::onReinviteFinal(const SipMessage &response)
{
    QTimer::singleShot(0, this, &InviteSession::sendQueuedOffer);
    const int code = response.statusCode();
    if (code >= 200 && code < 300) {
        m_dialog->refreshTarget(response);
        if (m_layer)
            m_layer->sendAck(m_dialog->ack(response.cseqNumber()));
        Q_EMIT reinviteAnswered(sdpOf(response));
        return;
    }
    Q_EMIT reinviteFailed(code, response.reasonPhrase());
    if (code == 481 || code == 408)
        end({ Ending::By::Remote, code, response.reasonPhrase(), false, true }); // the dialog is gone (§14.1)
}

bool InviteSession::reinviteInProgress() const
{
    return m_reinviteTransaction && !m_reinviteTransaction->isTerminated();
}

bool InviteSession::owns(const SipMessage &request) const
{
    if (!m_caller && !m_inviteBranch.isEmpty() && request.topViaBranch() == m_inviteBranch
        && request.callId() == m_invite->callId())
        return true; // CANCEL, ACK of a failure, or the INVITE again
    return m_dialog && m_dialog->matches(request);
}

void InviteSession::receiveRequest(const SipMessage &request)
{
    const QByteArray method = request.method();
    const bool sameBranch = !m_caller && request.topViaBranch() == m_inviteBranch;
    if (method == "CANCEL" && sameBranch) {
        respond(request, 200, "OK");
        if (!m_finalSent && !m_ended) {
            sendFinalToInvite(487, "Request Terminated");
            end({ Ending::By::Remote, 487, "Request Terminated", true, false });
        }
        return;
    }
    if (method == "INVITE" && sameBranch && request.toTag().isEmpty()) {
        if (m_lastResponse && m_layer)
            m_layer->sendResponse(*m_lastResponse); // a retransmission: the last answer again
        return;
    }
    if (method == "ACK") {
        if (m_unacknowledged && request.cseqNumber() == m_unacknowledged->cseqNumber()) {
            m_unacknowledged.reset();
            m_retransmitTimer.stop();
            m_ackDeadline.stop();
            QTimer::singleShot(0, this, &InviteSession::sendQueuedOffer);
            if (request.cseqNumber() == m_invite->cseqNumber() && !m_caller && m_lastAckedCSeq == 0) {
                m_lastAckedCSeq = request.cseqNumber();
                Q_EMIT confirmed();
            }
        }
        return; // the ACK of a failure, or a repeated ACK: absorbed
    }
    if (!m_dialog->acceptRemoteCSeq(request.cseqNumber())) {
        respond(request, 500, "Server Internal Error"); // out of order (§12.2.2)
        return;
    }
    if (method == "BYE") {
        respond(request, 200, "OK");
        m_unacknowledged.reset();
        m_retransmitTimer.stop();
        m_ackDeadline.stop();
        end({ Ending::By::Remote, 0, {}, false, m_answered });
        return;
    }
    if (method == "INVITE") {
        onReinviteRequest(request);
        return;
    }
    if (method == "OPTIONS") {
        respond(request, 200, "OK");
        return;
    }
    SipMessage response = SipMessage::response(request, 405, "Method Not Allowed");
    response.addHeader("Allow", m_self.allow.join(", "));
    if (m_layer)
        m_layer->sendResponse(response);
}

void InviteSession::onReinviteRequest(const SipMessage &request)
{
    if (!m_answered || m_unacknowledged) {
        // An INVITE still in progress (§14.2): 500 with a Retry-After of 0-10 s, chosen at random.
        SipMessage response = SipMessage::response(request, 500, "Server Internal Error");
        response.addHeader("Retry-After", QByteArray::number(QRandomGenerator::global()->bounded(11)));
        if (m_layer)
            m_layer->sendResponse(response);
        return;
    }
    if (reinviteInProgress()) {
        respond(request, 491, "Request Pending"); // glare: ours is out (§14.2)
        return;
    }
    const QByteArray offer = sdpOf(request);
    if (offer.isEmpty() || !m_offerHandler) {
        respond(request, 488, "Not Acceptable Here");
        return;
    }
    const auto result = m_offerHandler(offer);
    if (const auto *why = std::get_if<QString>(&result)) {
        qCInfo(lcSip).noquote() << "refusing a re-INVITE:" << *why;
        respond(request, 488, "Not Acceptable Here", {}, *why);
        return;
    }
    m_dialog->refreshTarget(request);
    SipMessage ok = SipMessage::response(request, 200, "OK");
    addCommonHeaders(&ok);
    ok.setBody(sdpType, std::get<QByteArray>(result));
    if (m_layer)
        m_layer->sendResponse(ok);
    startRetransmitting(ok);
    Q_EMIT remoteReinvite(offer);
}

void InviteSession::receiveStrayResponse(const SipMessage &response)
{
    if (m_caller && response.cseqMethod() == "INVITE" && response.statusCode() >= 200 && response.statusCode() < 300
        && m_dialog && response.callId() == m_dialog->callId() && m_layer)
        m_layer->sendAck(m_dialog->ack(response.cseqNumber()));
}

void InviteSession::end(Ending ending)
{
    if (m_ended)
        return;
    m_ended = true;
    m_cancelDeadline.stop();
    if (!m_unacknowledged) {
        m_retransmitTimer.stop();
        m_ackDeadline.stop();
    }
    qCInfo(lcSip).noquote() << "call" << (m_invite ? m_invite->callId() : QByteArray()) << "ended"
                            << (ending.statusCode ? QByteArray::number(ending.statusCode) : QByteArray());
    Q_EMIT ended(ending);
}

} // namespace parla::sip
