// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audioframe.h"

#include <memory>
#include <optional>

namespace webrtc {
class AudioProcessing;
}

namespace parla::media {

// Acoustic echo cancellation, noise suppression, gain control and a high-pass filter, from
// webrtc-audio-processing 0.3 (what PulseAudio's and PipeWire's echo-cancel modules use).
// Feed it what goes to the speaker (playback) and what comes from the microphone (capture,
// processed in place); it removes from the capture the echo of the playback.
//
// Delay-agnostic mode: the canceller estimates the speaker-to-microphone delay itself, so it
// needs no device latency figures (Qt's are not reliable) and follows a delay that changes.
// The extended filter that mode relies on covers echo paths up to several hundred ms.
//
// Works at 48 kHz in 10 ms blocks, two per 20 ms frame. Not thread-safe and not a QObject:
// call playback() and capture() from one thread (the media thread), each roughly every
// 20 ms as frames flow.
class EchoCanceller
{
public:
    struct Options
    {
        bool echoCancellation = true;
        bool noiseSuppression = true;
        bool gainControl = true; // adaptive digital: no analog mixer to steer
        bool highPassFilter = true;
    };

    // The canceller's own figures, in dB, over its last second (webrtc's GetMetrics).
    struct Metrics
    {
        double echoReturnLoss = 0.0; // ERL: far-end power over echo power
        double echoReturnLossEnhancement = 0.0; // ERLE: echo power over output power
    };

    explicit EchoCanceller(const Options &options);
    EchoCanceller();
    ~EchoCanceller();
    EchoCanceller(const EchoCanceller &) = delete;
    EchoCanceller &operator=(const EchoCanceller &) = delete;

    bool isValid() const { return bool(m_processing); }

    // A frame as it is handed to the speaker (the far end's voice).
    void playback(const AudioFrame &farEnd);
    // A frame as it came from the microphone; replaced by the cleaned-up signal.
    void capture(AudioFrame &nearEnd);

    // webrtc wants a device delay with every capture even in delay-agnostic mode, where it
    // is only a starting point; 0 by default.
    void setDelayHint(int milliseconds) { m_delayHintMs = milliseconds; }
    std::optional<Metrics> metrics() const;

private:
    struct Deleter
    {
        void operator()(webrtc::AudioProcessing *processing) const;
    };

    std::unique_ptr<webrtc::AudioProcessing, Deleter> m_processing;
    int m_delayHintMs = 0;
};

} // namespace parla::media
