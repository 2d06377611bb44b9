// SPDX-License-Identifier: GPL-3.0-or-later
#include "registration.h"

#include "clienttransaction.h"
#include "logging.h"
#include "platform/boundedwait.h"
#include "randomtoken.h"
#include "sipgrammar.h"
#include "transactionlayer.h"
#include "transport/flow.h"

#include <algorithm>

namespace parla::sip {

namespace {
constexpr int maxStaleRetries = 2;
} // namespace

Registration::Registration(Binding binding, QObject *parent)
    : QObject(parent)
    , m_binding(std::move(binding))
    , m_callId(randomToken(12))
    , m_fromTag(randomToken(6))
    , m_contactUri(contactUriFor(m_binding.instanceId))
    , m_refreshTimer(this)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcSip).noquote() << "refreshing the registration of" << m_binding.addressOfRecord;
        send(Purpose::Register);
    });
}

Registration::~Registration() = default;

QByteArray Registration::contactUriFor(const QByteArray &instanceId)
{
    // A host under .invalid, as RFC 7118 §5.2 does for WebSocket clients that have no
    // address of their own; the user part and host are cut from the instance id.
    return "sip:" + instanceId.left(8) + '@' + instanceId.mid(9, 4) + instanceId.mid(14, 4) + ".invalid;transport=ws";
}

std::chrono::milliseconds Registration::refreshDelay(qint64 expires)
{
    // Half-way for short bindings, a minute ahead for long ones.
    const qint64 ahead = std::clamp<qint64>(expires / 2, 1, 60);
    const qint64 seconds = std::max<qint64>(1, std::min(expires - ahead, expires - 5));
    return platform::boundedWait(std::chrono::seconds(seconds));
}

void Registration::registerOn(TransactionLayer *layer)
{
    m_layer = layer;
    m_challengesAnswered = 0;
    m_intervalRaised = false;
    send(Purpose::Register);
}

void Registration::refresh()
{
    m_challengesAnswered = 0;
    m_intervalRaised = false;
    send(Purpose::Register);
}

void Registration::detach()
{
    m_layer.clear();
    m_registered = false;
    m_refreshTimer.stop();
}

void Registration::unregister()
{
    m_refreshTimer.stop();
    if (!m_layer || !m_layer->flow()->isOpen() || !m_registered) {
        m_registered = false;
        QMetaObject::invokeMethod(this, &Registration::unregistered, Qt::QueuedConnection);
        return;
    }
    m_challengesAnswered = 0;
    send(Purpose::Unregister);
}

void Registration::send(Purpose purpose)
{
    if (!m_layer) {
        fail(
            purpose, { RegistrationError::Kind::TransportError, 0, QStringLiteral("no flow to send REGISTER on"), {} });
        return;
    }
    const int expires = purpose == Purpose::Unregister ? 0 : m_binding.expires;
    SipMessage request = SipMessage::request("REGISTER", m_binding.registrarUri);
    request.addHeader("Max-Forwards", "70");
    request.addHeader("From",
        detail::displayNamePrefix(m_binding.displayName) + '<' + m_binding.addressOfRecord + ">;tag=" + m_fromTag);
    request.addHeader("To", detail::displayNamePrefix(m_binding.displayName) + '<' + m_binding.addressOfRecord + '>');
    request.addHeader("Call-ID", m_callId);
    request.addHeader("CSeq", QByteArray::number(++m_cseq) + " REGISTER");
    request.addHeader("Contact",
        '<' + m_contactUri + ">;+sip.instance=\"<urn:uuid:" + m_binding.instanceId
            + ">\";reg-id=" + QByteArray::number(m_binding.regId) + ";expires=" + QByteArray::number(expires));
    request.addHeader("Expires", QByteArray::number(expires));
    request.addHeader("Supported", "path, outbound");
    if (!m_binding.userAgent.isEmpty())
        request.addHeader("User-Agent", m_binding.userAgent);
    if (m_digest.hasChallenge())
        request.addHeader(
            m_digest.headerName(), m_digest.authorize(m_binding.credentials, "REGISTER", m_binding.registrarUri));

    // Answers that arrive after the flow was detached or replaced are about nothing any more.
    const QPointer<TransactionLayer> layer = m_layer;
    ClientTransaction *transaction = m_layer->sendRequest(std::move(request));
    connect(transaction, &ClientTransaction::finalResponse, this, [this, purpose, layer](const SipMessage &response) {
        if (layer == m_layer)
            onFinalResponse(purpose, response);
    });
    connect(transaction, &ClientTransaction::failed, this,
        [this, purpose, layer](ClientTransaction::Failure failure, const QString &reason) {
            if (layer != m_layer)
                return;
            fail(purpose,
                { failure == ClientTransaction::Failure::Timeout ? RegistrationError::Kind::Timeout
                                                                 : RegistrationError::Kind::TransportError,
                    0, reason, {} });
        });
}

