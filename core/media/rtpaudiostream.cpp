// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtpaudiostream.h"

#include "audiopayloadcodec.h"
#include "audioprocessor.h"
#include "audiosink.h"
#include "audiosource.h"
#include "jitterbuffer.h"
#include "logging.h"
#include "rtcppacket.h"
#include "rtcpreporter.h"
#include "rtppacket.h"
#include "srtpsession.h"

#include <QNetworkDatagram>
#include <QNetworkProxy>
#include <QRandomGenerator>
#include <QUdpSocket>

#include <algorithm>
#include <cmath>

namespace parla::media {

namespace {
constexpr int BindAttempts = 64;
// How long after a telephone-event packet a missing audio frame is taken as the event's.
constexpr qint64 EventQuietMs = 100;

quint32 randomNonZero()
{
    quint32 value = 0;
    while (value == 0)
        value = QRandomGenerator::system()->generate();
    return value;
}
} // namespace

RtpAudioStream::RtpAudioStream(QObject *parent)
    : QObject(parent)
    , m_ssrc(randomNonZero())
    , m_sequence(quint16(QRandomGenerator::system()->generate()))
    , m_timestamp(QRandomGenerator::system()->generate())
{
    // RFC 7022: a random CNAME per stream, so reports say nothing about the user or host.
    const QByteArray cname = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    m_rtcpReporter = std::make_unique<RtcpReporter>(m_ssrc, cname);
    m_clock.start();
    connect(&m_playout, &AudioPacer::tick, this, &RtpAudioStream::onPlayoutTick);
    m_rtcpTimer.setSingleShot(true);
    connect(&m_rtcpTimer, &QTimer::timeout, this, [this] {
        sendRtcp(false);
        scheduleRtcp();
    });
}

RtpAudioStream::~RtpAudioStream()
{
    stop();
}

bool RtpAudioStream::bind(const QHostAddress &address, quint16 port)
{
    delete m_rtp;
    delete m_rtcp;
    m_rtp = new QUdpSocket(this);
    m_rtcp = new QUdpSocket(this);
    // Media goes straight to the peer the SDP names: never through a system proxy (which
    // would also make every bind ask libproxy, on a thread of its own).
    m_rtp->setProxy(QNetworkProxy::NoProxy);
    m_rtcp->setProxy(QNetworkProxy::NoProxy);
    for (int attempt = 0; attempt < BindAttempts; ++attempt) {
        quint16 candidate = port;
        if (candidate == 0)
            candidate = quint16(FirstPort + 2 * QRandomGenerator::global()->bounded((LastPort - FirstPort) / 2 + 1));
        // DontShareAddress: on Linux SO_REUSEADDR would let a second socket take the same port.
        if (m_rtp->bind(address, candidate, QAbstractSocket::DontShareAddress)
            && m_rtcp->bind(address, quint16(candidate + 1), QAbstractSocket::DontShareAddress)) {
            connect(m_rtp, &QUdpSocket::readyRead, this, &RtpAudioStream::onRtpReadable);
            connect(m_rtcp, &QUdpSocket::readyRead, this, &RtpAudioStream::onRtcpReadable);
            qCDebug(lcMedia) << "RTP bound on" << address << candidate;
            return true;
        }
        m_error = m_rtp->state() == QAbstractSocket::BoundState ? m_rtcp->errorString() : m_rtp->errorString();
        m_rtp->close();
        m_rtcp->close();
        if (port != 0)
            break;
    }
    m_error = QStringLiteral("no free RTP port pair on %1: %2").arg(address.toString(), m_error);
    return false;
}

quint16 RtpAudioStream::rtpPort() const
{
    return m_rtp ? m_rtp->localPort() : 0;
}

void RtpAudioStream::setEndpoints(AudioSource *source, AudioSink *sink)
{
    delete m_source.data();
    delete m_sink.data();
    attachSource(source);
    attachSink(sink);
    // Swapped mid-call (another device): the new ones join the running stream.
    if (m_started) {
        if (sink)
            sink->start();
        if (source)
            source->start();
    }
}

void RtpAudioStream::attachSource(AudioSource *source)
{
    m_source = source;
    if (!source)
        return;
    source->setParent(this);
    connect(source, &AudioSource::frameReady, this, &RtpAudioStream::onFrame);
    connect(source, &AudioSource::errorOccurred, this, &RtpAudioStream::failed);
}

void RtpAudioStream::attachSink(AudioSink *sink)
{
    m_sink = sink;
    if (!sink)
        return;
    sink->setParent(this);
    connect(sink, &AudioSink::errorOccurred, this, &RtpAudioStream::failed);
}

namespace {

// Starts a new endpoint on its own, before it is wired: the reason when it does not start
// (devices report that through errorOccurred, synchronously, from start()).
template<typename Endpoint> std::optional<QString> tryStart(Endpoint *endpoint)
{
    QString error;
    const auto probe
        = QObject::connect(endpoint, &Endpoint::errorOccurred, [&error](const QString &reason) { error = reason; });
    endpoint->start();
    QObject::disconnect(probe);
    if (!error.isEmpty())
        return error;
    if (!endpoint->isActive())
        return QStringLiteral("the device did not start");
    return std::nullopt;
}

} // namespace

template<typename Endpoint>
std::optional<QString> RtpAudioStream::replaceEndpoint(
    QPointer<Endpoint> &current, Endpoint *next, void (RtpAudioStream::*attach)(Endpoint *), const char *what)
{
    Q_ASSERT(next);
    if (m_started) {
        if (auto problem = tryStart(next)) {
            qCWarning(lcMedia).noquote() << "keeping the" << what << "device:" << *problem;
            delete next;
            return problem;
        }
    }
    if (current) {
        current->stop();
        delete current.data();
    }
    (this->*attach)(next);
    return std::nullopt;
}

std::optional<QString> RtpAudioStream::replaceSource(AudioSource *source)
{
    auto problem = replaceEndpoint(m_source, source, &RtpAudioStream::attachSource, "input");
    // The new device's frames may come at another phase of the clock: a new talkspurt lets
    // the peer's jitter buffer take up the step (RFC 3551 §4.1).
    if (!problem)
        m_talkspurt = true;
    return problem;
}

std::optional<QString> RtpAudioStream::replaceSink(AudioSink *sink)
{
    return replaceEndpoint(m_sink, sink, &RtpAudioStream::attachSink, "output");
}

void RtpAudioStream::setProcessor(std::unique_ptr<AudioProcessor> processor)
{
    m_processor = std::move(processor);
}

bool RtpAudioStream::configure(const NegotiatedMedia &media)
{
    const bool newCodec = !m_media || m_media->codec != media.codec;
    const bool newPeer
        = !m_media || m_media->remoteAddress != media.remoteAddress || m_media->remotePort != media.remotePort;
    if (newCodec) {
        auto codec = AudioPayloadCodec::create(media.codec);
        if (!codec) {
            qCWarning(lcMedia) << "cannot encode" << media.codec.encodingName;
            return false;
        }
        m_codec = std::move(codec);
        m_jitterBuffer = std::make_unique<JitterBuffer>(m_codec->frameSpan());
        m_pending.clear();
        m_talkspurt = true;
    }
    if (!media.srtp) {
        m_srtp.reset();
    } else {
        if (!m_srtp)
            m_srtp = std::make_unique<SrtpSession>();
        if (!m_srtp->setKeys(*media.srtp)) {
            qCWarning(lcMedia).noquote() << "SRTP cannot be keyed:" << m_srtp->errorString();
            return false;
        }
    }
    if (newPeer || newCodec)
        resetReceiver();
    if (!media.telephoneEvent)
        m_dtmf.clear();
    m_media = media;
    qCDebug(lcMedia) << "RTP to" << media.remoteAddress << media.remotePort << media.codec.encodingName << "sends"
                     << media.sends() << "receives" << media.receives();
    return true;
}

void RtpAudioStream::resetReceiver()
{
    m_peerSsrc.reset();
    m_peerSequence = RtpSequence();
    m_peerJitter = RtpJitter();
    m_events = TelephoneEventReceiver();
    m_heardAudio = false;
    if (m_jitterBuffer)
        m_jitterBuffer->reset();
}

void RtpAudioStream::start()
{
    if (m_started)
        return;
    m_started = true;
    m_talkspurt = true;
    if (m_sink)
        m_sink->start();
    if (m_source)
        m_source->start();
    m_playout.start();
    // §6.2: the first report may go after half the minimum interval.
    m_rtcpTimer.start(RtcpReporter::MinInterval / 2);
}

void RtpAudioStream::stop()
{
    if (!m_started)
        return;
    m_started = false;
    if (m_source)
        m_source->stop();
    m_playout.stop();
    if (m_sink)
        m_sink->stop();
    m_rtcpTimer.stop();
    sendRtcp(true);
    m_dtmf.clear();
}

bool RtpAudioStream::sendDtmf(char digit)
{
    if (!m_media || !m_media->telephoneEvent)
        return false;
    return m_dtmf.enqueue(digit);
}

RtpStreamStats RtpAudioStream::stats() const
{
    RtpStreamStats stats = m_stats;
    const int clockRate = m_codec ? m_codec->clockRate() : AudioSampleRate;
    stats.packetsLost = m_peerSequence.isValid() ? std::max<qint64>(m_peerSequence.cumulativeLost(), 0) : 0;
    stats.jitterMs = double(m_peerJitter.jitter()) * 1000.0 / clockRate;
    if (const auto view = m_rtcpReporter->peerView()) {
        stats.remoteFractionLost = view->fractionLost;
        stats.remoteJitterMs = double(view->jitter) * 1000.0 / clockRate;
    }
    stats.roundTripMs = m_rtcpReporter->roundTripMs().value_or(-1.0);
    return stats;
}

void RtpAudioStream::onFrame(const AudioFrame &captured)
{
    if (!m_started || !m_codec || !m_media)
        return;
    AudioFrame frame = captured;
    if (m_processor)
        m_processor->capture(frame);
    const quint32 timestamp = m_timestamp;
    // The clock runs while nothing is sent (hold), so the peer sees real time pass (§5.1).
    m_timestamp += m_codec->frameSpan();
    if (!m_media->sends() || !m_rtp) {
        m_talkspurt = true;
        return;
    }
    if (m_media->telephoneEvent) {
        if (auto event = m_dtmf.next(timestamp, m_codec->frameSpan())) {
            sendRtp(quint8(m_media->telephoneEvent->payloadType), event->marker, event->timestamp, event->payload);
            m_talkspurt = true;
            return;
        }
    }
    const QByteArray payload = m_muted ? m_codec->encodeSilence() : m_codec->encode(frame);
    if (payload.isEmpty()) {
        qCWarning(lcMedia) << "encoder gave nothing for a frame";
        return;
    }
    sendRtp(quint8(m_media->codec.payloadType), m_talkspurt, timestamp, payload);
    m_talkspurt = false;
}

void RtpAudioStream::sendRtp(quint8 payloadType, bool marker, quint32 timestamp, const QByteArray &payload)
{
    RtpPacket packet;
    packet.marker = marker;
    packet.payloadType = payloadType;
    packet.sequenceNumber = m_sequence++;
    packet.timestamp = timestamp;
    packet.ssrc = m_ssrc;
    packet.payload = payload;
    QByteArray bytes = packet.toBytes();
    if (m_srtp && !m_srtp->protectRtp(bytes)) {
        qCDebug(lcMedia).noquote() << "RTP not sent:" << m_srtp->lastFailure();
        return;
    }
    if (m_rtp->writeDatagram(bytes, m_media->remoteAddress, m_media->remotePort) < 0) {
        qCDebug(lcMedia) << "RTP not sent:" << m_rtp->errorString();
        return;
    }
    ++m_stats.packetsSent;
    m_stats.octetsSent += quint64(payload.size());
    m_sentSinceReport = true;
}

void RtpAudioStream::onPlayoutTick()
{
    AudioFrame frame {};
    if (m_codec && m_media && m_media->receives()) {
        const JitterBuffer::Output out = m_jitterBuffer->get();
        if (out.result == JitterBuffer::Result::Packet) {
            if (!m_codec->decode(out.payload, m_pending)) {
                ++m_stats.malformed;
                m_codec->conceal(m_pending);
            }
        } else if (m_clock.elapsed() - m_peerEventMs < EventQuietMs) {
            // The peer sends a telephone event instead of audio (as Parla does): the gap is
            // meant, so it is heard as silence, neither guessed at by PLC nor counted as loss.
        } else if (m_heardAudio && std::ssize(m_pending) < AudioFrameSamples) {
            // A lost frame whose successor has arrived is rebuilt from that one's in-band FEC
            // (Opus, RFC 7587 §3.1.2), closer to what was said than PLC's guess. An insertion
            // is the buffer growing its delay, not a loss: concealed, not counted.
            if (out.result == JitterBuffer::Result::Missing && m_codec->recover(out.next, m_pending)) {
                ++m_stats.fecRecovered;
            } else {
                if (out.result == JitterBuffer::Result::Missing)
                    ++m_stats.concealed;
                m_codec->conceal(m_pending);
            }
        }
        // Bounded: a peer sending longer packets than it plays must not grow this.
        const auto excess = std::ssize(m_pending) - MaxPendingFrames * AudioFrameSamples;
        if (excess > 0)
            m_pending.erase(m_pending.begin(), m_pending.begin() + excess);
        const auto take = std::min<std::ptrdiff_t>(std::ssize(m_pending), AudioFrameSamples);
        std::copy_n(m_pending.begin(), take, frame.begin());
        m_pending.erase(m_pending.begin(), m_pending.begin() + take);
    }
    if (m_processor)
        m_processor->playback(frame);
    if (m_sink)
        m_sink->write(frame);
}

bool RtpAudioStream::fromPeer(const QHostAddress &address) const
{
    return m_media && address.isEqual(m_media->remoteAddress, QHostAddress::ConvertV4MappedToIPv4);
}

std::pair<QHostAddress, quint16> RtpAudioStream::rtcpDestination() const
{
    // Set by offer/answer (a=rtcp, else RTP + 1); a NegotiatedMedia made by hand may leave it out.
    return { m_media->remoteRtcpAddress.isNull() ? m_media->remoteAddress : m_media->remoteRtcpAddress,
        m_media->remoteRtcpPort != 0 ? m_media->remoteRtcpPort : quint16(m_media->remotePort + 1) };
}

quint32 RtpAudioStream::arrivalTime() const
{
    const int clockRate = m_codec ? m_codec->clockRate() : AudioSampleRate;
    return quint32(quint64(m_clock.nsecsElapsed()) * quint64(clockRate) / 1'000'000'000u);
}

void RtpAudioStream::onRtpReadable()
{
    for (int i = 0; i < MaxDatagramsPerWakeup && m_rtp->hasPendingDatagrams(); ++i) {
        const bool oversized = m_rtp->pendingDatagramSize() > MaxDatagramBytes;
        const QNetworkDatagram datagram = m_rtp->receiveDatagram(MaxDatagramBytes);
        if (!fromPeer(datagram.senderAddress()) || datagram.senderPort() != m_media->remotePort) {
            ++m_stats.rejected;
            continue;
        }
        if (oversized) {
            ++m_stats.malformed;
            continue;
        }
        QByteArray bytes = datagram.data();
        if (m_srtp && !m_srtp->unprotectRtp(bytes)) {
            ++m_stats.srtpRejected;
            qCDebug(lcMedia).noquote() << "RTP dropped:" << m_srtp->lastFailure();
            continue;
        }
        handleRtp(bytes);
    }
    // Left for the next turn of the event loop; the notifier fires again while any remain.
}

void RtpAudioStream::handleRtp(const QByteArray &bytes)
{
    auto parsed = RtpPacket::parse(bytes);
    if (const auto *error = std::get_if<ParseError>(&parsed)) {
        ++m_stats.malformed;
        qCDebug(lcMedia) << "RTP dropped:" << error->reason;
        return;
    }
    const RtpPacket &packet = std::get<RtpPacket>(parsed);
    const bool isAudio = packet.payloadType == m_media->codec.payloadType;
    const bool isEvent = m_media->telephoneEvent && packet.payloadType == m_media->telephoneEvent->payloadType;
    if (!isAudio && !isEvent) {
        ++m_stats.rejected;
        return;
    }
    const qint64 now = m_clock.elapsed();
    if (m_peerSsrc && *m_peerSsrc != packet.ssrc) {
        if (now - m_peerLastHeardMs < SsrcTimeout.count()) {
            ++m_stats.rejected;
            return;
        }
        qCDebug(lcMedia) << "peer SSRC changed to" << Qt::hex << packet.ssrc;
        resetReceiver();
    }
    m_peerSsrc = packet.ssrc;
    m_peerLastHeardMs = now;
    m_peerSequence.update(packet.sequenceNumber);
    ++m_stats.packetsReceived;
    if (isEvent) {
        m_peerEventMs = now;
        auto event = TelephoneEvent::parse(packet.payload);
        if (std::holds_alternative<ParseError>(event)) {
            ++m_stats.malformed;
            return;
        }
        if (const auto digit = m_events.receive(packet.timestamp, std::get<TelephoneEvent>(event))) {
            ++m_stats.dtmfReceived;
            Q_EMIT dtmfReceived(QChar::fromLatin1(*digit));
        }
        return;
    }
    m_peerJitter.update(packet.timestamp, arrivalTime());
    if (!m_media->receives())
        return;
    m_heardAudio = true;
    if (!m_jitterBuffer->put(packet.payload, packet.timestamp, packet.sequenceNumber, packet.payloadType))
        ++m_stats.late;
}

void RtpAudioStream::onRtcpReadable()
{
    for (int i = 0; i < MaxDatagramsPerWakeup && m_rtcp->hasPendingDatagrams(); ++i) {
        const bool oversized = m_rtcp->pendingDatagramSize() > MaxDatagramBytes;
        const QNetworkDatagram datagram = m_rtcp->receiveDatagram(MaxDatagramBytes);
        // The peer's RTCP port is not checked (a NAT may send from another than a=rtcp's);
        // its address must be the peer's, or the one its a=rtcp (RFC 3605) names.
        const bool fromRtcpPeer
            = m_media && datagram.senderAddress().isEqual(rtcpDestination().first, QHostAddress::ConvertV4MappedToIPv4);
        if (oversized || !(fromPeer(datagram.senderAddress()) || fromRtcpPeer)) {
            ++m_stats.rtcpMalformed;
            continue;
        }
        QByteArray bytes = datagram.data();
        if (m_srtp && !m_srtp->unprotectRtcp(bytes)) {
            ++m_stats.rtcpMalformed;
            qCDebug(lcMedia).noquote() << "RTCP dropped:" << m_srtp->lastFailure();
            continue;
        }
        auto parsed = RtcpCompound::parse(bytes);
        if (const auto *error = std::get_if<ParseError>(&parsed)) {
            ++m_stats.rtcpMalformed;
            qCDebug(lcMedia) << "RTCP dropped:" << error->reason;
            continue;
        }
        ++m_stats.rtcpReceived;
        m_rtcpReporter->received(std::get<RtcpCompound>(parsed), m_peerSsrc.value_or(0));
        // The loss the peer sees tells the encoder how much in-band FEC to spend (none at 0%).
        if (const auto view = m_rtcpReporter->peerView(); view && m_codec)
            m_codec->setExpectedPacketLoss(int(std::ceil(view->fractionLost * 100.0)));
    }
}

void RtpAudioStream::sendRtcp(bool bye)
{
    if (!m_media || !m_rtcp || m_rtcp->state() != QAbstractSocket::BoundState)
        return;
    std::optional<RtcpReporter::Sending> sending;
    if (m_sentSinceReport)
        sending = RtcpReporter::Sending { m_timestamp, quint32(m_stats.packetsSent), quint32(m_stats.octetsSent) };
    std::optional<RtcpReporter::Receiving> receiving;
    if (m_peerSsrc)
        receiving = RtcpReporter::Receiving { *m_peerSsrc, &m_peerSequence, m_peerJitter.jitter() };
    QByteArray bytes = m_rtcpReporter->report(sending, receiving, bye);
    m_sentSinceReport = false;
    if (m_srtp && !bytes.isEmpty() && !m_srtp->protectRtcp(bytes))
        return;
    const auto [rtcpAddress, rtcpPort] = rtcpDestination();
    if (!bytes.isEmpty() && m_rtcp->writeDatagram(bytes, rtcpAddress, rtcpPort) > 0)
        ++m_stats.rtcpSent;
}

void RtpAudioStream::scheduleRtcp()
{
    if (m_started)
        m_rtcpTimer.start(RtcpReporter::nextInterval());
}

} // namespace parla::media
