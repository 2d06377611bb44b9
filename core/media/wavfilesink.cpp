// SPDX-License-Identifier: GPL-3.0-or-later
#include "wavfilesink.h"

#include "wavheader.h"

#include <QtEndian>

#include <limits>

namespace parla::media {

namespace {
// RIFF sizes are 32-bit and count the 36 header bytes after the size field.
constexpr std::int64_t MaxDataBytes = std::numeric_limits<std::uint32_t>::max() - 36;
} // namespace

WavFileSink::WavFileSink(const QString &path, QObject *parent)
    : AudioSink(parent)
    , m_file(path)
{
}

WavFileSink::~WavFileSink()
{
    stop();
}

bool WavFileSink::open()
{
    if (m_file.isOpen())
        return true;
    m_frames = 0;
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    if (m_file.write(WavHeader::canonical(1, AudioSampleRate, 0)) != WavHeader::CanonicalSize) {
        m_error = QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString());
        m_file.close();
        return false;
    }
    return true;
}

void WavFileSink::start()
{
    if (!open())
        Q_EMIT errorOccurred(m_error);
}

void WavFileSink::write(const AudioFrame &frame)
{
    if (!m_file.isOpen())
        return;
    if ((m_frames + 1) * AudioFrameBytes > MaxDataBytes) {
        fail(QStringLiteral("%1: the WAV format cannot hold more than 4 GiB").arg(m_file.fileName()));
        return;
    }
    char bytes[AudioFrameBytes];
    for (int i = 0; i < AudioFrameSamples; ++i)
        qToLittleEndian(frame[std::size_t(i)], bytes + 2 * i);
    if (m_file.write(bytes, AudioFrameBytes) != AudioFrameBytes) {
        fail(QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    ++m_frames;
}

void WavFileSink::stop()
{
    if (!m_file.isOpen())
        return;
    const QByteArray header = WavHeader::canonical(1, AudioSampleRate, std::uint32_t(m_frames * AudioFrameBytes));
    if (!m_file.seek(0) || m_file.write(header) != header.size())
        m_error = QStringLiteral("%1: cannot fix up the header: %2").arg(m_file.fileName(), m_file.errorString());
    m_file.close();
}

void WavFileSink::fail(const QString &reason)
{
    stop();
    m_error = reason;
    Q_EMIT errorOccurred(reason);
}

} // namespace parla::media