void Registration::onFinalResponse(Purpose purpose, const SipMessage &response)
{
    const int code = response.statusCode();
    const QString status = QStringLiteral("%1 %2").arg(code).arg(QString::fromUtf8(response.reasonPhrase()));
    if (code >= 200 && code < 300) {
        m_challengesAnswered = 0;
        m_intervalRaised = false;
        if (purpose == Purpose::Unregister) {
            m_registered = false;
            qCInfo(lcSip).noquote() << "unregistered" << m_binding.addressOfRecord;
            Q_EMIT unregistered();
        } else {
            onRegistered(response);
        }
        return;
    }
    if (code == 401 || code == 407) {
        const bool proxy = code == 407;
        QString error;
        std::optional<DigestChallenge> challenge;
        const auto values = response.headerValues(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        for (const QByteArray &value : values) {
            challenge = DigestChallenge::parse(value, proxy, &error);
            if (challenge)
                break;
        }
        if (!challenge) {
            fail(purpose,
                { RegistrationError::Kind::Rejected, code,
                    QStringLiteral("the registrar asked for authentication Parla cannot answer (%1)")
                        .arg(error.isEmpty() ? status : error),
                    {}, status });
            return;
        }
        const bool fresh = m_challengesAnswered == 0 || (challenge->stale && m_challengesAnswered <= maxStaleRetries);
        if (!fresh) {
            m_digest.clear();
            fail(purpose,
                { RegistrationError::Kind::AuthenticationFailed, code,
                    QStringLiteral("the server refused the password for %1 (%2)")
                        .arg(QString::fromUtf8(m_binding.addressOfRecord), status),
                    {}, status });
            return;
        }
        ++m_challengesAnswered;
        m_digest.setChallenge(*challenge);
        send(purpose);
        return;
    }
    if (code == 423 && purpose == Purpose::Register) {
        // Once per REGISTER: a registrar that asks for more again (and again) is refused, not
        // followed up a ladder of Min-Expires values one request at a time.
        const int minimum = response.deltaSeconds("Min-Expires").value_or(0);
        if (!m_intervalRaised && minimum > m_binding.expires && minimum <= MaxMinExpires) {
            qCInfo(lcSip).noquote() << "the registrar wants bindings of at least" << minimum << "s";
            m_intervalRaised = true;
            m_binding.expires = minimum;
            send(purpose);
            return;
        }
        fail(purpose,
            { RegistrationError::Kind::Rejected, code,
                QStringLiteral("the registrar refused every registration interval (%1, Min-Expires %2)")
                    .arg(status, QString::fromUtf8(response.header("Min-Expires").left(20))),
                {}, status });
        return;
    }
    RegistrationError error { RegistrationError::Kind::Rejected, code,
        QStringLiteral("the registrar answered %1").arg(status), {}, status };
    if (code == 403)
        error.kind = RegistrationError::Kind::AuthenticationFailed;
    else if (code == 408)
        error.kind = RegistrationError::Kind::Timeout;
    else if (code >= 500 && code < 600)
        error.kind = RegistrationError::Kind::ServerError;
    if (error.isTransient()) {
        if (const auto seconds = response.deltaSeconds("Retry-After"))
            error.retryAfter = std::chrono::seconds(*seconds);
    }
    fail(purpose, error);
}

void Registration::onRegistered(const SipMessage &response)
{
    // The registrar lists every binding of the AoR; ours is the one with our Contact.
    const int granted = response.expires(m_contactUri).value_or(m_binding.expires);
    if (granted <= 0) {
        fail(Purpose::Register,
            { RegistrationError::Kind::Rejected, response.statusCode(),
                QStringLiteral("the registrar accepted the REGISTER but kept no binding"), {} });
        return;
    }
    m_registered = true;
    m_grantedExpires = granted;
    m_refreshTimer.start(refreshDelay(granted));
    qCInfo(lcSip).noquote() << "registered" << m_binding.addressOfRecord << "for" << granted << "s";
    Q_EMIT registered(granted);
}

void Registration::fail(Purpose purpose, RegistrationError error)
{
    qCInfo(lcSip).noquote() << (purpose == Purpose::Unregister ? "un-REGISTER" : "REGISTER")
                            << "failed:" << error.message;
    if (purpose == Purpose::Unregister) {
        m_registered = false;
        Q_EMIT unregistered();
        return;
    }
    m_registered = false;
    m_refreshTimer.stop();
    Q_EMIT failed(error);
}

} // namespace parla::sip
