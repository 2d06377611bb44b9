// SPDX-License-Identifier: GPL-3.0-or-later
// Opus through libopus: a 1 kHz tone survives encode and decode (Goertzel power at 1 kHz far
// above other frequencies), and lost packets are replaced by frames of the right size.
#include "media/opusaudiodecoder.h"
#include "media/opusaudioencoder.h"
#include "syntheticvoice.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace parla::media;

namespace {

constexpr double Pi = 3.14159265358979323846;

QList<qint16> tone(double frequency, int frame)
{
    QList<qint16> samples(OpusAudioEncoder::FrameSamples);
    for (int i = 0; i < samples.size(); ++i) {
        const double t = double(frame * OpusAudioEncoder::FrameSamples + i) / OpusAudioEncoder::SampleRate;
        samples[i] = qint16(10000 * std::sin(2 * Pi * frequency * t));
    }
    return samples;
}

// Goertzel: the signal's power at one frequency.
double power(const QList<qint16> &samples, double frequency)
{
    const double coefficient = 2 * std::cos(2 * Pi * frequency / OpusAudioDecoder::SampleRate);
    double previous = 0;
    double beforePrevious = 0;
    for (qint16 sample : samples) {
        const double current = sample + coefficient * previous - beforePrevious;
        beforePrevious = previous;
        previous = current;
    }
    return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
}

} // namespace

class TestOpusCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toneSurvives()
    {
        OpusAudioEncoder encoder;
        OpusAudioDecoder decoder;
        QVERIFY(encoder.isValid());
        QVERIFY(decoder.isValid());
        QList<qint16> decoded;
        for (int frame = 0; frame < 25; ++frame) { // half a second
            const QByteArray packet = encoder.encode(tone(1000, frame));
            QVERIFY(!packet.isEmpty());
            QVERIFY(packet.size() < 400); // speech-sized, not raw audio
            const QList<qint16> samples = decoder.decode(packet);
            QCOMPARE(samples.size(), OpusAudioDecoder::FrameSamples);
            if (frame >= 5) // past the codec's start-up
                decoded += samples;
        }
        const double atTone = power(decoded, 1000);
        for (double other : { 500.0, 1500.0, 2000.0, 3000.0 })
            QVERIFY2(atTone > 1000 * power(decoded, other), qPrintable(QStringLiteral("%1 Hz too loud").arg(other)));
    }

    void lostPackets()
    {
        OpusAudioEncoder encoder;
        QVERIFY(encoder.setExpectedPacketLoss(20));
        QVERIFY(!encoder.setExpectedPacketLoss(101));
        OpusAudioDecoder decoder;
        QByteArray packets[10];
        for (int frame = 0; frame < 10; ++frame)
            packets[frame] = encoder.encode(tone(1000, frame));
        for (int frame = 0; frame < 5; ++frame)
            decoder.decode(packets[frame]);
        // Packet 5 is lost: conceal it, or rebuild it from packet 6's FEC.
        QCOMPARE(decoder.conceal().size(), OpusAudioDecoder::FrameSamples);
        const QList<qint16> recovered = decoder.recover(packets[6]);
        QCOMPARE(recovered.size(), OpusAudioDecoder::FrameSamples);
        QCOMPARE(decoder.decode(packets[6]).size(), OpusAudioDecoder::FrameSamples);
        QVERIFY(power(recovered, 1000) > 100 * power(recovered, 3000));
    }

    static QList<QByteArray> voicePackets(OpusAudioEncoder &encoder, int frames)
    {
        QList<QByteArray> packets;
        for (const QList<qint16> &frame : parla::test::syntheticVoice(frames))
            packets << encoder.encode(frame);
        return packets;
    }

    static double errorEnergy(const QList<qint16> &a, const QList<qint16> &b)
    {
        double sum = 0;
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
            sum += double(a[i] - b[i]) * double(a[i] - b[i]);
        return sum;
    }

    void fecCarriedOnlyWhenLossIsExpected()
    {
        for (const int loss : { 0, 20 }) {
            OpusAudioEncoder encoder;
            QVERIFY(encoder.setExpectedPacketLoss(loss));
            const auto packets = voicePackets(encoder, 50);
            const auto withFec = std::count_if(packets.begin(), packets.end(), &OpusAudioDecoder::carriesFec);
            if (loss == 0)
                QCOMPARE(withFec, 0);
            else
                QVERIFY2(withFec > 30, qPrintable(QString::number(withFec)));
        }
        QVERIFY(!OpusAudioDecoder::carriesFec({}));
        QVERIFY(!OpusAudioDecoder::carriesFec(QByteArray::fromHex("fc")));
        QVERIFY(!OpusAudioDecoder::carriesFec(QByteArray::fromHex("fcff"))); // CELT: no FEC
        QVERIFY(!OpusAudioDecoder::carriesFec(QByteArray::fromHex("0cff"))); // SILK 40 ms: several frames
        QVERIFY(OpusAudioDecoder::carriesFec(QByteArray::fromHex("7840"))); // hybrid FB 20 ms, LBRR set
        QVERIFY(!OpusAudioDecoder::carriesFec(QByteArray::fromHex("7c40"))); // the same in stereo
    }

    void fecRebuildsBetterThanConcealment()
    {
        OpusAudioEncoder encoder;
        QVERIFY(encoder.setExpectedPacketLoss(20));
        const QList<QByteArray> packets = voicePackets(encoder, 40);
        double fecError = 0;
        double plcError = 0;
        int lost = 0;
        for (int missing = 10; missing < 38; missing += 4) {
            OpusAudioDecoder reference;
            OpusAudioDecoder withFec;
            OpusAudioDecoder withPlc;
            QList<qint16> expected;
            for (int frame = 0; frame <= missing; ++frame) {
                expected = reference.decode(packets[frame]);
                if (frame < missing) {
                    withFec.decode(packets[frame]);
                    withPlc.decode(packets[frame]);
                }
            }
            if (!OpusAudioDecoder::carriesFec(packets[missing + 1]))
                continue;
            fecError += errorEnergy(withFec.recover(packets[missing + 1]), expected);
            plcError += errorEnergy(withPlc.conceal(), expected);
            ++lost;
        }
        QVERIFY2(lost >= 4, qPrintable(QString::number(lost)));
        // FEC is a coarser copy of the lost frame; PLC only extends the frame before it.
        QVERIFY2(fecError * 4 < plcError, qPrintable(QStringLiteral("FEC %1, PLC %2").arg(fecError).arg(plcError)));
    }

    void refusesWrongInput()
    {
        OpusAudioEncoder encoder;
        QVERIFY(encoder.encode(QList<qint16>(100)).isEmpty());
        OpusAudioDecoder decoder;
        QVERIFY(decoder.decode({}).isEmpty());
        QVERIFY(decoder.decode(QByteArray::fromHex("ff")).isEmpty()); // code 3 without its count byte
    }
};

QTEST_GUILESS_MAIN(TestOpusCodec)
#include "tst_opuscodec.moc"
