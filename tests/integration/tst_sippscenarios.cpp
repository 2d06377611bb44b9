// SPDX-License-Identifier: GPL-3.0-or-later
// SIPp plays the peers another Parla will not play on demand (issue 6 §5): a BYE for a dialog
// that does not exist, an INVITE with a broken SDP, a far end that holds with a re-INVITE, a
// callee with early media, a busy callee, a CANCEL that loses the race with a 200. Each
// scenario (tests/integration/sipp, found through PARLA_SIPP_SCENARIOS) is a verdict on the
// wire through sipp's exit code; the test checks Parla's side of the same call.
//
// sipp as a caller sends over UDP to Kamailio, which relays to bob's WebSocket flow. sipp as a
// callee must be a registered local user: Kamailio takes every 127.0.0.1:PORT for itself
// (alias without a port) and answers 404 for a user it does not know, so a call to
// sip:service@127.0.0.1:SIPP_PORT never reaches sipp. sipp therefore first REGISTERs as carol
// from the port its UAS scenario will listen on (register_auth.xml), bob calls carol, and
// cleanup() removes the binding (kamcmd ul.rm) so that no later test rings a sipp long gone.
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "sdponlymedia.h"

#include "calls/call.h"
#include "client/callclient.h"

#include <QDir>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Session;
using parla::test::KamailioServer;
using parla::test::SdpOnlyMedia;
using State = CallClient::State;

namespace {

// What a call went through, recorded as it happened (the call lives on this thread).
struct CallLog
{
    QPointer<Call> call;
    QList<Call::State> states;
    QList<bool> remoteHolds;
};

// sipp's own bound: -timeout ends the run and -timeout_error makes that a failure; the test
// waits a little longer for the process itself.
constexpr int SippTimeoutSeconds = 15;
constexpr int SippProcessWaitMs = (SippTimeoutSeconds + 15) * 1000;

// Where sipp listens as a callee: a loopback address other than Kamailio's. kamailio.cfg's
// alias=127.0.0.1 (no port) makes every 127.0.0.1:PORT "myself", so loose_route() would take a
// callee's Contact on 127.0.0.1 for a strict-routed request to Kamailio and loop the ACK and
// BYE back to itself (see the report of issue 6 §5). A far end is another host anyway.
const QString CalleeAddress = QStringLiteral("127.0.0.2");

} // namespace

