// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"
#include "audiopacer.h"
#include "dtmfsender.h"
#include "negotiatedmedia.h"
#include "rtpjitter.h"
#include "rtpsequence.h"
#include "rtpstreamstats.h"
#include "telephoneevent.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QUdpSocket;

namespace parla::media {

class AudioPayloadCodec;
class AudioProcessor;
class AudioSink;
class AudioSource;
class JitterBuffer;
class RtcpReporter;
class SrtpSession;

// The audio of one call on the wire (RFC 3550, RTP/AVP): a UDP pair (RTP on an even port,
// RTCP on the next) bound on the address the call's signalling uses.
//
// Sending is paced by the source: each 20 ms frame it gives is run through the processor (the
// echo canceller), encoded by the negotiated payload type and sent; muted, a silent frame is
// encoded instead, so the stream goes on. DTMF (RFC 4733) takes the place of audio while a
// digit is sent. Nothing is sent while the negotiated direction says not to (hold), but the
// timestamp keeps running with real time.
//
// Receiving accepts RTP only from the negotiated address and port, not by latching onto the
// first sender: without SRTP or ICE the SDP is the only thing that says who the peer is, and
// latching would let anyone who guesses the port first take the call's audio. Parla's peers
// signal over WebSocket to a proxy and give their real address (or the proxy rewrites it);
// a NAT in the path needs ICE, not latching. Of that sender, one SSRC is accepted (the first),
// and another only after the first has been silent for SsrcTimeout (a peer restarting its
// stream). Audio goes through the jitter buffer; a 20 ms playout clock decodes (Opus FEC or PLC
// for gaps) and hands frames to the sink. Telephone events are reported once per press.
//
// RTCP: an SR (or RR) with a report block and CNAME every ~5 s, a BYE on stop(), sent where the
// peer's a=rtcp says (RFC 3605), else to the RTP port + 1; incoming reports give the round trip
// and the peer's view of our stream, whose loss sets how much in-band FEC Opus sends.
//
// SRTP (RTP/SAVP, when the negotiated media carries keys): every packet, RTCP too, is
// protected just before it is sent and unprotected as soon as it is read, so everything
// between sees plain RTP. What fails authentication or the replay check is dropped before it is
// parsed, and counted: srtpRejected for RTP, rtcpMalformed for RTCP.
//
// Everything from the network is bounded: datagram size (MaxDatagramBytes, larger are
// counted as malformed), datagrams handled per wakeup (MaxDatagramsPerWakeup; the rest wait
// for the next turn of the event loop), decoded audio waiting for playout (MaxPendingFrames).
//
// Thread-affine: create it on the media thread (MediaEngine) and call it there; its source
// and sink live there too. Other threads use queued invokeMethod.
class RtpAudioStream : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxDatagramBytes = 1500;
    static constexpr int MaxDatagramsPerWakeup = 64;
    static constexpr int MaxPendingFrames = 6; // 120 ms of decoded audio waiting for playout
    static constexpr std::chrono::milliseconds SsrcTimeout { 2000 };
    // Where bind() looks for a free even port (the range Asterisk and FreeSWITCH default to
    // overlaps it; firewalls for softphones are usually opened for it).
    static constexpr quint16 FirstPort = 16384;
    static constexpr quint16 LastPort = 32766;

    explicit RtpAudioStream(QObject *parent = nullptr);
    ~RtpAudioStream() override;

    // Binds RTP on a free even port of `address` and RTCP on the next one; `port` (even) to
    // ask for a given pair. False with errorString() when no pair is free.
    bool bind(const QHostAddress &address, quint16 port = 0);
    quint16 rtpPort() const;
    QString errorString() const { return m_error; }

    // Takes ownership; may be null (nothing captured, or nothing played). Replaces (deletes)
    // the previous ones; started at once if the stream is.
    void setEndpoints(AudioSource *source, AudioSink *sink);
    // Another device mid-call: takes ownership of the new endpoint (not null). In a started
    // stream it is started first, and only if it starts does it replace (delete) the old one;
    // else it is deleted, the old one goes on, and the reason comes back. A user who picks a
    // headset that will not open would rather keep talking on the speaker than lose the call's
    // audio. The jitter buffer and playout clock do not depend on the endpoints and go on.
    std::optional<QString> replaceSource(AudioSource *source);
    std::optional<QString> replaceSink(AudioSink *sink);
    void setProcessor(std::unique_ptr<AudioProcessor> processor);
    // What the offer/answer settled, first or after a re-INVITE. False when the codec is not
    // one Parla speaks (offer/answer never settles for one).
    bool configure(const parla::media::NegotiatedMedia &media);

    void start();
    void stop();
    bool isStarted() const { return m_started; }
    void setMuted(bool muted) { m_muted = muted; }
    // False when the peer did not negotiate telephone-event, or the key is not DTMF.
    bool sendDtmf(char digit);

    RtpStreamStats stats() const;
    quint32 ssrc() const { return m_ssrc; }

Q_SIGNALS:
    void dtmfReceived(QChar digit);
    void failed(const QString &reason);

private:
    void attachSource(AudioSource *source);
    void attachSink(AudioSink *sink);
    template<typename Endpoint>
    std::optional<QString> replaceEndpoint(
        QPointer<Endpoint> &current, Endpoint *next, void (RtpAudioStream::*attach)(Endpoint *), const char *what);
    void onFrame(const AudioFrame &frame);
    void onPlayoutTick();
    void onRtpReadable();
    void onRtcpReadable();
    void handleRtp(const QByteArray &bytes);
    void sendRtp(quint8 payloadType, bool marker, quint32 timestamp, const QByteArray &payload);
    void sendRtcp(bool bye);
    void scheduleRtcp();
    void resetReceiver();
    bool fromPeer(const QHostAddress &address) const;
    std::pair<QHostAddress, quint16> rtcpDestination() const; // a=rtcp's, else RTP + 1
    quint32 arrivalTime() const; // now, in the codec's clock units

    QUdpSocket *m_rtp = nullptr;
    QUdpSocket *m_rtcp = nullptr;
    QString m_error;
    QPointer<AudioSource> m_source;
    QPointer<AudioSink> m_sink;
    std::unique_ptr<AudioProcessor> m_processor;
    std::optional<NegotiatedMedia> m_media;
    std::unique_ptr<AudioPayloadCodec> m_codec;
    std::unique_ptr<JitterBuffer> m_jitterBuffer;
    std::unique_ptr<RtcpReporter> m_rtcpReporter;
    std::unique_ptr<SrtpSession> m_srtp; // set while the negotiated media is SRTP
    AudioPacer m_playout;
    QTimer m_rtcpTimer;
    QElapsedTimer m_clock; // arrival times, SSRC timeouts
    bool m_started = false;
    bool m_muted = false;

    // Sending (RFC 3550 §5.1: random SSRC, first sequence number and timestamp).
    quint32 m_ssrc = 0;
    quint16 m_sequence = 0;
    quint32 m_timestamp = 0;
    bool m_talkspurt = true; // the next audio packet starts one: marker bit
    bool m_sentSinceReport = false;
    DtmfSender m_dtmf;

    // Receiving.
    std::optional<quint32> m_peerSsrc;
    qint64 m_peerLastHeardMs = 0;
    qint64 m_peerEventMs = -1'000'000; // when the peer's last telephone event arrived
    RtpSequence m_peerSequence;
    RtpJitter m_peerJitter;
    TelephoneEventReceiver m_events;
    std::vector<std::int16_t> m_pending; // decoded 48 kHz samples waiting for playout
    bool m_heardAudio = false;

    RtpStreamStats m_stats;
};

} // namespace parla::media
