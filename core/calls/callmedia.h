// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/rtpstreamstats.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <optional>
#include <variant>

namespace parla::calls {

// What a Call needs of its media: SDP offers and answers (RFC 3264), and the audio stream
// started, held, muted and stopped. It lives on the engine thread with its Call; the stream
// itself runs on the media thread, which the implementation reaches through queued calls.
class CallMedia : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Our offer for a new call, or a re-offer that holds (sendonly) or resumes (sendrecv).
    virtual QByteArray createOffer(bool hold = false) = 0;
    // Answers the far end's offer (an INVITE's or a re-INVITE's) and applies the result; or
    // says why it cannot (no common codec, a malformed SDP: the INVITE gets 488).
    virtual std::variant<QByteArray, QString> answerOffer(const QByteArray &offer) = 0;
    // Applies the far end's answer to our offer; the reason when it is unusable.
    virtual std::optional<QString> applyAnswer(const QByteArray &answer) = 0;
    // Whether the far end has put us on hold (its last SDP said sendonly or inactive).
    virtual bool isRemoteHolding() const = 0;

    virtual void start() = 0;
    virtual void stop() = 0;
    // Muted: silence is sent, the RTP stream goes on (peers and NATs see a live stream).
    virtual void setMuted(bool muted) = 0;
    // RFC 4733 telephone-event; false when the far end did not negotiate it.
    virtual bool sendDtmf(QChar digit) = 0;

    // Whether SIP to the far end travels over TLS (wss://): only then may the SDP carry SRTP
    // keys. The client sets it before the first offer or answer.
    virtual void setSignallingSecure(bool secure) { Q_UNUSED(secure) }
    // Whether the audio is SRTP, as last negotiated.
    virtual bool isSecure() const { return false; }
    // The negotiated codec's encoding name ("opus", "PCMU"); empty before negotiation.
    virtual QString codecName() const { return {}; }
    // Asks the stream for its figures without waiting: statsReady() brings them back to this
    // object's thread. Media without a stream never answers.
    virtual void requestStats() { }
    // Moves a running call to another microphone or speaker (a PulseAudio id; empty: the
    // default), without waiting for the media thread. A device that cannot open leaves the call
    // on the one it had and says why in deviceSwitchFailed(). Media without devices (files, the
    // echo bot, SDP only) ignore it.
    virtual void setInputDevice(const QByteArray &id) { Q_UNUSED(id) }
    virtual void setOutputDevice(const QByteArray &id) { Q_UNUSED(id) }

Q_SIGNALS:
    void dtmfReceived(QChar digit);
    void failed(const QString &reason);
    void statsReady(const parla::media::RtpStreamStats &stats);
    void deviceSwitchFailed(const QString &reason);
};

} // namespace parla::calls
