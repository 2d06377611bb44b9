// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltoneplayer.h"

#include "calls/callregistry.h"
#include "calls/calltones.h"
#include "media/devicesink.h"
#include "media/mediaengine.h"
#include "media/toneplayer.h"

using parla::calls::Call;
using parla::calls::CallRegistry;
using parla::calls::CallTones;

namespace parla::desktop {

CallTonePlayer::CallTonePlayer(CallRegistry *registry, media::MediaEngine *media, OutputId ringbackOutput,
    OutputId ringtoneOutput, QObject *parent)
    : QObject(parent)
{
    const auto attach = [media, ringbackOutput, ringtoneOutput](Call *call) {
        media::TonePlayer *player = nullptr;
        const bool incoming = call->direction() == Call::Direction::Incoming;
        const QByteArray device = incoming ? ringtoneOutput() : ringbackOutput();
        media->run([&] { player = new media::TonePlayer(new media::DeviceSink(device), media->context()); });
        (new CallTones(player, {}, call))->follow(call);
    };
    // No context object: on the engine thread as the registry emits, before the call moves on.
    // An incoming call rings once its offer was accepted (incomingCall): one refused never rings.
    connect(
        registry, &CallRegistry::callAdded, registry,
        [attach](Call *call) {
            if (call->direction() == Call::Direction::Outgoing)
                attach(call);
        },
        Qt::DirectConnection);
    connect(registry, &CallRegistry::incomingCall, registry, attach, Qt::DirectConnection);
}

} // namespace parla::desktop
