// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callsnapshot.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace parla::desktop {

// One call as the views see it, on the GUI thread: who, which way, what state, how long, and
// the buttons (answer, decline, hang up, mute, hold, DTMF). The buttons reach the engine's
// Call through its slots, which hop to the engine thread; its changes come back as snapshots.
class ActiveCall : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("calls come from CallsModel")
    Q_PROPERTY(int callId READ callId CONSTANT)
    Q_PROPERTY(bool incoming READ isIncoming CONSTANT)
    Q_PROPERTY(QString remoteUri READ remoteUri NOTIFY changed)
    Q_PROPERTY(QString remoteName READ remoteName NOTIFY changed)
    Q_PROPERTY(QString stateName READ stateName NOTIFY changed)
    Q_PROPERTY(bool ringing READ isRinging NOTIFY changed)
    Q_PROPERTY(bool established READ isEstablished NOTIFY changed)
    Q_PROPERTY(bool held READ isHeld NOTIFY changed)
    Q_PROPERTY(bool muted READ isMuted NOTIFY changed)
    Q_PROPERTY(int durationSeconds READ durationSeconds NOTIFY tick)
    Q_PROPERTY(QString durationText READ durationText NOTIFY tick)
    Q_PROPERTY(bool secure READ isSecure NOTIFY changed)
    // Call quality at a glance, measured by the engine every second while the call is active.
    Q_PROPERTY(bool hasQuality READ hasQuality NOTIFY qualityChanged)
    Q_PROPERTY(QString qualityGrade READ qualityGrade NOTIFY qualityChanged) // "good", "fair", "poor", "unknown"
    Q_PROPERTY(QString qualityText READ qualityText NOTIFY qualityChanged) // the grade in words
    Q_PROPERTY(QString qualityDetails READ qualityDetails NOTIFY qualityChanged)
    Q_PROPERTY(double lossPercent READ lossPercent NOTIFY qualityChanged)
    Q_PROPERTY(double jitterMs READ jitterMs NOTIFY qualityChanged)
    Q_PROPERTY(double roundTripMs READ roundTripMs NOTIFY qualityChanged) // -1 until measured
    Q_PROPERTY(QString codec READ codec NOTIFY qualityChanged)
    // How the peer hears us, from its RTCP reports: -1 until it reported.
    Q_PROPERTY(double remoteLossPercent READ remoteLossPercent NOTIFY qualityChanged)
    Q_PROPERTY(double remoteJitterMs READ remoteJitterMs NOTIFY qualityChanged)
    // "You hear: Good, loss 0.3%, jitter 12 ms" and "They hear: …" on a second line.
    Q_PROPERTY(QString qualityBothWays READ qualityBothWays NOTIFY qualityChanged)
    // Why the last microphone or speaker switch did not happen (the call kept its device);
    // empty once another is asked for.
    Q_PROPERTY(QString deviceError READ deviceError NOTIFY deviceErrorChanged)
public:
    ActiveCall(const CallSnapshot &snapshot, calls::Call *call, QObject *parent = nullptr);

    int callId() const { return m_snapshot.id; }
    bool isIncoming() const { return m_snapshot.isIncoming(); }
    QString remoteUri() const { return m_snapshot.remoteUri; }
    // The display name, else the address's user part: what a person recognises.
    QString remoteName() const;
    QString stateName() const { return calls::Call::stateName(m_snapshot.state); }
    bool isRinging() const;
    bool isEstablished() const;
    bool isHeld() const { return m_snapshot.state == calls::Call::State::Held; }
    bool isMuted() const { return m_snapshot.muted; }
    int durationSeconds() const;
    QString durationText() const; // "01:05", "1:02:03"
    const CallSnapshot &snapshot() const { return m_snapshot; }
    bool isSecure() const { return m_snapshot.secure; }
    bool hasQuality() const { return m_quality.valid; }
    QString qualityGrade() const { return calls::CallQuality::gradeName(m_quality.grade()); }
    QString qualityText() const;
    // "Loss 0.5% · jitter 12 ms · round trip 40 ms · OPUS"; the round trip once RTCP measured it.
    QString qualityDetails() const;
    double lossPercent() const { return m_quality.lossPercent; }
    double jitterMs() const { return m_quality.jitterMs; }
    double roundTripMs() const { return m_quality.roundTripMs; }
    QString codec() const { return m_quality.codec; }
    double remoteLossPercent() const { return m_quality.remoteLossPercent; }
    double remoteJitterMs() const { return m_quality.remoteJitterMs; }
    QString qualityBothWays() const;
    const calls::CallQuality &quality() const { return m_quality; }
    QString deviceError() const { return m_deviceError; }
    void setDeviceError(const QString &reason);

    void apply(const CallSnapshot &snapshot);
    void applyQuality(const calls::CallQuality &quality);

    Q_INVOKABLE void answer();
    Q_INVOKABLE void decline();
    Q_INVOKABLE void hangUp();
    Q_INVOKABLE void toggleMute();
    Q_INVOKABLE void toggleHold();
    Q_INVOKABLE void sendDtmf(const QString &digits);
    // Moves this call to another device at once (a PulseAudio id; empty: the default).
    Q_INVOKABLE void useInput(const QString &id);
    Q_INVOKABLE void useOutput(const QString &id);

Q_SIGNALS:
    void changed();
    void tick();
    void qualityChanged();
    void deviceErrorChanged();
    // Every button press, named ("answer", "mute", "dtmf" with its digits): for logs and tests.
    void requested(const QString &action, const QString &argument);

private:
    static QString gradeInWords(calls::CallQuality::Grade grade);
    template<typename Function> void request(const QString &action, const QString &argument, Function function);

    CallSnapshot m_snapshot;
    calls::CallQuality m_quality;
    QString m_deviceError;
    QPointer<calls::Call> m_call;
    QTimer m_ticker; // runs only while the call is established
};

} // namespace parla::desktop
