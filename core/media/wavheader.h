// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <variant>

class QIODevice;

namespace parla::media {

// What a RIFF/WAVE file's header says, for the PCM16 files Parla plays and records
// (--play/--record). Parsing is bounded and never trusts a size in the file: a chunk is
// checked against the file's real length before it is read or skipped, at most MaxChunks
// are walked, and a data size of 0 or 0xFFFFFFFF (streamed writers leave those) means "to
// the end of the file".
struct WavHeader
{
    static constexpr int MaxChunks = 64;
    static constexpr int MinSampleRate = 8000;
    static constexpr int MaxSampleRate = 192000;
    static constexpr int CanonicalSize = 44; // RIFF + fmt (16 bytes) + data headers

    int channels = 0; // 1 or 2
    int sampleRate = 0;
    std::int64_t dataOffset = 0; // of the first sample, from the start of the file
    std::int64_t dataBytes = 0; // whole sample frames only

    int blockAlign() const { return channels * 2; }
    std::int64_t frames() const { return dataBytes / blockAlign(); }

    // Reads from the device's start; on success the device is positioned at dataOffset.
    // The error says what is wrong in words a user can act on.
    static std::variant<WavHeader, QString> read(QIODevice &device);
    // The 44-byte header of a PCM16 file with dataBytes of samples.
    static QByteArray canonical(int channels, int sampleRate, std::uint32_t dataBytes);
};

} // namespace parla::media
