// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

// Big-endian (network order) reads and writes for the RTP, RTCP and RFC 4733 codecs. Reads
// never go past the end: the parsers check lengths first, and `at` is bounds-checked anyway.
namespace parla::media::detail {

inline quint8 byteAt(const QByteArray &bytes, qsizetype offset)
{
    return offset >= 0 && offset < bytes.size() ? quint8(bytes.at(offset)) : 0;
}

inline quint16 read16(const QByteArray &bytes, qsizetype offset)
{
    return quint16((byteAt(bytes, offset) << 8) | byteAt(bytes, offset + 1));
}

inline quint32 read32(const QByteArray &bytes, qsizetype offset)
{
    return (quint32(read16(bytes, offset)) << 16) | read16(bytes, offset + 2);
}

inline void append16(QByteArray *bytes, quint16 value)
{
    bytes->append(char(value >> 8));
    bytes->append(char(value & 0xff));
}

inline void append32(QByteArray *bytes, quint32 value)
{
    append16(bytes, quint16(value >> 16));
    append16(bytes, quint16(value & 0xffff));
}

} // namespace parla::media::detail
