// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

// ITU-T G.711 companding, μ-law (PCMU) and A-law (PCMA), on 16-bit linear samples. Written
// here after the standard's segment tables: eight lines each, and no library gives them alone.
namespace parla::media::g711 {

quint8 encodeMuLaw(qint16 sample);
qint16 decodeMuLaw(quint8 code);
quint8 encodeALaw(qint16 sample);
qint16 decodeALaw(quint8 code);

// A frame at a time: one byte per sample, as RTP carries it (RFC 3551 §4.5.14).
QByteArray encodeMuLaw(const QList<qint16> &samples);
QList<qint16> decodeMuLaw(const QByteArray &codes);
QByteArray encodeALaw(const QList<qint16> &samples);
QList<qint16> decodeALaw(const QByteArray &codes);

} // namespace parla::media::g711
