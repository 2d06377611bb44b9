// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/call.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace parla::desktop {

// A copy of a call's state, taken on the engine thread and carried to the GUI thread by a
// queued call: the views never read a Call across threads.
struct CallSnapshot
{
    int id = 0;
    calls::Call::Direction direction = calls::Call::Direction::Outgoing;
    calls::Call::State state = calls::Call::State::Dialing;
    QString remoteUri;
    QString remoteDisplayName;
    bool muted = false;
    bool secure = false; // the audio is SRTP
    calls::Call::EndReason endReason = calls::Call::EndReason::None;
    QString endReasonText;
    QDateTime startTime;
    QDateTime answerTime;
    QDateTime endTime;

    static CallSnapshot of(const calls::Call &call); // on the call's own thread
    bool isIncoming() const { return direction == calls::Call::Direction::Incoming; }
    bool isMissed() const { return endReason == calls::Call::EndReason::Missed; }
};

} // namespace parla::desktop

Q_DECLARE_METATYPE(parla::desktop::CallSnapshot)
