// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiopacer.h"
#include "tonegenerator.h"

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <optional>

namespace parla::media {

class AudioSink;

// Plays a tone on a sink of its own: ringback or a ringtone on a speaker, outside any call's
// RTP stream (the stream is not started while a call rings, and the desktop app wants its
// ringtone on a device of its choosing). play() starts the sink and writes the tone paced to
// real time; stop() stops both, so a silent player holds no device open.
//
// Thread-affine, like its sink: create it on the media thread and call it there (from other
// threads through queued invokeMethod).
class TonePlayer : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `sink` (may be null: then nothing is heard, the calls still work).
    explicit TonePlayer(AudioSink *sink, QObject *parent = nullptr);
    ~TonePlayer() override;

    // Replaces what plays, from the tone's beginning; starts the sink if it is not.
    void play(ToneGenerator tone);
    void stop();
    bool isPlaying() const { return m_pacer.isActive(); }
    // Frames written to the sink since the player was made.
    std::int64_t framesWritten() const { return m_frames; }

Q_SIGNALS:
    // A tone played once (not repeating) is over; the player has stopped.
    void finished();

private:
    void onTick();

    QPointer<AudioSink> m_sink;
    std::optional<ToneGenerator> m_tone;
    AudioPacer m_pacer;
    std::int64_t m_frames = 0;
};

} // namespace parla::media
