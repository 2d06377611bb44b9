// SPDX-License-Identifier: GPL-3.0-or-later
#include "callsnapshot.h"

namespace parla::desktop {

CallSnapshot CallSnapshot::of(const calls::Call &call)
{
    CallSnapshot snapshot;
    snapshot.id = call.id();
    snapshot.direction = call.direction();
    snapshot.state = call.state();
    snapshot.remoteUri = call.remoteUri();
    snapshot.remoteDisplayName = call.remoteDisplayName();
    snapshot.muted = call.isMuted();
    snapshot.secure = call.isSecure();
    snapshot.endReason = call.endReason();
    snapshot.endReasonText = call.endReasonText();
    snapshot.startTime = call.startTime();
    snapshot.answerTime = call.answerTime();
    snapshot.endTime = call.endTime();
    return snapshot;
}

} // namespace parla::desktop
