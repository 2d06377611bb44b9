// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

#include <QObject>

namespace parla::media {

// Takes 20 ms frames (a speaker, a file). write() never blocks: a sink that cannot keep up
// drops (and counts) rather than stall the media thread that feeds it.
//
// Sinks are QObjects with thread affinity: call start(), write() and stop() on the object's
// thread (the media thread in a call).
class AudioSink : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    virtual void write(const AudioFrame &frame) = 0;

Q_SIGNALS:
    // The sink cannot go on (device gone, server dead, disk full); it has stopped.
    void errorOccurred(const QString &reason);
};

} // namespace parla::media
