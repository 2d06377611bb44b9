// SPDX-License-Identifier: GPL-3.0-or-later
#include "activecall.h"

#include "desktoplogging.h"

#include <QUrl>

using parla::calls::Call;

namespace parla::desktop {

ActiveCall::ActiveCall(const CallSnapshot &snapshot, Call *call, QObject *parent)
    : QObject(parent)
    , m_snapshot(snapshot)
    , m_call(call)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &ActiveCall::tick);
    apply(snapshot);
}

QString ActiveCall::remoteName() const
{
    if (!m_snapshot.remoteDisplayName.isEmpty())
        return m_snapshot.remoteDisplayName;
    const QString uri = m_snapshot.remoteUri;
    const qsizetype colon = uri.indexOf(QLatin1Char(':'));
    const qsizetype at = uri.indexOf(QLatin1Char('@'));
    if (colon >= 0 && at > colon)
        return QUrl::fromPercentEncoding(uri.mid(colon + 1, at - colon - 1).toUtf8());
    return uri;
}

bool ActiveCall::isRinging() const
{
    return isIncoming() && m_snapshot.state == Call::State::Ringing;
}

bool ActiveCall::isEstablished() const
{
    return m_snapshot.state == Call::State::Active || m_snapshot.state == Call::State::Held;
}

int ActiveCall::durationSeconds() const
{
    if (!m_snapshot.answerTime.isValid())
        return 0;
    const QDateTime until = m_snapshot.endTime.isValid() ? m_snapshot.endTime : QDateTime::currentDateTimeUtc();
    return int(qMax<qint64>(0, m_snapshot.answerTime.secsTo(until)));
}

QString ActiveCall::durationText() const
{
    const int total = durationSeconds();
    const int hours = total / 3600;
    const QString minutesSeconds = QStringLiteral("%1:%2")
                                       .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
                                       .arg(total % 60, 2, 10, QLatin1Char('0'));
    return hours ? QStringLiteral("%1:%2").arg(hours).arg(minutesSeconds) : minutesSeconds;
}

void ActiveCall::apply(const CallSnapshot &snapshot)
{
    m_snapshot = snapshot;
    if (isEstablished() && !m_ticker.isActive())
        m_ticker.start();
    else if (!isEstablished())
        m_ticker.stop();
    Q_EMIT changed();
    Q_EMIT tick();
}

QString ActiveCall::qualityText() const
{
    return gradeInWords(m_quality.grade());
}

QString ActiveCall::gradeInWords(calls::CallQuality::Grade grade)
{
    switch (grade) {
    case calls::CallQuality::Grade::Good:
        return tr("Good");
    case calls::CallQuality::Grade::Fair:
        return tr("Fair");
    case calls::CallQuality::Grade::Poor:
        return tr("Poor");
    case calls::CallQuality::Grade::Unknown:
        break;
    }
    return tr("Measuring…");
}

QString ActiveCall::qualityBothWays() const
{
    if (!m_quality.valid)
        return {};
    const QString hearing = tr("You hear: %1, loss %2%, jitter %3 ms")
                                .arg(gradeInWords(m_quality.hearingGrade()))
                                .arg(m_quality.lossPercent, 0, 'f', 1)
                                .arg(qRound(m_quality.jitterMs));
    // The peer's first RTCP report comes some seconds into the call, and some peers send none.
    const QString heard = m_quality.hasRemote() ? tr("They hear: %1, loss %2%, jitter %3 ms")
                                                      .arg(gradeInWords(m_quality.heardGrade()))
                                                      .arg(m_quality.remoteLossPercent, 0, 'f', 1)
                                                      .arg(qRound(m_quality.remoteJitterMs))
                                                : tr("They hear: not reported yet");
    return hearing + QLatin1Char('\n') + heard;
}

QString ActiveCall::qualityDetails() const
{
    if (!m_quality.valid)
        return {};
    QStringList parts { tr("Loss %1%").arg(m_quality.lossPercent, 0, 'f', 1),
        tr("jitter %1 ms").arg(qRound(m_quality.jitterMs)) };
    if (m_quality.roundTripMs >= 0)
        parts.append(tr("round trip %1 ms").arg(qRound(m_quality.roundTripMs)));
    if (!m_quality.codec.isEmpty())
        parts.append(m_quality.codec.toUpper());
    return parts.join(QStringLiteral(" · "));
}

void ActiveCall::applyQuality(const calls::CallQuality &quality)
{
    if (quality == m_quality)
        return;
    m_quality = quality;
    Q_EMIT qualityChanged();
}

void ActiveCall::setDeviceError(const QString &reason)
{
    if (reason == m_deviceError)
        return;
    m_deviceError = reason;
    Q_EMIT deviceErrorChanged();
}

template<typename Function> void ActiveCall::request(const QString &action, const QString &argument, Function function)
{
    qCDebug(lcDesktopApp) << "call" << m_snapshot.id << action;
    Q_EMIT requested(action, argument);
    if (m_call)
        function(m_call.data()); // the Call's slots hop to the engine thread
}

void ActiveCall::answer()
{
    request(QStringLiteral("answer"), {}, [](Call *call) { call->answer(); });
}

void ActiveCall::decline()
{
    request(QStringLiteral("decline"), {}, [](Call *call) { call->decline(); });
}

void ActiveCall::hangUp()
{
    request(QStringLiteral("hangUp"), {}, [](Call *call) { call->hangUp(); });
}

void ActiveCall::toggleMute()
{
    const bool mute = !m_snapshot.muted;
    request(mute ? QStringLiteral("mute") : QStringLiteral("unmute"), {}, [mute](Call *call) { call->setMuted(mute); });
}

void ActiveCall::toggleHold()
{
    const bool hold = !isHeld();
    request(hold ? QStringLiteral("hold") : QStringLiteral("unhold"), {}, [hold](Call *call) {
        if (hold)
            call->hold();
        else
            call->unhold();
    });
}

void ActiveCall::sendDtmf(const QString &digits)
{
    request(QStringLiteral("dtmf"), digits, [digits](Call *call) { call->sendDtmf(digits); });
}

void ActiveCall::useInput(const QString &id)
{
    setDeviceError({});
    request(QStringLiteral("input"), id, [device = id.toUtf8()](Call *call) { call->setInputDevice(device); });
}

void ActiveCall::useOutput(const QString &id)
{
    setDeviceError({});
    request(QStringLiteral("output"), id, [device = id.toUtf8()](Call *call) { call->setOutputDevice(device); });
}

} // namespace parla::desktop
