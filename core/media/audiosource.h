// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

#include <QObject>

namespace parla::media {

// Gives 20 ms frames (a microphone, a file, a tone) through frameReady(), on its own clock:
// a device at the sound card's pace, a file or a tone paced to real time. The RTP and codec
// side depends on this interface only, so it is tested without devices.
//
// Sources are QObjects with thread affinity: call start() and stop() on the object's thread
// (the media thread in a call); frameReady() is emitted there.
class AudioSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;

Q_SIGNALS:
    void frameReady(const parla::media::AudioFrame &frame);
    // The source cannot go on (device gone, server dead, file unreadable); it has stopped.
    void errorOccurred(const QString &reason);
    // A finite source (a file, a DTMF tone) has given its last real frame.
    void finished();
};

} // namespace parla::media
