// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callhistory.h"
#include "callsmodel.h"
#include "clientstatus.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

// Feeds the real models from a QML test as the engine would: states by name, calls as
// snapshots, ended calls into the history.
class ModelDriver : public QObject
{
    Q_OBJECT
    QML_ELEMENT
public:
    // "running", "reconnecting", ...: CallClient::stateName(); false for an unknown name.
    Q_INVOKABLE bool setState(parla::desktop::ClientStatus *status, const QString &name);
    Q_INVOKABLE void reconnect(parla::desktop::ClientStatus *status, int attempt, int secondsAhead);
    Q_INVOKABLE void fail(parla::desktop::ClientStatus *status, const QString &message);
    // `state` is Call::stateName(): "ringing", "active", "held", "ended".
    Q_INVOKABLE bool call(parla::desktop::CallsModel *calls, int id, bool incoming, const QString &state,
        const QString &uri, const QString &displayName);
    // The engine's answer to a mute button.
    Q_INVOKABLE bool setMuted(parla::desktop::CallsModel *calls, int id, bool muted);
    Q_INVOKABLE bool setSecure(parla::desktop::CallsModel *calls, int id, bool secure);
    // The engine's measurement of an active call, as Call::qualityChanged brings it.
    Q_INVOKABLE bool setQuality(parla::desktop::CallsModel *calls, int id, double lossPercent, double jitterMs,
        double roundTripMs, const QString &codec);
    // The peer's RTCP report about our stream, on top of the quality already set.
    Q_INVOKABLE bool setFarQuality(
        parla::desktop::CallsModel *calls, int id, double remoteLossPercent, double remoteJitterMs);
    // The engine's refusal of a device chosen mid-call, as Call::deviceSwitchFailed brings it.
    Q_INVOKABLE bool setDeviceError(parla::desktop::CallsModel *calls, int id, const QString &reason);
    Q_INVOKABLE void record(parla::desktop::CallHistory *history, const QString &uri, bool incoming, bool missed);
    // Where a test saves its screenshots: $PARLA_TEST_ARTIFACTS, else the temporary directory.
    Q_INVOKABLE QString artifactPath(const QString &name) const;
};
