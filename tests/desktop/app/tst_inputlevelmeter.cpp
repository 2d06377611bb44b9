// SPDX-License-Identifier: GPL-3.0-or-later
// InputLevelMeter: RMS and peak in dBFS, a source open only while the meter is active, and
// why it stopped when the device fails.
#include "inputlevelmeter.h"

#include "media/tonesource.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>

using parla::desktop::InputLevelMeter;
using parla::media::AudioFrame;
using parla::media::ToneGenerator;
using parla::media::ToneSource;
using namespace std::chrono_literals;

namespace {
// A microphone that goes away (unplugged, taken by another program) just after it opens.
class FailingSource : public parla::media::AudioSource
{
public:
    void start() override
    {
        m_active = true;
        QTimer::singleShot(0, this, [this] {
            m_active = false;
            Q_EMIT errorOccurred(QStringLiteral("audio input test stopped (error 2)"));
        });
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

private:
    bool m_active = false;
};
} // namespace

class TestInputLevelMeter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void measure()
    {
        AudioFrame frame {};
        QCOMPARE(InputLevelMeter::measure(frame).rmsDbfs, InputLevelMeter::Floor);
        for (std::size_t i = 0; i < frame.size(); ++i)
            frame[i] = i % 2 ? 16384 : -16384; // a square wave at half scale
        QVERIFY(std::abs(InputLevelMeter::measure(frame).rmsDbfs - (-6.02)) < 0.01);
        QVERIFY(std::abs(InputLevelMeter::measure(frame).peakDbfs - (-6.02)) < 0.01);
        frame[0] = -32768;
        QCOMPARE(InputLevelMeter::measure(frame).peakDbfs, 0.0);
    }

    void openOnlyWhileActive()
    {
        int opened = 0;
        QPointer<ToneSource> source;
        InputLevelMeter meter([&] {
            ++opened;
            source = new ToneSource(ToneGenerator({ { 600s, 1000.0 } }, false, -20.0));
            return source.data();
        });
        QVERIFY(!meter.isActive());
        QCOMPARE(opened, 0); // nothing opened until asked
        QSignalSpy level(&meter, &InputLevelMeter::levelChanged);
        meter.setActive(true);
        QCOMPARE(opened, 1);
        QVERIFY(level.wait(2000));
        // A sine at -20 dBFS peak is about -23 dBFS RMS.
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(meter.peakDbfs() - (-20.0)) < 1.0, 2000);
        QVERIFY2(std::abs(meter.rmsDbfs() - (-23.0)) < 1.0, qPrintable(QString::number(meter.rmsDbfs())));
        meter.setActive(false);
        QCOMPARE(meter.rmsDbfs(), InputLevelMeter::Floor);
        QTRY_VERIFY(source.isNull()); // closed and gone
    }

    void failureSaysWhy()
    {
        InputLevelMeter meter([] { return new FailingSource; });
        QSignalSpy active(&meter, &InputLevelMeter::activeChanged);
        meter.setActive(true);
        QVERIFY(meter.isActive());
        QCOMPARE(meter.errorString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!meter.isActive(), 2000);
        QCOMPARE(meter.errorString(), QStringLiteral("audio input test stopped (error 2)"));
        QCOMPARE(meter.rmsDbfs(), InputLevelMeter::Floor);
        // Asked again (the page shown again), the old reason goes until the new try fails.
        active.clear();
        meter.setActive(true);
        QCOMPARE(meter.errorString(), QString());
        QVERIFY(!active.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!meter.errorString().isEmpty(), 2000);
    }
};

QTEST_GUILESS_MAIN(TestInputLevelMeter)
#include "tst_inputlevelmeter.moc"
