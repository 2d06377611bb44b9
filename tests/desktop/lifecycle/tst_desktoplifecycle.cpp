// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's lifecycle driving a real client on the project's Kamailio: the application
// suspended pauses it (un-REGISTERed on Kamailio's side) and active resumes it; logind's
// PrepareForSleep (dbusmock on a private system bus) pauses it, and the delay inhibitor is
// released only after the un-REGISTER; wake resumes; a call holds a block inhibitor from its
// start to its end, and a sleep that comes anyway during it waits for its end to pause.
#include "callsleepblocker.h"
#include "desktoplifecycle.h"
#include "lifecyclepolicy.h"
#include "logindmock.h"
#include "logindsleepsource.h"

#include "calls/call.h"
#include "client/callclient.h"
#include "client/engine.h"
#include "clientstatewait.h"
#include "kamailioserver.h"
#include "sdponlymedia.h"

#include <QGuiApplication>
#include <QTest>

using namespace std::chrono_literals;
using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using parla::desktop::CallSleepBlocker;
using parla::desktop::DesktopLifecycle;
using parla::desktop::LogindSleepSource;
using parla::test::KamailioServer;
using parla::test::PrivateSystemBus;
using parla::test::waitForCallState;
using parla::test::waitForState;
using State = CallClient::State;
namespace logind = parla::test::logind;

