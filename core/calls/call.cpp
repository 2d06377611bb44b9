// SPDX-License-Identifier: GPL-3.0-or-later
#include "call.h"

#include "callmedia.h"
#include "logging.h"
#include "sip/invitesession.h"

#include <QMetaEnum>
#include <QThread>

namespace parla::calls {

using sip::InviteSession;

namespace {
QString kebab(const char *key)
{
    QString name;
    for (const char *c = key; c && *c; ++c) {
        if (QChar::fromLatin1(*c).isUpper() && !name.isEmpty())
            name += QLatin1Char('-');
        name += QChar::fromLatin1(*c).toLower();
    }
    return name;
}

bool allowed(Call::State from, Call::State to)
{
    using S = Call::State;
    switch (from) {
    case S::Dialing:
        return to == S::Ringing || to == S::EarlyMedia || to == S::Active || to == S::Ended;
    case S::Ringing:
        return to == S::EarlyMedia || to == S::Active || to == S::Ended;
    case S::EarlyMedia:
        return to == S::Active || to == S::Ended;
    case S::Active:
        return to == S::Held || to == S::Ended;
    case S::Held:
        return to == S::Active || to == S::Ended;
    case S::Ended:
        return false;
    }
    return false;
}

QString status(const InviteSession::Ending &ending)
{
    return QStringLiteral("%1 %2").arg(ending.statusCode).arg(QString::fromUtf8(ending.reasonPhrase));
}
} // namespace

Call::Call(int id, Direction direction, InviteSession *session, CallMedia *media, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_direction(direction)
    , m_state(direction == Direction::Outgoing ? State::Dialing : State::Ringing)
    , m_session(session)
    , m_media(media)
    , m_startTime(QDateTime::currentDateTimeUtc())
    , m_qualityTimer(new QTimer(this))
{
    m_qualityTimer->setInterval(QualityInterval);
    connect(m_qualityTimer, &QTimer::timeout, this, [this] {
        if (m_media)
            m_media->requestStats();
    });
    connect(media, &CallMedia::statsReady, this, &Call::onStats);
    connect(media, &CallMedia::deviceSwitchFailed, this, &Call::deviceSwitchFailed);
    session->setParent(this);
    media->setParent(this);
    connect(session, &InviteSession::progress, this, [this](int code, const QByteArray &sdp) {
        if (code == 183 && !sdp.isEmpty() && !m_mediaStarted && !m_media->applyAnswer(sdp)) {
            m_media->start(); // early media: the far end's ringback or announcement
            m_mediaStarted = true;
            setState(State::EarlyMedia);
            return;
        }
        if (m_state == State::Dialing)
            setState(State::Ringing);
    });
    connect(session, &InviteSession::answered, this, [this](const QByteArray &sdp) {
        if (!sdp.isEmpty()) {
            if (const auto problem = m_media->applyAnswer(sdp)) {
                m_session->hangUp();
                finish(
                    EndReason::Failed, QStringLiteral("the other side answered with unusable media: %1").arg(*problem));
                return;
            }
        }
        if (!m_mediaStarted)
            m_media->start();
        m_mediaStarted = true;
        m_answerTime = QDateTime::currentDateTimeUtc();
        setState(State::Active);
    });
    connect(session, &InviteSession::reinviteAnswered, this, [this](const QByteArray &sdp) {
        if (const auto problem = m_media->applyAnswer(sdp)) {
            qCWarning(lcCalls).noquote() << "call" << m_id << "re-INVITE answer unusable:" << *problem;
            return;
        }
        setState(m_holdWanted ? State::Held : State::Active);
    });
    connect(session, &InviteSession::reinviteFailed, this, [this](int code, const QByteArray &reason) {
        Q_EMIT operationFailed(QStringLiteral("the other side refused to %1 the call (%2 %3)")
                                   .arg(m_holdWanted ? QStringLiteral("hold") : QStringLiteral("resume"))
                                   .arg(code)
                                   .arg(QString::fromUtf8(reason)));
    });
    connect(session, &InviteSession::remoteReinvite, this, [this] {
        const bool holding = m_media->isRemoteHolding();
        if (holding != m_remoteHolding) {
            m_remoteHolding = holding;
            Q_EMIT remoteHoldChanged(holding);
        }
    });
    session->setOfferHandler([this](const QByteArray &offer) { return m_media->answerOffer(offer); });
    connect(session, &InviteSession::ended, this, &Call::onSessionEnded);
    connect(session, &InviteSession::confirmed, this, [this] { qCDebug(lcCalls) << "call" << m_id << "confirmed"; });
    connect(media, &CallMedia::dtmfReceived, this, &Call::dtmfReceived);
    connect(media, &CallMedia::failed, this,
        [this](const QString &reason) { qCWarning(lcCalls).noquote() << "call" << m_id << "media failed:" << reason; });
}

Call::~Call() = default;

QString Call::stateName(State state)
{
    return kebab(QMetaEnum::fromType<State>().valueToKey(int(state)));
}

QString Call::endReasonName(EndReason reason)
{
    return kebab(QMetaEnum::fromType<EndReason>().valueToKey(int(reason)));
}

bool Call::isRemoteHolding() const
{
    return m_remoteHolding;
}

bool Call::isSecure() const
{
    return m_media && m_media->isSecure();
}

void Call::onStats(const media::RtpStreamStats &stats)
{
    if (m_state != State::Active)
        return; // a late answer to a request made before the hold or the end
    m_quality = CallQuality::measure(m_lastStats, stats, m_media ? m_media->codecName() : QString());
    m_lastStats = stats;
    Q_EMIT qualityChanged(m_quality);
}

template<typename Function> bool Call::runOnOwnThread(Function function)
{
    if (QThread::currentThread() == thread())
        return false;
    QMetaObject::invokeMethod(this, std::move(function), Qt::QueuedConnection);
    return true;
}

bool Call::setState(State next)
{
    if (next == m_state)
        return true;
    if (!allowed(m_state, next)) {
        qCWarning(lcCalls).noquote() << "call" << m_id << "cannot move from" << stateName(m_state) << "to"
                                     << stateName(next);
        return false;
    }
    const bool wasHeld = m_state == State::Held;
    qCInfo(lcCalls).noquote() << "call" << m_id << stateName(m_state) << "->" << stateName(next);
    m_state = next;
    if (next == State::Active)
        m_qualityTimer->start();
    else
        m_qualityTimer->stop();
    Q_EMIT stateChanged(next);
    if (wasHeld != (next == State::Held) && next != State::Ended)
        Q_EMIT heldChanged(next == State::Held);
    return true;
}

void Call::refuse(const QString &operation)
{
    Q_EMIT operationFailed(
        QStringLiteral("cannot %1 call %2: it is %3").arg(operation).arg(m_id).arg(stateName(m_state)));
}

void Call::dial(const QByteArray &uri)
{
    m_remoteUri = QString::fromUtf8(uri);
    m_session->invite(uri, m_media->createOffer());
}

bool Call::receive(const sip::SipMessage &invite)
{
    const sip::NameAddr from = invite.from();
    m_remoteUri = QString::fromUtf8(from.uri);
    m_remoteDisplayName = QString::fromUtf8(from.displayName);
    m_session->receiveInvite(invite);
    const QByteArray offer = invite.header("Content-Type").startsWith("application/sdp") ? invite.body() : QByteArray();
    if (offer.isEmpty()) {
        const QString why = QStringLiteral("the call came without an SDP offer, which Parla needs");
        m_session->reject(488, "Not Acceptable Here", why);
        finish(EndReason::Failed, why);
        return false;
    }
    const auto answer = m_media->answerOffer(offer);
    if (const auto *why = std::get_if<QString>(&answer)) {
        qCInfo(lcCalls).noquote() << "refusing call from" << m_remoteUri << ":" << *why;
        m_session->reject(488, "Not Acceptable Here", *why);
        finish(EndReason::Failed, QStringLiteral("the caller's media cannot be used: %1").arg(*why));
        return false;
    }
    m_pendingAnswer = std::get<QByteArray>(answer);
    m_session->ring();
    return true;
}

void Call::answer()
{
    if (runOnOwnThread([this] { answer(); }))
        return;
    if (m_direction != Direction::Incoming || m_state != State::Ringing) {
        refuse(QStringLiteral("answer"));
        return;
    }
    m_session->accept(m_pendingAnswer);
    m_media->start();
    m_mediaStarted = true;
    m_answerTime = QDateTime::currentDateTimeUtc();
    setState(State::Active);
}

void Call::decline()
{
    if (runOnOwnThread([this] { decline(); }))
        return;
    if (m_direction != Direction::Incoming || m_state != State::Ringing) {
        refuse(QStringLiteral("decline"));
        return;
    }
    m_session->reject(603, "Decline");
}

void Call::hangUp()
{
    if (runOnOwnThread([this] { hangUp(); }))
        return;
    if (m_state == State::Ended) {
        refuse(QStringLiteral("hang up"));
        return;
    }
    m_session->hangUp();
}

void Call::hold()
{
    if (runOnOwnThread([this] { hold(); }))
        return;
    if (m_state != State::Active || !m_session->reinvite(m_media->createOffer(true))) {
        refuse(QStringLiteral("hold"));
        return;
    }
    m_holdWanted = true;
}

void Call::unhold()
{
    if (runOnOwnThread([this] { unhold(); }))
        return;
    if (m_state != State::Held || !m_session->reinvite(m_media->createOffer(false))) {
        refuse(QStringLiteral("resume"));
        return;
    }
    m_holdWanted = false;
}

void Call::setMuted(bool muted)
{
    if (runOnOwnThread([this, muted] { setMuted(muted); }))
        return;
    if (m_state == State::Ended) {
        refuse(muted ? QStringLiteral("mute") : QStringLiteral("unmute"));
        return;
    }
    if (muted == m_muted)
        return;
    m_muted = muted;
    m_media->setMuted(muted);
    Q_EMIT mutedChanged(muted);
}

void Call::sendDtmf(const QString &digits)
{
    if (runOnOwnThread([this, digits] { sendDtmf(digits); }))
        return;
    if (m_state != State::Active && m_state != State::EarlyMedia) {
        refuse(QStringLiteral("send DTMF on"));
        return;
    }
    for (const QChar digit : digits) {
        if (!QStringLiteral("0123456789*#ABCDabcd").contains(digit)) {
            Q_EMIT operationFailed(QStringLiteral("'%1' is not a DTMF digit (0-9, *, #, A-D)").arg(digit));
            return;
        }
    }
    for (const QChar digit : digits) {
        if (!m_media->sendDtmf(digit.toUpper())) {
            Q_EMIT operationFailed(QStringLiteral("the other side did not agree to DTMF (telephone-event)"));
            return;
        }
    }
}

void Call::setInputDevice(const QByteArray &id)
{
    if (runOnOwnThread([this, id] { setInputDevice(id); }))
        return;
    if (m_state == State::Ended) {
        refuse(QStringLiteral("switch the microphone of"));
        return;
    }
    m_media->setInputDevice(id);
}

void Call::setOutputDevice(const QByteArray &id)
{
    if (runOnOwnThread([this, id] { setOutputDevice(id); }))
        return;
    if (m_state == State::Ended) {
        refuse(QStringLiteral("switch the speaker of"));
        return;
    }
    m_media->setOutputDevice(id);
}

void Call::onSessionEnded(const InviteSession::Ending &ending)
{
    using By = InviteSession::Ending::By;
    const int code = ending.statusCode;
    if (ending.by == By::Network) {
        finish(EndReason::Failed,
            QStringLiteral("the call was lost: %1")
                .arg(ending.reasonPhrase.isEmpty() ? QStringLiteral("network")
                                                   : QString::fromUtf8(ending.reasonPhrase)));
        return;
    }
    if (ending.cancelled) {
        if (m_direction == Direction::Incoming)
            finish(EndReason::Missed, QStringLiteral("missed: the caller gave up before it was answered"));
        else
            finish(EndReason::Cancelled, QStringLiteral("cancelled before it was answered"));
        return;
    }
    if (code == 0) {
        if (ending.by == By::Local)
            finish(EndReason::HungUpHere, QStringLiteral("hung up here"));
        else
            finish(EndReason::HungUpThere, QStringLiteral("the other side hung up"));
        return;
    }
    const bool here = ending.by == By::Local;
    if (code == 486 || code == 600)
        finish(EndReason::Busy,
            here ? QStringLiteral("refused as busy here") : QStringLiteral("busy (%1)").arg(status(ending)));
    else if (code == 603)
        finish(EndReason::Declined,
            here ? QStringLiteral("declined here")
                 : QStringLiteral("declined by the other side (%1)").arg(status(ending)));
    else if (code == 408 || code == 480)
        finish(EndReason::NoAnswer, QStringLiteral("no answer (%1)").arg(status(ending)));
    else if (!here && code == 487)
        finish(EndReason::Cancelled, QStringLiteral("cancelled before it was answered"));
    else if (!m_endReasonText.isEmpty())
        finish(EndReason::Failed, m_endReasonText);
    else
        finish(EndReason::Failed, QStringLiteral("the call failed (%1)").arg(status(ending)));
}

void Call::finish(EndReason reason, const QString &text)
{
    if (m_state == State::Ended)
        return;
    m_endReason = reason;
    m_endReasonText = text;
    m_endTime = QDateTime::currentDateTimeUtc();
    if (m_mediaStarted)
        m_media->stop();
    qCInfo(lcCalls).noquote() << "call" << m_id << "ended:" << text;
    setState(State::Ended);
    Q_EMIT ended(reason);
}

} // namespace parla::calls
