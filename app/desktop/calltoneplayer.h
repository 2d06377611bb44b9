// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

namespace parla::calls {
class CallRegistry;
}
namespace parla::media {
class MediaEngine;
}

namespace parla::desktop {

// The ringtone of an incoming call on the ringtone device, and the ringback of an outgoing one
// on the call's output, both chosen in settings (read when each call starts), as parla-cli
// plays them: a core CallTones
// per call on the engine thread, its TonePlayer on the media thread.
class CallTonePlayer : public QObject
{
    Q_OBJECT
public:
    using OutputId = std::function<QByteArray()>; // any thread
    CallTonePlayer(calls::CallRegistry *registry, media::MediaEngine *media, OutputId ringbackOutput,
        OutputId ringtoneOutput, QObject *parent = nullptr);
};

} // namespace parla::desktop
