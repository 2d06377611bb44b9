// SPDX-License-Identifier: GPL-3.0-or-later
#include "modeldriver.h"

#include <QDir>

using parla::calls::Call;
using parla::client::CallClient;
using parla::desktop::CallSnapshot;

bool ModelDriver::setState(parla::desktop::ClientStatus *status, const QString &name)
{
    for (int i = int(CallClient::State::Stopped); i <= int(CallClient::State::Failed); ++i) {
        if (CallClient::stateName(CallClient::State(i)) == name) {
            status->setState(CallClient::State(i));
            return true;
        }
    }
    return false;
}

void ModelDriver::reconnect(parla::desktop::ClientStatus *status, int attempt, int secondsAhead)
{
    // Half a second short, so that the banner's rounding up shows exactly `secondsAhead`.
    status->setReconnecting(attempt, QDateTime::currentDateTimeUtc().addMSecs(secondsAhead * 1000 - 500));
}

void ModelDriver::fail(parla::desktop::ClientStatus *status, const QString &message)
{
    status->setFailed({ parla::client::ClientError::Reason::AuthenticationFailed, message });
}

bool ModelDriver::call(parla::desktop::CallsModel *calls, int id, bool incoming, const QString &state,
    const QString &uri, const QString &displayName)
{
    CallSnapshot snapshot;
    snapshot.id = id;
    snapshot.direction = incoming ? Call::Direction::Incoming : Call::Direction::Outgoing;
    bool known = false;
    for (int i = int(Call::State::Dialing); i <= int(Call::State::Ended); ++i) {
        if (Call::stateName(Call::State(i)) == state) {
            snapshot.state = Call::State(i);
            known = true;
        }
    }
    snapshot.remoteUri = uri;
    snapshot.remoteDisplayName = displayName;
    snapshot.startTime = QDateTime::currentDateTimeUtc().addSecs(-10);
    if (snapshot.state == Call::State::Active || snapshot.state == Call::State::Held)
        snapshot.answerTime = snapshot.startTime;
    if (const auto *existing = calls->find(id))
        snapshot.muted = existing->isMuted();
    calls->apply(snapshot);
    return known;
}

bool ModelDriver::setMuted(parla::desktop::CallsModel *calls, int id, bool muted)
{
    const auto *existing = calls->find(id);
    if (!existing)
        return false;
    CallSnapshot snapshot = existing->snapshot();
    snapshot.muted = muted;
    calls->apply(snapshot);
    return true;
}

bool ModelDriver::setDeviceError(parla::desktop::CallsModel *calls, int id, const QString &reason)
{
    auto *existing = calls->find(id);
    if (!existing)
        return false;
    existing->setDeviceError(reason);
    return true;
}

bool ModelDriver::setSecure(parla::desktop::CallsModel *calls, int id, bool secure)
{
    const auto *existing = calls->find(id);
    if (!existing)
        return false;
    CallSnapshot snapshot = existing->snapshot();
    snapshot.secure = secure;
    calls->apply(snapshot);
    return true;
}

bool ModelDriver::setQuality(parla::desktop::CallsModel *calls, int id, double lossPercent, double jitterMs,
    double roundTripMs, const QString &codec)
{
    auto *existing = calls->find(id);
    if (!existing)
        return false;
    parla::calls::CallQuality quality;
    quality.valid = true;
    quality.lossPercent = lossPercent;
    quality.jitterMs = jitterMs;
    quality.roundTripMs = roundTripMs;
    quality.codec = codec;
    existing->applyQuality(quality);
    return true;
}

bool ModelDriver::setFarQuality(
    parla::desktop::CallsModel *calls, int id, double remoteLossPercent, double remoteJitterMs)
{
    auto *existing = calls->find(id);
    if (!existing)
        return false;
    parla::calls::CallQuality quality = existing->quality();
    quality.remoteLossPercent = remoteLossPercent;
    quality.remoteJitterMs = remoteJitterMs;
    existing->applyQuality(quality);
    return true;
}

void ModelDriver::record(parla::desktop::CallHistory *history, const QString &uri, bool incoming, bool missed)
{
    CallSnapshot snapshot;
    snapshot.direction = incoming ? Call::Direction::Incoming : Call::Direction::Outgoing;
    snapshot.state = Call::State::Ended;
    snapshot.remoteUri = uri;
    snapshot.endReason = missed ? Call::EndReason::Missed : Call::EndReason::HungUpHere;
    snapshot.startTime = QDateTime::currentDateTimeUtc();
    snapshot.endTime = snapshot.startTime;
    history->record(snapshot);
}

QString ModelDriver::artifactPath(const QString &name) const
{
    const QString dir = qEnvironmentVariableIsSet("PARLA_TEST_ARTIFACTS") ? qEnvironmentVariable("PARLA_TEST_ARTIFACTS")
                                                                          : QDir::tempPath();
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}
