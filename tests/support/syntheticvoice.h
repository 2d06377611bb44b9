// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace parla::test {

// Voiced speech as a source-filter model, 20 ms frames at 48 kHz: a pulse train at a pitch
// that moves every frame, through two formant resonators that move too, in syllables of 8
// frames and a pause of 2. Opus's voice detector takes it for speech (a plain tone it does
// not, and codes no in-band FEC for it), and PLC cannot guess the next frame from the last.
// Header-only, deterministic.
inline QList<QList<qint16>> syntheticVoice(int frames)
{
    constexpr int Rate = 48000;
    constexpr int FrameSamples = Rate / 50;
    constexpr double R = 0.995; // resonator pole radius: a formant about 25 Hz wide
    constexpr double TwoPi = 2 * std::numbers::pi;
    QList<QList<qint16>> result;
    double y1 = 0, y2 = 0, z1 = 0, z2 = 0, phase = 0;
    for (int frame = 0; frame < frames; ++frame) {
        const double pitch = 100.0 + 8.0 * (frame % 10);
        const double a1 = 2 * R * std::cos(TwoPi * (500.0 + 60.0 * (frame % 7)) / Rate);
        const double b1 = 2 * R * std::cos(TwoPi * (1500.0 + 90.0 * (frame % 5)) / Rate);
        const double level = frame % 10 < 8 ? 0.2 : 0.004;
        QList<qint16> samples(FrameSamples);
        for (qint16 &sample : samples) {
            phase += pitch / Rate;
            double x = 0;
            if (phase >= 1) {
                phase -= 1;
                x = 3000;
            }
            const double y = x + a1 * y1 - R * R * y2;
            y2 = y1;
            y1 = y;
            const double z = 0.05 * y + b1 * z1 - R * R * z2;
            z2 = z1;
            z1 = z;
            sample = qint16(std::clamp(level * z, -32000.0, 32000.0));
        }
        result << samples;
    }
    return result;
}

} // namespace parla::test