class TestSippScenarios : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<CallClient> m_bob;
    QList<std::shared_ptr<CallLog>> m_incoming;
    bool m_autoAnswer = false;
    QString m_sipp;
    QDir m_scenarios;
    std::unique_ptr<QTemporaryDir> m_logs; // sipp's error and message files, per test function
    bool m_carolRegistered = false;

    std::shared_ptr<CallLog> watch(Call *call)
    {
        auto log = std::make_shared<CallLog>();
        log->call = call;
        log->states.append(call->state());
        connect(call, &Call::stateChanged, this, [log](Call::State state) { log->states.append(state); });
        connect(call, &Call::remoteHoldChanged, this, [log](bool holding) { log->remoteHolds.append(holding); });
        return log;
    }

    // Starts sipp on SCENARIO with ARGUMENTS (after the common ones), on the local address
    // ADDRESS; its logs go to m_logs.
    void startSipp(QProcess *sipp, const QString &scenario, const QStringList &arguments,
        const QString &address = QStringLiteral("127.0.0.1"))
    {
        const QString base = m_logs->filePath(QFileInfo(scenario).baseName());
        sipp->setProcessChannelMode(QProcess::MergedChannels);
        sipp->setWorkingDirectory(m_logs->path());
        sipp->start(m_sipp,
            QStringList { QStringLiteral("-sf"), m_scenarios.filePath(scenario), QStringLiteral("-i"), address,
                QStringLiteral("-m"), QStringLiteral("1"), QStringLiteral("-timeout"),
                QStringLiteral("%1s").arg(SippTimeoutSeconds), QStringLiteral("-timeout_error"),
                QStringLiteral("-nostdin"), QStringLiteral("-trace_err"), QStringLiteral("-error_file"),
                base + QStringLiteral("_errors.log"), QStringLiteral("-trace_msg"), QStringLiteral("-message_file"),
                base + QStringLiteral("_messages.log") }
                + arguments);
    }

    // Waits (bounded) for sipp to end; its exit code, and in *report what it said when it failed.
    int finishSipp(QProcess *sipp, const QString &scenario, QByteArray *report)
    {
        // Parla lives on this thread: wait with its event loop running, never in waitForFinished().
        if (sipp->state() != QProcess::NotRunning) {
            QSignalSpy finished(sipp, &QProcess::finished);
            finished.wait(SippProcessWaitMs);
        }
        if (sipp->state() != QProcess::NotRunning) {
            sipp->kill();
            sipp->waitForFinished(5000);
            *report = scenario.toUtf8() + ": sipp did not end in time";
            return -1;
        }
        const int code = sipp->exitStatus() == QProcess::NormalExit ? sipp->exitCode() : -1;
        if (code != 0) {
            // QTest cuts long messages: the report names sipp's files, kept for reading.
            m_logs->setAutoRemove(false);
            const QString base = m_logs->filePath(QFileInfo(scenario).baseName());
            QFile errors(base + QStringLiteral("_errors.log"));
            *report = scenario.toUtf8() + " failed (exit " + QByteArray::number(code) + "), see " + base.toUtf8()
                + "_{errors,messages}.log:\n"
                + (errors.open(QIODevice::ReadOnly) ? errors.readAll().right(600) : sipp->readAll().left(600));
        }
        return code;
    }

    // sipp calls bob through Kamailio's UDP port with SCENARIO; true when sipp passed.
    bool callBob(const QString &scenario, QByteArray *report)
    {
        // A port of its own: sipp's default, 5060, may belong to anyone on this machine.
        const quint16 port = freeUdpPort(QStringLiteral("127.0.0.1"));
        if (port == 0) {
            *report = "no free UDP port";
            return false;
        }
        QProcess sipp;
        startSipp(&sipp, scenario,
            { QStringLiteral("-p"), QString::number(port), QStringLiteral("-s"), QStringLiteral("bob"),
                QStringLiteral("127.0.0.1:%1").arg(m_kamailio->udpPort()) });
        return finishSipp(&sipp, scenario, report) == 0;
    }

    // A UDP port nobody holds right now on ADDRESS, for sipp to listen on.
    static quint16 freeUdpPort(const QString &address)
    {
        QUdpSocket probe;
        if (!probe.bind(QHostAddress(address), 0))
            return 0;
        return probe.localPort();
    }

    // sipp REGISTERs as carol from CalleeAddress:PORT, where its UAS scenario will listen.
    bool registerCarolAt(quint16 port, QByteArray *report)
    {
        unregisterCarol(); // a binding left by a run that crashed would fork our calls to it
        QProcess sipp;
        startSipp(&sipp, QStringLiteral("register_auth.xml"),
            { QStringLiteral("-p"), QString::number(port), QStringLiteral("-s"), QStringLiteral("carol"),
                QStringLiteral("-au"), QStringLiteral("carol"), QStringLiteral("-ap"), QStringLiteral("carol-secret"),
                QStringLiteral("127.0.0.1:%1").arg(m_kamailio->udpPort()) },
            CalleeAddress);
        m_carolRegistered = true;
        if (finishSipp(&sipp, QStringLiteral("register_auth.xml"), report) != 0)
            return false;
        const QStringList contacts = m_kamailio->registeredContacts(QStringLiteral("carol"));
        if (contacts.size() != 1 || !contacts.first().contains(QStringLiteral("%1:%2").arg(CalleeAddress).arg(port))) {
            *report = "carol's bindings are not sipp's alone: " + contacts.join(QStringLiteral(" | ")).toUtf8();
            return false;
        }
        return true;
    }

    // Registers sipp as carol on a free port and starts SCENARIO there as a UAS.
    bool startCallee(QProcess *sipp, const QString &scenario, QByteArray *report)
    {
        const quint16 port = freeUdpPort(CalleeAddress);
        if (port == 0) {
            *report = "no free UDP port";
            return false;
        }
        if (!registerCarolAt(port, report))
            return false;
        startSipp(sipp, scenario, { QStringLiteral("-p"), QString::number(port) }, CalleeAddress);
        if (!sipp->waitForStarted(5000)) {
            *report = "sipp did not start: " + sipp->errorString().toUtf8();
            return false;
        }
        return true;
    }

    void unregisterCarol()
    {
        QProcess kamcmd;
        kamcmd.start(KamailioServer::kamcmdProgram(),
            { QStringLiteral("-s"), m_kamailio->ctlSocket(), QStringLiteral("ul.rm"), QStringLiteral("location"),
                QStringLiteral("carol") });
        kamcmd.waitForFinished(5000);
    }

    static bool waitForCallState(Call *call, Call::State state, int timeoutMs = 10000)
    {
        return parla::test::waitForCallState(call, state, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sipp = QStandardPaths::findExecutable(QStringLiteral("sipp"));
        if (m_sipp.isEmpty())
            QSKIP("sipp is not installed (Debian: sip-tester)");
        const QString scenarios = qEnvironmentVariable("PARLA_SIPP_SCENARIOS");
        QVERIFY2(!scenarios.isEmpty(), "PARLA_SIPP_SCENARIOS names the sipp scenario directory");
        m_scenarios = QDir(scenarios);
        QVERIFY2(m_scenarios.exists(QStringLiteral("register_auth.xml")), qPrintable(scenarios));
        QString error;
        m_kamailio = KamailioServer::attachFromEnvironment(&error);
        QVERIFY2(m_kamailio, qPrintable(error));
    }

    void init()
    {
        m_logs = std::make_unique<QTemporaryDir>();
        QVERIFY(m_logs->isValid());
        m_autoAnswer = false;
        m_incoming.clear();
        m_bob = std::make_unique<CallClient>();
        quint16 next = 44000;
        m_bob->setMediaFactory([next]() mutable { return new SdpOnlyMedia(next += 2); });
        connect(m_bob.get(), &CallClient::incomingCall, this, [this](Call *call) {
            m_incoming.append(watch(call));
            if (m_autoAnswer)
                QMetaObject::invokeMethod(call, &Call::answer, Qt::QueuedConnection);
        });
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = QStringLiteral("bob");
        session.password = QStringLiteral("bob-secret");
        m_bob->start(session);
        QVERIFY(parla::test::waitForState(m_bob.get(), State::Running));
    }

    void cleanup()
    {
        if (m_bob) {
            QSignalSpy didStop(m_bob.get(), &CallClient::didStop);
            m_bob->stop();
            didStop.wait(3000);
            m_bob.reset();
        }
        if (m_carolRegistered) {
            unregisterCarol();
            m_carolRegistered = false;
            QVERIFY2(m_kamailio->registeredContacts(QStringLiteral("carol")).isEmpty(),
                "sipp's carol binding outlived the test");
        }
        m_incoming.clear();
        m_logs.reset();
    }

    // RFC 3261 §15.1.2: a BYE that matches no dialog is answered 481, and nothing else happens.
    void byeForAnUnknownDialogIsAnswered481()
    {
        QByteArray report;
        QVERIFY2(callBob(QStringLiteral("bye_unknown_dialog.xml"), &report), report.constData());
        QVERIFY(m_incoming.isEmpty());
        QCOMPARE(m_bob->state(), State::Running);
    }

    // A broken offer is refused 488 with a Warning that names the problem; it never rings, the
    // client stays running and takes the next call.
    void malformedSdpIsRefusedAndTheNextCallIsTaken()
    {
        QByteArray report;
        QVERIFY2(callBob(QStringLiteral("invite_malformed_sdp.xml"), &report), report.constData());
        QVERIFY2(m_incoming.isEmpty(), "a call with a broken offer was offered to the user");
        QCOMPARE(m_bob->state(), State::Running);
        m_incoming.clear();
        m_autoAnswer = true;
        QVERIFY2(callBob(QStringLiteral("reinvite_hold.xml"), &report), report.constData());
        QCOMPARE(m_incoming.size(), 1);
        QTRY_VERIFY(m_incoming.first()->call && m_incoming.first()->call->isEnded());
        QCOMPARE(m_incoming.first()->call->endReason(), Call::EndReason::HungUpThere);
    }

    // The far end holds (a=sendonly): Parla answers recvonly (sipp checks the 200's SDP), shows the
    // remote hold, keeps its own state active, and ends on the far end's BYE.
    void farEndHoldsWithAReinvite()
    {
        m_autoAnswer = true;
        QByteArray report;
        QVERIFY2(callBob(QStringLiteral("reinvite_hold.xml"), &report), report.constData());
        QCOMPARE(m_incoming.size(), 1);
        const auto log = m_incoming.first();
        QVERIFY(log->call);
        QTRY_VERIFY(log->call->isEnded());
        QCOMPARE(log->call->endReason(), Call::EndReason::HungUpThere);
        QCOMPARE(log->remoteHolds, QList<bool> { true });
        QVERIFY(log->states.contains(Call::State::Active));
        QVERIFY2(!log->states.contains(Call::State::Held), "the far end's hold is not Parla's own");
        auto *media = log->call->findChild<SdpOnlyMedia *>();
        QVERIFY(media);
        QVERIFY(media->negotiated);
        QCOMPARE(media->negotiated->remotePort, quint16(6000));
    }

    // 183 with SDP, then 200: the call shows early media, then becomes active; Parla hangs up.
    void earlyMediaThenAnswer()
    {
        QProcess sipp;
        QByteArray report;
        QVERIFY2(startCallee(&sipp, QStringLiteral("uas_early_media.xml"), &report), report.constData());
        Call *call = m_bob->call(QStringLiteral("carol"));
        QVERIFY(call);
        const auto log = watch(call);
        QVERIFY(waitForCallState(call, Call::State::Active));
        const qsizetype early = log->states.indexOf(Call::State::EarlyMedia);
        QVERIFY2(early >= 0, "no early-media state before the answer");
        QVERIFY(early < log->states.indexOf(Call::State::Active));
        call->hangUp();
        QVERIFY2(finishSipp(&sipp, QStringLiteral("uas_early_media.xml"), &report) == 0, report.constData());
        QVERIFY(waitForCallState(call, Call::State::Ended));
        QCOMPARE(call->endReason(), Call::EndReason::HungUpHere);
    }

    // 486 from the callee ends the call as busy.
    void busyCallee()
    {
        QProcess sipp;
        QByteArray report;
        QVERIFY2(startCallee(&sipp, QStringLiteral("uas_busy.xml"), &report), report.constData());
        Call *call = m_bob->call(QStringLiteral("carol"));
        QVERIFY(call);
        const auto log = watch(call);
        QVERIFY(waitForCallState(call, Call::State::Ended));
        QCOMPARE(call->endReason(), Call::EndReason::Busy);
        QVERIFY2(call->endReasonText().contains(QLatin1String("486")), qPrintable(call->endReasonText()));
        QVERIFY(!log->states.contains(Call::State::Active));
        QVERIFY2(finishSipp(&sipp, QStringLiteral("uas_busy.xml"), &report) == 0, report.constData());
    }

    // Parla cancels a ringing call, but the callee's 200 crosses the CANCEL: Parla must ACK that
    // 200 and hang up with a BYE (sipp requires both), and the call ends as the user wanted.
    void cancelLosesTheRaceWithA200()
    {
        QProcess sipp;
        QByteArray report;
        QVERIFY2(startCallee(&sipp, QStringLiteral("uas_cancel_race.xml"), &report), report.constData());
        Call *call = m_bob->call(QStringLiteral("carol"));
        QVERIFY(call);
        const auto log = watch(call);
        QVERIFY(waitForCallState(call, Call::State::Ringing));
        call->hangUp();
        QVERIFY2(finishSipp(&sipp, QStringLiteral("uas_cancel_race.xml"), &report) == 0, report.constData());
        QVERIFY(waitForCallState(call, Call::State::Ended));
        QCOMPARE(call->endReason(), Call::EndReason::Cancelled);
        QVERIFY2(!log->states.contains(Call::State::Active), "a call the user cancelled showed as answered");
        QCOMPARE(m_bob->state(), State::Running);
    }
};

QTEST_GUILESS_MAIN(TestSippScenarios)
#include "tst_sippscenarios.moc"