class TestDesktopLifecycle : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PrivateSystemBus> m_bus;
    std::unique_ptr<KamailioServer> m_kamailio;
    std::unique_ptr<CallClient> m_alice;
    std::unique_ptr<DesktopLifecycle> m_lifecycle;

    std::unique_ptr<CallClient> signIn(const QString &user, quint16 mediaPort)
    {
        auto client = std::make_unique<CallClient>();
        client->setMediaFactory([mediaPort]() mutable { return new parla::test::SdpOnlyMedia(mediaPort += 2); });
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = user;
        session.password = user + QStringLiteral("-secret");
        client->start(session);
        if (!waitForState(client.get(), State::Running))
            return nullptr;
        return client;
    }
    int aliceBindings() const { return int(m_kamailio->registeredContacts(QStringLiteral("alice")).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bus = std::make_unique<PrivateSystemBus>();
        QString error;
        QVERIFY2(logind::startLogind(*m_bus, &error), qPrintable(error));
        m_kamailio = KamailioServer::attachFromEnvironment(&error);
        QVERIFY2(m_kamailio, qPrintable(error));
    }
    void init()
    {
        m_alice = signIn(QStringLiteral("alice"), 43000);
        QVERIFY(m_alice);
        m_lifecycle = std::make_unique<DesktopLifecycle>(m_alice.get(), qGuiApp);
        QVERIFY(m_lifecycle->sleep());
        QSignalSpy taken(m_lifecycle->sleep(), &LogindSleepSource::inhibitorTaken);
        QVERIFY(m_lifecycle->sleep()->holdsInhibitor() || taken.wait(3000));
        QCOMPARE(aliceBindings(), 1);
    }
    void cleanup()
    {
        m_lifecycle.reset();
        if (m_alice) {
            m_alice->stop();
            QVERIFY(waitForState(m_alice.get(), State::Stopped));
        }
        m_alice.reset();
        QTRY_COMPARE_WITH_TIMEOUT(logind::inhibitors().size(), 0, 3000);
    }
    void cleanupTestCase()
    {
        m_kamailio.reset();
        m_bus.reset();
    }

    void suspendedPausesAndActiveResumes()
    {
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationSuspended);
        QVERIFY(waitForState(m_alice.get(), State::Paused));
        QCOMPARE(aliceBindings(), 0); // un-REGISTERed: "did pause" means it
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationActive);
        QVERIFY(waitForState(m_alice.get(), State::Running));
        QCOMPARE(aliceBindings(), 1);
    }

    void hiddenToTrayPausesOnlyWhenItCounts()
    {
        QSignalSpy changes(m_alice.get(), &CallClient::stateChanged);
        m_lifecycle->setHiddenToTray(true);
        QVERIFY(!m_lifecycle->policy()->wantsPaused());
        m_lifecycle->setHiddenCountsAsBackground(true);
        QVERIFY(waitForState(m_alice.get(), State::Paused));
        m_lifecycle->setHiddenToTray(false);
        QVERIFY(waitForState(m_alice.get(), State::Running));
        QCOMPARE(changes.first().first().value<State>(), State::Paused); // nothing before the setting
    }

    void sleepReleasesTheInhibitorAfterTheUnregister()
    {
        LogindSleepSource *sleep = m_lifecycle->sleep();
        QSignalSpy released(sleep, &LogindSleepSource::inhibitorReleased);
        QSignalSpy taken(sleep, &LogindSleepSource::inhibitorTaken);
        State stateAtRelease = State::Running;
        int bindingsAtRelease = -1;
        connect(sleep, &LogindSleepSource::inhibitorReleased, this, [&] {
            stateAtRelease = m_alice->state();
            bindingsAtRelease = aliceBindings();
        });
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(released.wait(5000));
        QCOMPARE(stateAtRelease, State::Paused);
        QCOMPARE(bindingsAtRelease, 0);
        QTRY_COMPARE_WITH_TIMEOUT(logind::inhibitors().size(), 0, 3000);

        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(waitForState(m_alice.get(), State::Running));
        QTRY_COMPARE_WITH_TIMEOUT(taken.size(), 1, 3000);
        QCOMPARE(logind::inhibitors().size(), 1);
        QCOMPARE(aliceBindings(), 1);
    }

    void sleepDuringACallWaitsForItsEnd()
    {
        std::unique_ptr<CallClient> bob = signIn(QStringLiteral("bob"), 44000);
        QVERIFY(bob);
        CallSleepBlocker *blocker = m_lifecycle->callSleepBlocker();
        QVERIFY(blocker);
        QSignalSpy blocking(blocker, &CallSleepBlocker::blockingChanged);
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 0);
        QSignalSpy incoming(bob.get(), &CallClient::incomingCall);
        Call *outgoing = m_alice->call(QStringLiteral("bob"));
        QVERIFY(outgoing);
        QVERIFY(incoming.wait(5000));
        // Taken as the call appears, before anyone answers.
        QVERIFY(blocker->isBlocking() || blocking.wait(3000));
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
        incoming.first().first().value<Call *>()->answer();
        QVERIFY(waitForCallState(outgoing, Call::State::Active));

        // logind would refuse an ordinary suspend now; a forced one (suspend -i, a lid) still
        // says PrepareForSleep, and the pause waits for the call.
        m_lifecycle->sleep()->setReleaseTimeout(500ms);
        QSignalSpy deferred(m_alice.get(), &CallClient::pauseDeferred);
        QSignalSpy released(m_lifecycle->sleep(), &LogindSleepSource::inhibitorReleased);
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(deferred.wait(3000));
        QVERIFY(m_alice->isPauseDeferred());
        // The delay's bound lets logind go on; the call is not dropped for it, nor the block.
        QVERIFY(released.wait(3000));
        QCOMPARE(m_alice->state(), State::Running);
        QCOMPARE(outgoing->state(), Call::State::Active);
        QVERIFY(blocker->isBlocking());
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);

        outgoing->hangUp();
        QVERIFY(waitForState(m_alice.get(), State::Paused));
        QCOMPARE(aliceBindings(), 0);
        QVERIFY(!blocker->isBlocking());
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("block")), 0, 3000);
        QCOMPARE(blocking.size(), 2);
        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(waitForState(m_alice.get(), State::Running));

        bob->stop();
        QVERIFY(waitForState(bob.get(), State::Stopped));
    }

    // As in the app: the client on its engine thread, the lifecycle on the GUI thread.
    void clientOnTheEngineThread()
    {
        m_lifecycle.reset();
        Engine engine;
        CallClient *bob = engine.client();
        // Before start(), which reaches the engine thread through its queue after this.
        bob->setMediaFactory([port = quint16(45000)]() mutable { return new parla::test::SdpOnlyMedia(port += 2); });
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = QStringLiteral("bob");
        session.password = QStringLiteral("bob-secret");
        bob->start(session);
        QVERIFY(waitForState(bob, State::Running));
        DesktopLifecycle lifecycle(bob, qGuiApp);
        QSignalSpy taken(lifecycle.sleep(), &LogindSleepSource::inhibitorTaken);
        QVERIFY(lifecycle.sleep()->holdsInhibitor() || taken.wait(3000));
        QSignalSpy released(lifecycle.sleep(), &LogindSleepSource::inhibitorReleased);
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(released.wait(5000));
        QCOMPARE(bob->state(), State::Paused);
        QVERIFY(m_kamailio->registeredContacts(QStringLiteral("bob")).isEmpty());
        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(waitForState(bob, State::Running));

        // Bob's calls reach the GUI thread's blocker through queued signals.
        CallSleepBlocker *blocker = lifecycle.callSleepBlocker();
        QSignalSpy blocking(blocker, &CallSleepBlocker::blockingChanged);
        QSignalSpy incoming(m_alice.get(), &CallClient::incomingCall);
        QVERIFY(bob->call(QStringLiteral("alice")));
        QVERIFY(incoming.wait(5000));
        QVERIFY(blocker->isBlocking() || blocking.wait(3000));
        QCOMPARE(logind::parlaSleepInhibitors(QStringLiteral("block")), 1);
        Call *atAlice = incoming.first().first().value<Call *>();
        atAlice->answer();
        QVERIFY(waitForCallState(atAlice, Call::State::Active));
        atAlice->hangUp();
        QTRY_VERIFY_WITH_TIMEOUT(!blocker->isBlocking(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(logind::parlaSleepInhibitors(QStringLiteral("block")), 0, 3000);

        bob->stop();
        QVERIFY(waitForState(bob, State::Stopped));
    }

    void signedOutSleepAndWakeAskNothing()
    {
        m_alice->stop();
        QVERIFY(waitForState(m_alice.get(), State::Stopped));
        QSignalSpy refused(m_alice.get(), &CallClient::operationFailed);
        QSignalSpy released(m_lifecycle->sleep(), &LogindSleepSource::inhibitorReleased);
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(released.wait(3000)); // nothing to un-REGISTER: sleep at once
        QSignalSpy taken(m_lifecycle->sleep(), &LogindSleepSource::inhibitorTaken);
        QVERIFY(logind::emitPrepareForSleep(false));
        QVERIFY(taken.wait(3000));
        QVERIFY2(refused.isEmpty(),
            qPrintable(
                refused.isEmpty() ? QString() : refused.first().first().value<parla::client::ClientError>().message));
        QCOMPARE(m_alice->state(), State::Stopped);
    }

    void signedInInTheBackgroundPausesOnceRunning()
    {
        m_alice->stop();
        QVERIFY(waitForState(m_alice.get(), State::Stopped));
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationSuspended);
        Session session;
        session.server = m_kamailio->webSocketUrl();
        session.user = QStringLiteral("alice");
        session.password = QStringLiteral("alice-secret");
        m_alice->start(session);
        QVERIFY(waitForState(m_alice.get(), State::Paused));
        QCOMPARE(aliceBindings(), 0);
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationActive);
        QVERIFY(waitForState(m_alice.get(), State::Running));
    }

    void wakeInTheBackgroundStaysPaused()
    {
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationSuspended);
        QVERIFY(waitForState(m_alice.get(), State::Paused));
        QSignalSpy released(m_lifecycle->sleep(), &LogindSleepSource::inhibitorReleased);
        QVERIFY(logind::emitPrepareForSleep(true));
        QVERIFY(released.wait(3000)); // already paused: nothing to wait for
        QSignalSpy changes(m_alice.get(), &CallClient::stateChanged);
        QVERIFY(logind::emitPrepareForSleep(false));
        QSignalSpy taken(m_lifecycle->sleep(), &LogindSleepSource::inhibitorTaken);
        QVERIFY(taken.wait(3000));
        QVERIFY(changes.isEmpty());
        Q_EMIT qGuiApp->applicationStateChanged(Qt::ApplicationActive);
        QVERIFY(waitForState(m_alice.get(), State::Running));
    }
};

QTEST_MAIN(TestDesktopLifecycle)
#include "tst_desktoplifecycle.moc"
