// SPDX-License-Identifier: GPL-3.0-or-later
#include "wavfilesource.h"

#include "logging.h"

#include <QtEndian>

#include <algorithm>

namespace parla::media {

WavFileSource::WavFileSource(const QString &path, QObject *parent)
    : AudioSource(parent)
    , m_file(path)
{
    connect(&m_pacer, &AudioPacer::tick, this, &WavFileSource::onTick);
}

WavFileSource::~WavFileSource() = default;

bool WavFileSource::open()
{
    if (m_file.isOpen())
        return true;
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("%1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    auto header = WavHeader::read(m_file);
    if (auto *error = std::get_if<QString>(&header)) {
        m_error = QStringLiteral("%1: %2").arg(m_file.fileName(), *error);
        m_file.close();
        return false;
    }
    m_header = std::get<WavHeader>(header);
    m_resampler = std::make_unique<AudioResampler>(m_header.sampleRate, AudioSampleRate);
    if (!m_resampler->isValid()) {
        m_error = QStringLiteral("%1: cannot resample from %2 Hz").arg(m_file.fileName()).arg(m_header.sampleRate);
        m_file.close();
        return false;
    }
    m_remaining = m_header.dataBytes;
    qCDebug(lcMedia) << "playing" << m_file.fileName() << m_header.channels << "channel(s) at" << m_header.sampleRate
                     << "Hz," << m_header.frames() << "frames";
    return true;
}

void WavFileSource::decodeMore()
{
    // About 20 ms of input at a time: bounded memory whatever the file claims.
    const std::int64_t want = std::int64_t(m_header.sampleRate / 50) * m_header.blockAlign();
    const QByteArray bytes = m_remaining > 0 ? m_file.read(std::min(want, m_remaining)) : QByteArray();
    if (bytes.isEmpty() && m_remaining > 0)
        qCWarning(lcMedia) << m_file.fileName() << "ends early:" << m_file.errorString();
    m_remaining = bytes.isEmpty() ? 0 : m_remaining - bytes.size();
    const int frames = int(bytes.size()) / m_header.blockAlign();
    std::vector<std::int16_t> mono(static_cast<std::size_t>(frames));
    const char *p = bytes.constData();
    for (int i = 0; i < frames; ++i) {
        if (m_header.channels == 1) {
            mono[std::size_t(i)] = qFromLittleEndian<std::int16_t>(p + 2 * i);
        } else {
            const int left = qFromLittleEndian<std::int16_t>(p + 4 * i);
            const int right = qFromLittleEndian<std::int16_t>(p + 4 * i + 2);
            mono[std::size_t(i)] = std::int16_t((left + right) / 2);
        }
    }
    m_resampler->process(mono, m_pending);
    // Knowing the end as soon as the last bytes are read lets the last frame say so.
    if (m_remaining == 0) {
        m_inputDone = true;
        m_resampler->flush(m_pending);
    }
}

bool WavFileSource::readFrame(AudioFrame &frame)
{
    frame.fill(0);
    if (m_done || !m_file.isOpen())
        return false;
    while (m_pending.size() < frame.size() && !m_inputDone)
        decodeMore();
    if (m_pending.empty()) {
        m_done = true;
        return false;
    }
    const std::size_t n = std::min(m_pending.size(), frame.size());
    std::copy_n(m_pending.begin(), n, frame.begin());
    m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
    if (m_inputDone && m_pending.empty())
        m_done = true;
    return true;
}

void WavFileSource::start()
{
    if (!open()) {
        Q_EMIT errorOccurred(m_error);
        return;
    }
    m_pacer.start();
}

void WavFileSource::stop()
{
    m_pacer.stop();
}

void WavFileSource::onTick()
{
    AudioFrame frame;
    readFrame(frame);
    Q_EMIT frameReady(frame);
    if (m_done && !m_finishedSignalled) {
        m_finishedSignalled = true;
        Q_EMIT finished();
    }
}

} // namespace parla::media
