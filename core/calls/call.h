// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "calls/callquality.h"
#include "sip/invitesession.h"

#include <chrono>

namespace parla::calls {

class CallMedia;

// One call, placed or received. A small state machine of its own:
//   outgoing: dialing -> ringing | early-media -> active <-> held -> ended
//   incoming: ringing -> active <-> held -> ended (declined, missed, ...)
// setState() is the one place that changes state, and refuses moves the table does not allow.
// It ties the call's SIP session (InviteSession) to its media (CallMedia); both live on the
// engine thread with it. Slots may be called from any thread: they hop to the engine thread.
class Call : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int id READ id CONSTANT)
    Q_PROPERTY(Direction direction READ direction CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString remoteUri READ remoteUri CONSTANT)
    Q_PROPERTY(QString remoteDisplayName READ remoteDisplayName CONSTANT)
    Q_PROPERTY(bool muted READ isMuted NOTIFY mutedChanged)
    Q_PROPERTY(bool held READ isHeld NOTIFY heldChanged)
    // The audio is SRTP (negotiated over wss://); known once the SDP is, so it follows the state.
    Q_PROPERTY(bool secure READ isSecure NOTIFY stateChanged)
public:
    enum class Direction { Outgoing, Incoming };
    Q_ENUM(Direction)
    enum class State { Dialing, Ringing, EarlyMedia, Active, Held, Ended };
    Q_ENUM(State)
    enum class EndReason {
        None,
        HungUpHere,
        HungUpThere,
        Declined, // the callee (or we, as the callee) said no
        Busy, // 486, 600
        NoAnswer, // 408, 480, or nobody answered in time
        Cancelled, // the caller gave up before an answer (this side's word for it)
        Missed, // an incoming call the caller cancelled before it was answered
        Failed, // any other failure: the SIP status or the network says what
    };
    Q_ENUM(EndReason)

    // Takes over `session` (and `media`) as their parent.
    Call(int id, Direction direction, sip::InviteSession *session, CallMedia *media, QObject *parent = nullptr);
    ~Call() override;

    int id() const { return m_id; }
    Direction direction() const { return m_direction; }
    State state() const { return m_state; }
    QString remoteUri() const { return m_remoteUri; }
    QString remoteDisplayName() const { return m_remoteDisplayName; }
    EndReason endReason() const { return m_endReason; }
    // "busy (486 Busy Here)", "the other side hung up": a person reads this.
    QString endReasonText() const { return m_endReasonText; }
    QDateTime startTime() const { return m_startTime; }
    QDateTime answerTime() const { return m_answerTime; }
    QDateTime endTime() const { return m_endTime; }
    bool isMuted() const { return m_muted; }
    bool isHeld() const { return m_state == State::Held; }
    bool isRemoteHolding() const;
    bool isSecure() const;
    bool isEnded() const { return m_state == State::Ended; }
    // The last measurement; measured every QualityInterval while the call is active.
    CallQuality quality() const { return m_quality; }
    static constexpr std::chrono::seconds QualityInterval { 1 };
    static QString stateName(State state); // "early-media"
    static QString endReasonName(EndReason reason); // "hung-up-here"

    sip::InviteSession *session() const { return m_session; }

    // Starts an outgoing call to `uri` (the CallClient's call() does this).
    void dial(const QByteArray &uri);
    // Takes an incoming INVITE; false when its offer cannot be answered (then it is refused
    // with 488 and a reason, and the call ends before it rings).
    bool receive(const sip::SipMessage &invite);

public Q_SLOTS:
    void answer();
    void decline();
    void hangUp();
    void hold();
    void unhold();
    void setMuted(bool muted);
    void sendDtmf(const QString &digits);
    // Another microphone or speaker (a PulseAudio id; empty: the default) for this call, at once.
    // A device that cannot open leaves the call on the one it had: deviceSwitchFailed() says why.
    void setInputDevice(const QByteArray &id);
    void setOutputDevice(const QByteArray &id);

Q_SIGNALS:
    void stateChanged(parla::calls::Call::State state);
    void ended(parla::calls::Call::EndReason reason);
    void mutedChanged(bool muted);
    void heldChanged(bool held);
    void remoteHoldChanged(bool holding);
    void dtmfReceived(QChar digit);
    // The audio could not start or broke (no device, a dead sound server): the call goes on.
    void mediaFailed(const QString &reason);
    // A device chosen mid-call did not open; the call goes on with the one it had.
    void deviceSwitchFailed(const QString &reason);
    // Asked for in a state that cannot take it (answer a call that is not ringing, ...).
    void operationFailed(const QString &message);
    void qualityChanged(const parla::calls::CallQuality &quality);

private:
    bool setState(State next);
    void refuse(const QString &operation);
    void finish(EndReason reason, const QString &text);
    void onSessionEnded(const sip::InviteSession::Ending &ending);
    template<typename Function> bool runOnOwnThread(Function function);
    void onStats(const media::RtpStreamStats &stats);

    int m_id;
    Direction m_direction;
    State m_state;
    QPointer<sip::InviteSession> m_session;
    QPointer<CallMedia> m_media;
    QString m_remoteUri;
    QString m_remoteDisplayName;
    EndReason m_endReason = EndReason::None;
    QString m_endReasonText;
    QDateTime m_startTime;
    QDateTime m_answerTime;
    QDateTime m_endTime;
    bool m_muted = false;
    bool m_remoteHolding = false;
    bool m_mediaStarted = false;
    bool m_holdWanted = false; // the hold asked for by the re-INVITE in flight
    QByteArray m_pendingAnswer; // incoming: our SDP answer, sent with the 200 when answered
    QTimer *m_qualityTimer; // runs only while active: held or ringing calls carry no audio in
    media::RtpStreamStats m_lastStats;
    CallQuality m_quality;
};

} // namespace parla::calls
