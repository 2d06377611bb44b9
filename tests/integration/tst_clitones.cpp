// SPDX-License-Identifier: GPL-3.0-or-later
// parla-cli's call tones on a real sound server: alice runs on the devices of a private
// PulseAudio (its null sink is her speaker), bob on files; what alice's speaker plays is
// captured from the sink's monitor and told apart with Goertzel. Ringback while bob's phone
// rings, none once he answers; a ringtone when bob calls her, none with --no-ringtone.
#include "cliprocess.h"
#include "kamailioserver.h"
#include "pulseaudioserver.h"

#include "media/devicesource.h"
#include "media/goertzeldetector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using parla::media::AudioFrame;
using parla::media::DeviceSource;
using parla::media::GoertzelDetector;
using parla::test::KamailioServer;
using parla::test::PulseAudioServer;

namespace {

enum class Heard { Silence, Ringback, Ringtone, Other };

Heard classify(const AudioFrame &frame)
{
    const double energy = 2.0 * GoertzelDetector::meanSquare(frame);
    if (energy < 1e-5) // -50 dBFS: the tones play at -16 and -12 dBFS
        return Heard::Silence;
    if (GoertzelDetector(425.0).power(frame) > 0.7 * energy)
        return Heard::Ringback;
    if (GoertzelDetector(523.25).power(frame) > 0.25 * energy && GoertzelDetector(659.25).power(frame) > 0.25 * energy)
        return Heard::Ringtone;
    return Heard::Other;
}

using Cli = parla::test::CliProcess;

} // namespace

class TestCliTones : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ringbackUntilAnswered();
    void ringtoneForAnIncomingCall();
    void noRingtoneWhenAsked();

private:
    QStringList arguments(const QString &user) const
    {
        return { QStringLiteral("--server"), m_kamailio->webSocketUrl().toString(), QStringLiteral("--user"), user };
    }
    // What alice's speaker plays over the next `frames` frames, frame by frame.
    QList<Heard> listen(int frames);
    int count(const QList<Heard> &heard, Heard what) const { return int(heard.count(what)); }

    std::unique_ptr<KamailioServer> m_kamailio;
    PulseAudioServer m_pulse;
    QTemporaryDir m_files;
};

void TestCliTones::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PARLA_CLI"), "PARLA_CLI must name the parla-cli binary");
    if (!PulseAudioServer::isAvailable())
        QSKIP("pulseaudio, pactl and pacat are needed (scripts/setup.sh installs them)");
    QString error;
    m_kamailio = KamailioServer::attachFromEnvironment(&error);
    QVERIFY2(m_kamailio, qPrintable(error));
    QVERIFY2(m_pulse.start(), qPrintable(m_pulse.error()));
}

void TestCliTones::cleanupTestCase()
{
    m_pulse.stop();
}

QList<Heard> TestCliTones::listen(int frames)
{
    QList<Heard> heard;
    DeviceSource microphone(PulseAudioServer::SourceName);
    connect(&microphone, &DeviceSource::frameReady, this,
        [&heard](const AudioFrame &frame) { heard.append(classify(frame)); });
    microphone.start();
    // Bounded: the capture runs at the sound server's pace, a frame per 20 ms. Fewer frames
    // than asked for fail the callers' checks of size.
    QDeadlineTimer deadline(3 * frames * 20 + 3000);
    while (heard.size() < frames && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    microphone.stop();
    return heard;
}

void TestCliTones::ringbackUntilAnswered()
{
    Cli alice(arguments(QStringLiteral("alice")), QStringLiteral("alice-secret"));
    Cli bob(arguments(QStringLiteral("bob")) << QStringLiteral("--record") << m_files.filePath(QStringLiteral("b.wav")),
        QStringLiteral("bob-secret"));
    QVERIFY(alice.waitFor(QStringLiteral("didStart")));
    QVERIFY(bob.waitFor(QStringLiteral("didStart")));
    const QList<Heard> before = listen(25);
    QVERIFY(before.size() >= 25); // frames come in bursts: a few more than asked for
    QCOMPARE(count(before, Heard::Ringback), 0); // nothing before the call

    alice.send("call sip:bob@127.0.0.1");
    QVERIFY(bob.waitFor(QStringLiteral("incomingCall")));
    QVERIFY(alice.waitFor(QStringLiteral("callStateChanged"), QStringLiteral("ringing")));
    // Ringback is 1 s on, 4 s off: 5.2 s hold at least one whole burst.
    const QList<Heard> ringing = listen(260);
    QVERIFY(ringing.size() >= 260);
    QVERIFY2(count(ringing, Heard::Ringback) >= 40, qPrintable(QString::number(count(ringing, Heard::Ringback))));
    QCOMPARE(count(ringing, Heard::Ringtone), 0);

    bob.send("answer");
    QVERIFY(alice.waitFor(QStringLiteral("callStateChanged"), QStringLiteral("active")));
    const QList<Heard> talking = listen(260);
    QVERIFY(talking.size() >= 260);
    QCOMPARE(count(talking, Heard::Ringback), 0);
    alice.send("hangup");
    QVERIFY(alice.waitFor(QStringLiteral("callStateChanged"), QStringLiteral("ended")));
}

void TestCliTones::ringtoneForAnIncomingCall()
{
    Cli alice(arguments(QStringLiteral("alice")), QStringLiteral("alice-secret"));
    Cli bob(arguments(QStringLiteral("bob")) << QStringLiteral("--record") << m_files.filePath(QStringLiteral("b.wav")),
        QStringLiteral("bob-secret"));
    QVERIFY(alice.waitFor(QStringLiteral("didStart")));
    QVERIFY(bob.waitFor(QStringLiteral("didStart")));

    bob.send("call sip:alice@127.0.0.1");
    QVERIFY(alice.waitFor(QStringLiteral("incomingCall")));
    // The double ring: 0.8 s of tone in every 3 s.
    const QList<Heard> ringing = listen(160);
    QVERIFY(ringing.size() >= 160);
    QVERIFY2(count(ringing, Heard::Ringtone) >= 30, qPrintable(QString::number(count(ringing, Heard::Ringtone))));
    QCOMPARE(count(ringing, Heard::Ringback), 0);

    alice.send("decline");
    QVERIFY(alice.waitFor(QStringLiteral("callStateChanged"), QStringLiteral("ended")));
    const QList<Heard> after = listen(160);
    QVERIFY(after.size() >= 160);
    QCOMPARE(count(after, Heard::Ringtone), 0);
}

void TestCliTones::noRingtoneWhenAsked()
{
    Cli alice(arguments(QStringLiteral("alice")) << QStringLiteral("--no-ringtone"), QStringLiteral("alice-secret"));
    Cli bob(arguments(QStringLiteral("bob")) << QStringLiteral("--record") << m_files.filePath(QStringLiteral("b.wav")),
        QStringLiteral("bob-secret"));
    QVERIFY(alice.waitFor(QStringLiteral("didStart")));
    QVERIFY(bob.waitFor(QStringLiteral("didStart")));
    bob.send("call sip:alice@127.0.0.1");
    QVERIFY(alice.waitFor(QStringLiteral("incomingCall")));
    const QList<Heard> quiet = listen(160);
    QVERIFY(quiet.size() >= 160);
    QCOMPARE(count(quiet, Heard::Ringtone), 0);
    alice.send("decline");
    QVERIFY(alice.waitFor(QStringLiteral("callStateChanged"), QStringLiteral("ended")));
}

QTEST_GUILESS_MAIN(TestCliTones)
#include "tst_clitones.moc"
