// SPDX-License-Identifier: GPL-3.0-or-later
#include "audiocallmedia.h"

#include "logging.h"
#include "media/audiocodecs.h"
#include "media/audioprocessor.h"
#include "media/devicesink.h"
#include "media/devicesource.h"
#include "media/echocanceller.h"
#include "media/echoloop.h"
#include "media/mediaengine.h"
#include "media/rtpaudiostream.h"
#include "media/telephoneevent.h"
#include "media/tonesource.h"
#include "media/wavfilesink.h"
#include "media/wavfilesource.h"

#include <QRandomGenerator>

namespace parla::calls {

using media::Direction;
using media::NegotiatedMedia;
using media::NegotiationError;
using media::OfferAnswer;
using media::SessionDescription;

namespace {

// The echo canceller as the stream's AudioProcessor: the RTP side knows only the interface.
class EchoCancellerProcessor : public media::AudioProcessor
{
public:
    bool isValid() const { return m_canceller.isValid(); }
    void playback(const media::AudioFrame &farEnd) override { m_canceller.playback(farEnd); }
    void capture(media::AudioFrame &nearEnd) override { m_canceller.capture(nearEnd); }

private:
    media::EchoCanceller m_canceller;
};

// Puts a fresh canceller between the stream's endpoints: at the start, and after a device
// switch (the old one had learned the old echo path). False when webrtc could not make one.
bool installEchoCanceller(media::RtpAudioStream *stream)
{
    auto processor = std::make_unique<EchoCancellerProcessor>();
    if (!processor->isValid())
        return false;
    stream->setProcessor(std::move(processor));
    return true;
}

media::AudioSource *silence()
{
    return new media::ToneSource(media::ToneGenerator({ { std::chrono::seconds(1), 0.0 } }, true, -100.0));
}

std::optional<SessionDescription> parsed(const QByteArray &bytes, QString &error)
{
    auto result = SessionDescription::parse(bytes);
    if (const auto *problem = std::get_if<media::ParseError>(&result)) {
        error = problem->toString();
        return std::nullopt;
    }
    return std::get<SessionDescription>(std::move(result));
}

} // namespace

AudioCallMedia::AudioCallMedia(const Options &options, QObject *parent)
    : CallMedia(parent)
    , m_options(options)
    , m_offerAnswer(options.localAddress, 0, QRandomGenerator::system()->generate64() >> 2)
{
    Q_ASSERT(options.engine);
    if (!m_options.inputDevice)
        m_options.inputDevice
            = [](const QByteArray &id) -> media::AudioSource * { return new media::DeviceSource(id); };
    if (!m_options.outputDevice)
        m_options.outputDevice = [](const QByteArray &id) -> media::AudioSink * { return new media::DeviceSink(id); };
    media::RtpAudioStream *stream = nullptr;
    m_options.engine->run([&] {
        stream = new media::RtpAudioStream(m_options.engine->context());
        if (!stream->bind(m_options.localAddress)) {
            m_error = stream->errorString();
            delete stream;
            stream = nullptr;
            return;
        }
        m_port = stream->rtpPort();
        if (m_options.endpoints) {
            const Endpoints endpoints = m_options.endpoints();
            stream->setEndpoints(endpoints.source, endpoints.sink);
        }
        if (m_options.echoCancellation && !installEchoCanceller(stream))
            qCWarning(lcMedia) << "echo canceller unavailable; the call goes on without it";
    });
    if (!stream) {
        qCWarning(lcMedia) << "no audio for the call:" << m_error;
        return;
    }
    m_stream = stream;
    m_offerAnswer.setLocalPort(m_port);
    connect(stream, &media::RtpAudioStream::dtmfReceived, this, &CallMedia::dtmfReceived);
    connect(stream, &media::RtpAudioStream::failed, this, &CallMedia::failed);
}

AudioCallMedia::~AudioCallMedia()
{
    // Deleted on the media thread, where its sockets, timers and devices live; its destructor
    // stops the devices and says BYE.
    if (!m_stream)
        return;
    // Disconnected first, while the stream surely exists: ~QObject would otherwise detach
    // from it later, racing with its deletion on the media thread.
    disconnect(m_stream, nullptr, this, nullptr);
    QMetaObject::invokeMethod(m_stream, &QObject::deleteLater, Qt::QueuedConnection);
}

std::function<CallMedia *()> AudioCallMedia::factory(const Options &options)
{
    return [options]() -> CallMedia * { return new AudioCallMedia(options); };
}

AudioCallMedia::EndpointFactory AudioCallMedia::devices(const QByteArray &inputId, const QByteArray &outputId)
{
    return [inputId, outputId] {
        return Endpoints { new media::DeviceSource(inputId), new media::DeviceSink(outputId) };
    };
}

AudioCallMedia::EndpointFactory AudioCallMedia::files(const QString &playPath, const QString &recordPath)
{
    return [playPath, recordPath] {
        Endpoints endpoints;
        endpoints.source = playPath.isEmpty() ? silence() : new media::WavFileSource(playPath);
        if (!recordPath.isEmpty())
            endpoints.sink = new media::WavFileSink(recordPath);
        return endpoints;
    };
}

AudioCallMedia::EndpointFactory AudioCallMedia::echo()
{
    return [] {
        const media::EchoLoop loop = media::EchoLoop::create();
        return Endpoints { loop.source, loop.sink };
    };
}

void AudioCallMedia::restrictCodecs(SessionDescription &description) const
{
    if (m_options.codecs.isEmpty())
        return;
    const auto allowed = [this](const media::RtpMap &format) {
        for (const QByteArray &name : m_options.codecs)
            if (format.encodingName.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    for (media::MediaDescription &section : description.media) {
        if (section.media != "audio" || !section.isRtp())
            continue;
        QList<int> clockRates;
        for (int type : section.payloadTypes())
            if (const auto format = section.rtpMap(type); format && allowed(*format))
                clockRates.append(format->clockRate);
        QList<QByteArray> kept;
        QList<QByteArray> dropped;
        for (int type : section.payloadTypes()) {
            const auto format = section.rtpMap(type);
            const bool keep = format
                && (allowed(*format)
                    || (media::codecs::isTelephoneEvent(*format) && clockRates.contains(format->clockRate)));
            (keep ? kept : dropped).append(QByteArray::number(type));
        }
        section.formats = kept;
        section.attributes.removeIf([&dropped](const media::SdpAttribute &attribute) {
            if (attribute.name != "rtpmap" && attribute.name != "fmtp")
                return false;
            return dropped.contains(attribute.value.left(attribute.value.indexOf(' ')));
        });
    }
}

QByteArray AudioCallMedia::createOffer(bool hold)
{
    m_holding = hold;
    updateMute();
    SessionDescription offer = m_offerAnswer.createOffer(hold ? Direction::SendOnly : Direction::SendRecv);
    restrictCodecs(offer);
    return offer.toBytes();
}

std::variant<QByteArray, QString> AudioCallMedia::answerOffer(const QByteArray &offer)
{
    if (!isValid())
        return m_error;
    QString error;
    auto description = parsed(offer, error);
    if (!description)
        return error;
    restrictCodecs(*description);
    // A re-offer while we hold keeps us holding (RFC 3264 §8.4: sendonly in our answer).
    auto answer = m_offerAnswer.answerOffer(*description, m_holding ? Direction::SendOnly : Direction::SendRecv);
    if (const auto *problem = std::get_if<NegotiationError>(&answer))
        return problem->reason;
    auto &accepted = std::get<OfferAnswer::Answer>(answer);
    apply(accepted.media);
    return accepted.description.toBytes();
}

std::optional<QString> AudioCallMedia::applyAnswer(const QByteArray &answer)
{
    if (!isValid())
        return m_error;
    QString error;
    const auto description = parsed(answer, error);
    if (!description)
        return error;
    const auto result = m_offerAnswer.acceptAnswer(*description);
    if (const auto *problem = std::get_if<NegotiationError>(&result))
        return problem->reason;
    apply(std::get<NegotiatedMedia>(result));
    return std::nullopt;
}

void AudioCallMedia::apply(const NegotiatedMedia &media)
{
    m_negotiated = media;
    if (!m_stream)
        return;
    QPointer<AudioCallMedia> self(this);
    QMetaObject::invokeMethod(
        m_stream,
        [stream = m_stream, media, self] {
            if (stream && !stream->configure(media) && self)
                QMetaObject::invokeMethod(self, [self] {
                    if (self)
                        Q_EMIT self->failed(QStringLiteral("the negotiated codec cannot be used"));
                });
        },
        Qt::QueuedConnection);
}

bool AudioCallMedia::isRemoteHolding() const
{
    return m_negotiated
        && (m_negotiated->remoteDirection == Direction::SendOnly
            || m_negotiated->remoteDirection == Direction::Inactive);
}

void AudioCallMedia::start()
{
    if (m_stream)
        QMetaObject::invokeMethod(m_stream, &media::RtpAudioStream::start, Qt::QueuedConnection);
}

void AudioCallMedia::stop()
{
    if (m_stream)
        QMetaObject::invokeMethod(m_stream, &media::RtpAudioStream::stop, Qt::QueuedConnection);
}

void AudioCallMedia::setMuted(bool muted)
{
    m_muted = muted;
    updateMute();
}

void AudioCallMedia::updateMute()
{
    if (!m_stream)
        return;
    const bool silent = m_muted || m_holding;
    QMetaObject::invokeMethod(
        m_stream, [stream = m_stream, silent] { stream->setMuted(silent); }, Qt::QueuedConnection);
}

bool AudioCallMedia::sendDtmf(QChar digit)
{
    const char key = digit.toLatin1();
    if (!m_stream || !m_negotiated || !m_negotiated->telephoneEvent || !media::TelephoneEvent::eventForDigit(key))
        return false;
    QMetaObject::invokeMethod(
        m_stream, [stream = m_stream, key] { stream->sendDtmf(key); }, Qt::QueuedConnection);
    return true;
}

media::RtpStreamStats AudioCallMedia::stats() const
{
    media::RtpStreamStats stats;
    if (m_stream)
        m_options.engine->run([&] {
            if (m_stream)
                stats = m_stream->stats();
        });
    return stats;
}

QString AudioCallMedia::codecName() const
{
    return m_negotiated ? QString::fromLatin1(m_negotiated->codec.encodingName) : QString();
}

void AudioCallMedia::requestStats()
{
    if (!m_stream)
        return;
    // Queued both ways: the media thread copies its figures between frames and goes on; the
    // engine thread is never held up waiting for it.
    QMetaObject::invokeMethod(
        m_stream,
        [stream = m_stream, self = QPointer<AudioCallMedia>(this)] {
            if (!stream || !self)
                return;
            const media::RtpStreamStats stats = stream->stats();
            QMetaObject::invokeMethod(
                self,
                [self, stats] {
                    if (self)
                        Q_EMIT self->statsReady(stats);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void AudioCallMedia::setInputDevice(const QByteArray &id)
{
    switchDevice(
        [make = m_options.inputDevice, id](media::RtpAudioStream *stream) { return stream->replaceSource(make(id)); });
}

void AudioCallMedia::setOutputDevice(const QByteArray &id)
{
    switchDevice(
        [make = m_options.outputDevice, id](media::RtpAudioStream *stream) { return stream->replaceSink(make(id)); });
}

void AudioCallMedia::switchDevice(std::function<std::optional<QString>(media::RtpAudioStream *)> replace)
{
    if (!m_stream)
        return;
    QMetaObject::invokeMethod(
        m_stream,
        [stream = m_stream, self = QPointer<AudioCallMedia>(this), replace = std::move(replace),
            echoCancellation = m_options.echoCancellation] {
            if (!stream)
                return;
            const std::optional<QString> problem = replace(stream);
            if (!problem) {
                if (echoCancellation)
                    installEchoCanceller(stream);
                return;
            }
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self,
                [self, reason = *problem] {
                    if (self)
                        Q_EMIT self->deviceSwitchFailed(reason);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace parla::calls
