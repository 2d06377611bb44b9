// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/call.h"

#include <QObject>
#include <QPointer>

namespace parla::media {
class TonePlayer;
}

namespace parla::calls {

// What a call sounds like on this side before it is answered: ringback while an outgoing call
// rings and the far end sends no early media (a 183 with SDP: then the far end's own audio
// plays instead), a ringtone while an incoming call rings, nothing in any other state. It
// follows the call's state and tells a media::TonePlayer what to play.
//
// Lives on the call's thread (the engine thread); the player lives on the media thread and is
// reached by queued calls only. CallTones owns the player and has it deleted on its own thread.
class CallTones : public QObject
{
    Q_OBJECT
public:
    enum class Tone { None, Ringback, Ringtone };
    Q_ENUM(Tone)

    struct Options
    {
        bool ringback = true;
        bool ringtone = true;
    };

    static Tone toneFor(Call::Direction direction, Call::State state);

    // Takes ownership of `player`, which may live on another thread.
    CallTones(media::TonePlayer *player, Options options, QObject *parent = nullptr);
    ~CallTones() override;

    // Follows `call` from its present state on; call it on the call's thread.
    void follow(Call *call);
    // The call is in `state`: plays, changes or stops the tone.
    void update(Call::Direction direction, Call::State state);
    Tone tone() const { return m_tone; }

private:
    QPointer<media::TonePlayer> m_player;
    Options m_options;
    Tone m_tone = Tone::None;
};

} // namespace parla::calls
