// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicesink.h"

#include "audiodevices.h"
#include "logging.h"

#include <QAudioSink>
#include <QMutex>
#include <QSet>
#include <QThread>

#include <algorithm>

namespace parla::media {

namespace {
// The stopped sinks waiting out RetireDelay. Listed here as well, so that one whose thread
// ends before its timer fires stays reachable until the process exits instead of leaking.
struct RetiredSinks
{
    QMutex mutex;
    QSet<QObject *> sinks;
};

RetiredSinks &retiredSinks()
{
    static auto *retired = new RetiredSinks; // never destroyed: sinks may outlive main()
    return *retired;
}
} // namespace

DeviceSink::DeviceSink(const QByteArray &deviceId, QObject *parent)
    : AudioSink(parent)
    , m_deviceId(deviceId)
    , m_poll(this) // a child, so moveToThread() takes it along
{
    AudioDevices::tagStreamsAsPhone();
    m_poll.setTimerType(Qt::PreciseTimer);
    m_poll.setInterval(PollInterval);
    connect(&m_poll, &QTimer::timeout, this, &DeviceSink::pump);
}

DeviceSink::~DeviceSink()
{
    stop();
}

void DeviceSink::start()
{
    Q_ASSERT_X(thread() == QThread::currentThread(), "DeviceSink::start", "called from another thread");
    if (m_io)
        return;
    const QAudioDevice device = AudioDevices::output(m_deviceId);
    if (device.isNull()) {
        Q_EMIT errorOccurred(QStringLiteral("no audio output device"));
        return;
    }
    m_activeDeviceId = device.id();
    m_windowWrites = 0;
    // A new sink for every start, its buffer set first: see the class comment.
    // No parent: Qt 6.4 gives the sink's PulseAudio half the same parent, and a sink that
    // outlives this object (retire(), or abandoned on a stuck server) needs that half too.
    m_sink = new QAudioSink(device, AudioDevices::format());
    const auto bytes = AudioDevices::format().bytesForDuration(
        std::chrono::duration_cast<std::chrono::microseconds>(m_buffer).count());
    m_sink->setBufferSize(bytes);
    m_io = m_sink->start();
    if (!m_io || m_sink->error() != QAudio::NoError) {
        fail(QStringLiteral("cannot open audio output %1 (error %2)")
                 .arg(QString::fromUtf8(m_activeDeviceId))
                 .arg(int(m_sink->error())),
            false);
        return;
    }
    connect(m_sink, &QAudioSink::stateChanged, this, [this](QAudio::State state) {
        if (state == QAudio::StoppedState && m_sink && m_sink->error() != QAudio::NoError)
            fail(QStringLiteral("audio output %1 stopped (error %2)")
                     .arg(QString::fromUtf8(m_activeDeviceId))
                     .arg(int(m_sink->error())),
                m_sink->error() == QAudio::IOError);
    });
    qCDebug(lcMedia) << "output" << m_activeDeviceId << "buffer" << m_sink->bufferSize() << "bytes";
    m_poll.start();
}

void DeviceSink::stop()
{
    m_poll.stop();
    m_queue.clear();
    m_io = nullptr;
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->stop();
        retire(m_sink);
        m_sink = nullptr;
    }
}

void DeviceSink::retire(QAudioSink *sink)
{
    RetiredSinks &retired = retiredSinks();
    {
        QMutexLocker lock(&retired.mutex);
        retired.sinks.insert(sink);
    }
    connect(sink, &QObject::destroyed, [&retired](QObject *gone) {
        QMutexLocker lock(&retired.mutex);
        retired.sinks.remove(gone);
    });
    QTimer::singleShot(RetireDelay, sink, &QObject::deleteLater);
}

int DeviceSink::retiredSinkCount()
{
    RetiredSinks &retired = retiredSinks();
    QMutexLocker lock(&retired.mutex);
    return int(retired.sinks.size());
}

qsizetype DeviceSink::grantedBufferBytes() const
{
    return m_sink ? m_sink->bufferSize() : 0;
}

void DeviceSink::write(const AudioFrame &frame)
{
    if (!m_io)
        return;
    if (m_queue.size() >= MaxQueuedFrames * AudioFrameBytes) {
        m_queue.remove(0, AudioFrameBytes);
        ++m_dropped;
    }
    m_leastQueued = m_windowWrites == 0 ? m_queue.size() : std::min(m_leastQueued, m_queue.size());
    if (++m_windowWrites == StandingWindowFrames) {
        const qsizetype standing = m_leastQueued / AudioFrameBytes * AudioFrameBytes;
        if (standing > 0) {
            m_queue.remove(0, standing);
            m_dropped += standing / AudioFrameBytes;
            qCDebug(lcMedia) << "output" << m_activeDeviceId << "dropped a standing backlog of" << standing << "bytes";
        }
        m_windowWrites = 0;
    }
    m_queue.append(reinterpret_cast<const char *>(frame.data()), AudioFrameBytes);
    // Start writing at once rather than up to PollInterval later.
    pump();
}

void DeviceSink::pump()
{
    if (!m_io || !m_sink || m_queue.isEmpty())
        return;
    // A stream whose server died reports -1 (pa_stream_writable_size's error value).
    const qsizetype free = m_sink->bytesFree();
    if (free < 0 || m_sink->error() == QAudio::FatalError) {
        fail(QStringLiteral("the sound server stopped taking audio output"), false);
        return;
    }
    // Whole samples only: the push device takes bytes, the stream wants samples.
    const qsizetype n = std::min(free, m_queue.size()) & ~qsizetype(1);
    if (n == 0)
        return;
    const qint64 written = m_io->write(m_queue.constData(), n);
    if (written < 0 || m_sink->error() == QAudio::IOError) {
        fail(QStringLiteral("the sound server refused audio output"), true);
        return;
    }
    m_queue.remove(0, written);
}

void DeviceSink::fail(const QString &reason, bool serverStuck)
{
    qCWarning(lcMedia) << reason;
    m_poll.stop();
    m_queue.clear();
    m_io = nullptr;
    if (m_sink) {
        m_sink->disconnect(this);
        if (serverStuck) {
            // Qt 6.4.2's QPulseAudioSink::write returns on error with the mainloop lock held
            // (fixed in 6.6.3); stop() or the destructor would wait on it forever.
            m_sink = nullptr;
        } else {
            // Possibly inside the sink's own signal: delete it later. Not retire(): a server
            // that failed answers no drain, and Qt's engine tears its mainloop down meanwhile.
            m_sink->stop();
            m_sink->deleteLater();
            m_sink = nullptr;
        }
    }
    Q_EMIT errorOccurred(reason);
}

} // namespace parla::media
