// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiopacer.h"
#include "audioresampler.h"
#include "audiosource.h"
#include "wavheader.h"

#include <QFile>

#include <memory>
#include <vector>

namespace parla::media {

// A PCM16 WAV file in place of a microphone (--play, tests, automation): mono or stereo at
// any rate from 8 to 192 kHz, mixed down to mono and resampled to 48 kHz, given 20 ms every
// 20 ms (AudioPacer). At the end of the file it emits finished() once and then gives silence
// until stop(): a call keeps its cadence, and the caller decides whether to hang up.
//
// readFrame() gives frames unpaced, for offline processing and tests.
// Thread-affine (see AudioSource).
class WavFileSource : public AudioSource
{
    Q_OBJECT

public:
    explicit WavFileSource(const QString &path, QObject *parent = nullptr);
    ~WavFileSource() override;

    // Opens the file and checks its header; false with errorString() saying why.
    bool open();
    QString errorString() const { return m_error; }
    const WavHeader &header() const { return m_header; }

    // The next 20 ms, padded with silence at the end; false (and silence) once the file is over.
    bool readFrame(AudioFrame &frame);
    bool atEnd() const { return m_done; }

    // Opens the file if open() was not called; a failure is reported by errorOccurred().
    void start() override;
    void stop() override;
    bool isActive() const override { return m_pacer.isActive(); }

private:
    void onTick();
    void decodeMore();

    QFile m_file;
    QString m_error;
    WavHeader m_header;
    std::unique_ptr<AudioResampler> m_resampler;
    std::vector<std::int16_t> m_pending; // resampled samples not yet given out
    std::int64_t m_remaining = 0; // data bytes not yet read
    bool m_inputDone = false;
    bool m_done = false;
    bool m_finishedSignalled = false;
    AudioPacer m_pacer;
};

} // namespace parla::media
