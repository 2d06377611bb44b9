// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiopacer.h"
#include "audiosource.h"
#include "tonegenerator.h"

namespace parla::media {

// A ToneGenerator as an AudioSource, paced to real time: ringback or a ringtone played into
// a DeviceSink, a test tone into a call. A tone played once emits finished() after its last
// frame and then gives silence until stop(), so the 20 ms cadence never breaks.
//
// Thread-affine (see AudioSource).
class ToneSource : public AudioSource
{
    Q_OBJECT

public:
    explicit ToneSource(ToneGenerator generator, QObject *parent = nullptr);

    void start() override;
    void stop() override;
    bool isActive() const override { return m_pacer.isActive(); }

    // Replaces the tone; the next frame starts the new one from its beginning.
    void setGenerator(ToneGenerator generator);

private:
    void onTick();

    ToneGenerator m_generator;
    AudioPacer m_pacer;
    bool m_finishedSignalled = false;
};

} // namespace parla::media
