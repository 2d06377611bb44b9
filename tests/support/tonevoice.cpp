// SPDX-License-Identifier: GPL-3.0-or-later
#include "tonevoice.h"

#include "media/goertzeldetector.h"
#include "media/tonesource.h"

namespace parla::test {

using namespace std::chrono_literals;
using calls::AudioCallMedia;
using media::ToneGenerator;

AudioCallMedia::EndpointFactory ToneVoice::factory(double speaks, double hears, std::chrono::milliseconds leadIn)
{
    m_speaks = speaks;
    m_hears = hears;
    m_leadIn = leadIn;
    m_onsetNs = 0;
    m_ears = nullptr;
    return [this] {
        std::vector<ToneGenerator::Segment> cadence;
        if (m_leadIn > 0ms)
            cadence.push_back({ m_leadIn, 0.0 });
        cadence.push_back({ 600s, m_speaks });
        auto *source = new media::ToneSource(ToneGenerator(std::move(cadence), false, -10.0));
        QObject::connect(source, &media::ToneSource::frameReady, source, [this](const media::AudioFrame &frame) {
            if (m_onsetNs == 0 && media::GoertzelDetector::meanSquare(frame) > 1e-4)
                m_onsetNs = ToneCaptureSink::nowNs();
        });
        auto *sink = new ToneCaptureSink(m_hears);
        m_ears = sink;
        return AudioCallMedia::Endpoints { source, sink };
    };
}

double ToneVoice::latencyMsTo(const ToneVoice &other) const
{
    const ToneCaptureSink *heard = other.m_ears;
    const qint64 onset = m_onsetNs;
    return heard && onset && heard->firstToneNs ? double(heard->firstToneNs - onset) / 1e6 : -1.0;
}

} // namespace parla::test
