// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

namespace parla::media {

// Processing that needs both directions of a call's audio at once: the echo canceller, which
// removes from the microphone what the speaker played. The stream calls it on the media
// thread with every frame it plays (playback) and every frame it captures, before encoding
// (capture). An interface, so the RTP side stays free of webrtc-audio-processing (parla_audio
// adapts EchoCanceller to it) and tests can watch both paths.
class AudioProcessor
{
public:
    virtual ~AudioProcessor() = default;
    virtual void playback(const AudioFrame &farEnd) = 0;
    virtual void capture(AudioFrame &nearEnd) = 0;
};

} // namespace parla::media
