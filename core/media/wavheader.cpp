// SPDX-License-Identifier: GPL-3.0-or-later
#include "wavheader.h"

#include <QIODevice>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace parla::media {

namespace {

constexpr std::uint16_t FormatPcm = 1;
constexpr std::uint16_t FormatExtensible = 0xFFFE;
// fmt chunk sizes: 16 (PCM), 18 (with cbSize), 40 (WAVE_FORMAT_EXTENSIBLE).
constexpr std::uint32_t MinFmtSize = 16;
constexpr std::uint32_t MaxFmtSize = 40;

std::uint16_t u16(const char *p)
{
    return qFromLittleEndian<std::uint16_t>(p);
}

std::uint32_t u32(const char *p)
{
    return qFromLittleEndian<std::uint32_t>(p);
}

QString chunkName(const QByteArray &id)
{
    QString name;
    for (char c : id)
        name += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?');
    return name;
}

std::variant<WavHeader, QString> parseFmt(const QByteArray &fmt)
{
    const char *p = fmt.constData();
    std::uint16_t tag = u16(p);
    if (tag == FormatExtensible) {
        if (fmt.size() < int(MaxFmtSize))
            return QStringLiteral("WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk, this one has %1").arg(fmt.size());
        tag = u16(p + 24); // the sub-format GUID starts with the format tag
    }
    if (tag != FormatPcm)
        return QStringLiteral("only PCM WAV files are supported, this one has format %1").arg(tag);
    WavHeader header;
    header.channels = u16(p + 2);
    const std::uint32_t rate = u32(p + 4);
    const std::uint32_t byteRate = u32(p + 8);
    const std::uint16_t blockAlign = u16(p + 12);
    const std::uint16_t bits = u16(p + 14);
    if (bits != 16)
        return QStringLiteral("only 16-bit samples are supported, this file has %1-bit").arg(bits);
    if (header.channels != 1 && header.channels != 2)
        return QStringLiteral("only mono or stereo is supported, this file has %1 channels").arg(header.channels);
    if (rate < std::uint32_t(WavHeader::MinSampleRate) || rate > std::uint32_t(WavHeader::MaxSampleRate))
        return QStringLiteral("sample rate %1 Hz is outside %2-%3 Hz")
            .arg(rate)
            .arg(WavHeader::MinSampleRate)
            .arg(WavHeader::MaxSampleRate);
    header.sampleRate = int(rate);
    if (blockAlign != header.blockAlign() || byteRate != rate * blockAlign)
        return QStringLiteral("inconsistent fmt chunk (block align %1, byte rate %2)").arg(blockAlign).arg(byteRate);
    return header;
}

} // namespace

std::variant<WavHeader, QString> WavHeader::read(QIODevice &device)
{
    if (!device.isOpen() || !device.isReadable() || device.isSequential())
        return QStringLiteral("not a readable file");
    const std::int64_t fileSize = device.size();
    if (!device.seek(0))
        return QStringLiteral("cannot seek to the start");
    const QByteArray riff = device.read(12);
    if (riff.size() < 12)
        return QStringLiteral("too short for a WAV file (%1 bytes)").arg(fileSize);
    if (!riff.startsWith("RIFF") || riff.mid(8, 4) != "WAVE")
        return QStringLiteral("not a RIFF/WAVE file");

    std::variant<WavHeader, QString> format = QStringLiteral("no fmt chunk before the data chunk");
    bool haveFormat = false;
    std::int64_t position = 12;
    for (int chunk = 0; chunk < MaxChunks; ++chunk) {
        if (position + 8 > fileSize)
            return haveFormat ? QStringLiteral("no data chunk") : QStringLiteral("no fmt chunk");
        if (!device.seek(position))
            return QStringLiteral("cannot seek to offset %1").arg(position);
        const QByteArray chunkHeader = device.read(8);
        if (chunkHeader.size() < 8)
            return QStringLiteral("cannot read the chunk at offset %1").arg(position);
        const QByteArray id = chunkHeader.left(4);
        const std::uint32_t size = u32(chunkHeader.constData() + 4);
        const std::int64_t body = position + 8;
        const std::int64_t available = fileSize - body;

        if (id == "fmt ") {
            if (size < MinFmtSize || size > MaxFmtSize)
                return QStringLiteral("fmt chunk of %1 bytes (expected %2-%3)")
                    .arg(size)
                    .arg(MinFmtSize)
                    .arg(MaxFmtSize);
            if (std::int64_t(size) > available)
                return QStringLiteral("fmt chunk runs past the end of the file");
            format = parseFmt(device.read(size));
            if (std::holds_alternative<QString>(format))
                return format;
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat)
                return QStringLiteral("data chunk before the fmt chunk");
            WavHeader header = std::get<WavHeader>(format);
            // Streaming writers leave 0 or 0xFFFFFFFF; a truncated file ends early: the file's
            // own length decides either way.
            std::int64_t bytes
                = (size == 0 || size == 0xFFFFFFFFu) ? available : std::min<std::int64_t>(size, available);
            bytes -= bytes % header.blockAlign();
            header.dataOffset = body;
            header.dataBytes = bytes;
            return header;
        }
        // Any other chunk (LIST, fact, cue …) is skipped; RIFF pads odd sizes to even.
        const std::int64_t skip = std::int64_t(size) + (size & 1u);
        if (skip > available)
            return QStringLiteral("chunk '%1' of %2 bytes runs past the end of the file").arg(chunkName(id)).arg(size);
        position = body + skip;
    }
    return QStringLiteral("more than %1 chunks before the data").arg(MaxChunks);
}

QByteArray WavHeader::canonical(int channels, int sampleRate, std::uint32_t dataBytes)
{
    QByteArray header(CanonicalSize, '\0');
    char *p = header.data();
    const auto put16 = [](char *at, std::uint16_t v) { qToLittleEndian(v, at); };
    const auto put32 = [](char *at, std::uint32_t v) { qToLittleEndian(v, at); };
    memcpy(p, "RIFF", 4);
    put32(p + 4, 36u + dataBytes);
    memcpy(p + 8, "WAVEfmt ", 8);
    put32(p + 16, 16);
    put16(p + 20, FormatPcm);
    put16(p + 22, std::uint16_t(channels));
    put32(p + 24, std::uint32_t(sampleRate));
    put32(p + 28, std::uint32_t(sampleRate * channels * 2));
    put16(p + 32, std::uint16_t(channels * 2));
    put16(p + 34, 16);
    memcpy(p + 36, "data", 4);
    put32(p + 40, dataBytes);
    return header;
}

} // namespace parla::media
