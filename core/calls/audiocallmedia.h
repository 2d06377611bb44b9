// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/callmedia.h"
#include "media/offeranswer.h"
#include "media/rtpstreamstats.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>

#include <functional>
#include <optional>

namespace parla::media {
class AudioSink;
class AudioSource;
class MediaEngine;
class RtpAudioStream;
} // namespace parla::media

namespace parla::calls {

// The CallMedia of a real call: SDP offer/answer (media::OfferAnswer) here on the engine
// thread, and the audio (media::RtpAudioStream) on the media thread of a MediaEngine.
//
// The stream is created, and its RTP/RTCP ports bound, in the constructor, on the media thread
// (a blocking hop of microseconds), so the first SDP carries the real port. Everything after
// that reaches the stream by queued invokeMethod, in order: configure after each offer/answer,
// start, stop, mute, DTMF. dtmfReceived() and failed() come back queued to this object.
//
// While this side holds the call (createOffer(true)) the stream sends silence: the held party
// must not hear the room. When the peer holds us, the negotiated direction stops our sending.
//
// Part of parla_audio: the endpoint helpers open devices and the echo canceller is
// webrtc-audio-processing.
class AudioCallMedia : public CallMedia
{
    Q_OBJECT
public:
    struct Endpoints
    {
        media::AudioSource *source = nullptr; // null: nothing is captured or sent
        media::AudioSink *sink = nullptr; // null: what arrives is not played
    };
    // Called on the media thread once per call; the stream takes ownership of both.
    using EndpointFactory = std::function<Endpoints()>;
    // Called on the media thread for a device chosen mid-call (setInputDevice/setOutputDevice).
    using SourceFactory = std::function<media::AudioSource *(const QByteArray &id)>;
    using SinkFactory = std::function<media::AudioSink *(const QByteArray &id)>;

    struct Options
    {
        media::MediaEngine *engine = nullptr; // required; outlives every call
        EndpointFactory endpoints;
        // Where RTP is bound and what the SDP says: the local address of the SIP flow.
        QHostAddress localAddress = QHostAddress(QHostAddress::LocalHost);
        bool echoCancellation = false; // webrtc AEC, NS, AGC between the endpoints and RTP
        // Encoding names ("opus", "PCMU", "PCMA") this side offers and accepts; empty: all.
        QList<QByteArray> codecs;
        // The devices a call switches to; unset: DeviceSource and DeviceSink (tests give fakes).
        SourceFactory inputDevice;
        SinkFactory outputDevice;
    };

    explicit AudioCallMedia(const Options &options, QObject *parent = nullptr);
    ~AudioCallMedia() override;

    // What CallClient::setMediaFactory takes: a new AudioCallMedia per call.
    static std::function<CallMedia *()> factory(const Options &options);
    // Endpoint factories for the front end's choices.
    static EndpointFactory devices(const QByteArray &inputId = {}, const QByteArray &outputId = {});
    // Plays a WAV file (silence if `playPath` is empty) and records to one (nothing if empty).
    static EndpointFactory files(const QString &playPath, const QString &recordPath);
    // The --echo bot: the caller's audio is sent back to it (media::EchoLoop). Run it without
    // echoCancellation: the canceller would take out exactly what the bot is for.
    static EndpointFactory echo();

    bool isValid() const { return m_port != 0; }
    QString errorString() const { return m_error; }
    quint16 rtpPort() const { return m_port; }
    std::optional<media::NegotiatedMedia> negotiated() const { return m_negotiated; }
    // The stream's figures; blocks while the media thread reads them (microseconds).
    media::RtpStreamStats stats() const;

    QByteArray createOffer(bool hold = false) override;
    std::variant<QByteArray, QString> answerOffer(const QByteArray &offer) override;
    std::optional<QString> applyAnswer(const QByteArray &answer) override;
    bool isRemoteHolding() const override;
    void start() override;
    void stop() override;
    void setMuted(bool muted) override;
    bool sendDtmf(QChar digit) override;
    void setSignallingSecure(bool secure) override { m_offerAnswer.setSignallingSecure(secure); }
    bool isSecure() const override { return m_negotiated && m_negotiated->isSecure(); }
    QString codecName() const override;
    void requestStats() override;
    // The new device is opened and wired on the media thread, the old one closed only once the
    // new one runs (RtpAudioStream::replaceSource/replaceSink). The echo canceller starts afresh:
    // what it learnt of the old speaker-to-microphone path is wrong for the new one.
    void setInputDevice(const QByteArray &id) override;
    void setOutputDevice(const QByteArray &id) override;

private:
    // Runs `replace` on the media thread; a refusal comes back as deviceSwitchFailed().
    void switchDevice(std::function<std::optional<QString>(media::RtpAudioStream *)> replace);
    void apply(const media::NegotiatedMedia &media);
    void updateMute();
    void restrictCodecs(media::SessionDescription &description) const;

    Options m_options;
    QPointer<media::RtpAudioStream> m_stream; // lives on the media thread
    quint16 m_port = 0;
    QString m_error;
    media::OfferAnswer m_offerAnswer;
    std::optional<media::NegotiatedMedia> m_negotiated;
    bool m_muted = false;
    bool m_holding = false;
};

} // namespace parla::calls
