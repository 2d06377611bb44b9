// SPDX-License-Identifier: GPL-3.0-or-later
#include "g711.h"

#include <bit>

namespace parla::media::g711 {

namespace {

// μ-law works on 14-bit magnitudes offset by 33 (0x84 at 16-bit scale) so that every segment
// starts at a power of two; inputs above the top of segment 7 clip.
constexpr int MuLawBias = 0x84;
constexpr int MuLawClip = 32635;
// A-law's codes have their even bits inverted (XOR 0x55) to keep the line busy.
constexpr quint8 ALawInversion = 0x55;

// The segment is the position of the highest set bit above the 4-bit mantissa.
int segmentOf(unsigned value)
{
    return value ? std::bit_width(value) - 1 : 0;
}

} // namespace

quint8 encodeMuLaw(qint16 sample)
{
    int magnitude = sample;
    const quint8 sign = magnitude < 0 ? 0x80 : 0x00;
    if (magnitude < 0)
        magnitude = -magnitude;
    if (magnitude > MuLawClip)
        magnitude = MuLawClip;
    magnitude += MuLawBias;
    const int segment = segmentOf(unsigned(magnitude) >> 7);
    const int mantissa = (magnitude >> (segment + 3)) & 0x0f;
    // Codes are sent inverted; positive samples have the top bit set after inversion.
    return quint8(~(sign | (segment << 4) | mantissa));
}

qint16 decodeMuLaw(quint8 code)
{
    code = quint8(~code);
    const int segment = (code >> 4) & 0x07;
    const int magnitude = (((code & 0x0f) << 3) + MuLawBias) << segment;
    return qint16((code & 0x80) ? MuLawBias - magnitude : magnitude - MuLawBias);
}

quint8 encodeALaw(qint16 sample)
{
    // A-law quantises 13 bits; negative values are coded from -sample - 1.
    int value = sample >> 3;
    quint8 mask = 0x80 | ALawInversion;
    if (value < 0) {
        mask = ALawInversion;
        value = -value - 1;
    }
    const int segment = value < 32 ? 0 : segmentOf(unsigned(value) >> 4);
    if (segment > 7)
        return quint8(0x7f ^ mask);
    const int mantissa = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
    return quint8(((segment << 4) | mantissa) ^ mask);
}

qint16 decodeALaw(quint8 code)
{
    code ^= ALawInversion;
    int magnitude = (code & 0x0f) << 4;
    const int segment = (code & 0x70) >> 4;
    // The middle of the quantisation step, then the segment's scale.
    magnitude += segment == 0 ? 8 : 0x108;
    if (segment > 1)
        magnitude <<= segment - 1;
    return qint16((code & 0x80) ? magnitude : -magnitude);
}

QByteArray encodeMuLaw(const QList<qint16> &samples)
{
    QByteArray codes(samples.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < samples.size(); ++i)
        codes[i] = char(encodeMuLaw(samples[i]));
    return codes;
}

QList<qint16> decodeMuLaw(const QByteArray &codes)
{
    QList<qint16> samples(codes.size());
    for (qsizetype i = 0; i < codes.size(); ++i)
        samples[i] = decodeMuLaw(quint8(codes[i]));
    return samples;
}

QByteArray encodeALaw(const QList<qint16> &samples)
{
    QByteArray codes(samples.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < samples.size(); ++i)
        codes[i] = char(encodeALaw(samples[i]));
    return codes;
}

QList<qint16> decodeALaw(const QByteArray &codes)
{
    QList<qint16> samples(codes.size());
    for (qsizetype i = 0; i < codes.size(); ++i)
        samples[i] = decodeALaw(quint8(codes[i]));
    return samples;
}

} // namespace parla::media::g711
