// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audiosink.h"

#include <QFile>

#include <cstdint>

namespace parla::media {

// Writes the frames it is given to a 48 kHz mono PCM16 WAV file (--record, tests). The
// header is written first with zero sizes and fixed up by stop() (and the destructor), so a
// file cut short by a crash still opens in most tools as "to the end of the file".
// A file reaches at most 4 GiB (about 12 hours); past that, and on a write error, the sink
// stops and says so.
//
// Thread-affine (see AudioSink).
class WavFileSink : public AudioSink
{
    Q_OBJECT

public:
    explicit WavFileSink(const QString &path, QObject *parent = nullptr);
    ~WavFileSink() override;

    // Creates (truncates) the file; false with errorString() saying why.
    bool open();
    QString errorString() const { return m_error; }
    std::int64_t framesWritten() const { return m_frames; }

    // Opens the file if open() was not called; a failure is reported by errorOccurred().
    void start() override;
    // Fixes up the header and closes the file.
    void stop() override;
    bool isActive() const override { return m_file.isOpen(); }
    void write(const AudioFrame &frame) override;

private:
    void fail(const QString &reason);

    QFile m_file;
    QString m_error;
    std::int64_t m_frames = 0;
};

} // namespace parla::media
