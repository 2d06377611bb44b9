// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltones.h"

#include "logging.h"
#include "media/toneplayer.h"

namespace parla::calls {

CallTones::Tone CallTones::toneFor(Call::Direction direction, Call::State state)
{
    if (state != Call::State::Ringing)
        return Tone::None; // dialing is silent; early media, talk, hold and the end are not ours
    return direction == Call::Direction::Outgoing ? Tone::Ringback : Tone::Ringtone;
}

CallTones::CallTones(media::TonePlayer *player, Options options, QObject *parent)
    : QObject(parent)
    , m_player(player)
    , m_options(options)
{
}

CallTones::~CallTones()
{
    // Its sink and clock live on the player's thread: stop and delete it there.
    if (m_player)
        QMetaObject::invokeMethod(m_player, &QObject::deleteLater, Qt::QueuedConnection);
}

void CallTones::follow(Call *call)
{
    const Call::Direction direction = call->direction();
    connect(call, &Call::stateChanged, this, [this, direction](Call::State state) { update(direction, state); });
    update(direction, call->state());
}

void CallTones::update(Call::Direction direction, Call::State state)
{
    Tone next = toneFor(direction, state);
    if ((next == Tone::Ringback && !m_options.ringback) || (next == Tone::Ringtone && !m_options.ringtone))
        next = Tone::None;
    if (next == m_tone || !m_player)
        return;
    m_tone = next;
    qCDebug(lcCalls) << "call tone" << next;
    if (next == Tone::None) {
        QMetaObject::invokeMethod(m_player, &media::TonePlayer::stop, Qt::QueuedConnection);
        return;
    }
    const bool ringback = next == Tone::Ringback;
    QMetaObject::invokeMethod(
        m_player,
        [player = m_player, ringback] {
            if (player)
                player->play(ringback ? media::ToneGenerator::ringback() : media::ToneGenerator::ringtone());
        },
        Qt::QueuedConnection);
}

} // namespace parla::calls
