// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop models as the app wires them (a CallClient on its engine thread, queued to the
// models here) against the project's real Kamailio, with a second Parla as the far end:
// the banner's state, an incoming call ringing, answered, muted and hung up from the model,
// a missed call counted, a call placed from the dialer, and every call in the history.
#include "callhistory.h"
#include "callsmodel.h"
#include "clientstatus.h"

#include "clientstatewait.h"
#include "kamailioserver.h"
#include "sdponlymedia.h"

#include "calls/call.h"
#include "client/callclient.h"
#include "client/engine.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using parla::calls::Call;
using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using namespace parla::desktop;

class TestModelsOverKamailio : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<parla::test::KamailioServer> m_kamailio;
    QTemporaryDir m_dir;
    // Alice: the desktop app's side.
    std::unique_ptr<ClientStatus> m_status;
    std::unique_ptr<CallsModel> m_calls;
    std::unique_ptr<CallHistory> m_history;
    std::unique_ptr<Engine> m_engine;
    // Bob: a plain client on this thread.
    std::unique_ptr<CallClient> m_bob;
    QList<QPointer<Call>> m_bobIncoming;

    Session session(const QString &user) const
    {
        Session s;
        s.server = m_kamailio->webSocketUrl();
        s.user = user;
        s.password = user + QStringLiteral("-secret");
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_kamailio = parla::test::KamailioServer::attachFromEnvironment();
        QVERIFY(m_kamailio);
    }

    void init()
    {
        // Models first: they outlive the engine, as in main().
        m_status = std::make_unique<ClientStatus>();
        m_calls = std::make_unique<CallsModel>();
        m_history = std::make_unique<CallHistory>(m_dir.filePath(QStringLiteral("history.sqlite")));
        m_history->clear();
        connect(m_calls.get(), &CallsModel::callEnded, m_history.get(), &CallHistory::record);
        m_engine = std::make_unique<Engine>([](CallClient *client) {
            quint16 port = 45000;
            client->setMediaFactory([port]() mutable { return new parla::test::SdpOnlyMedia(port += 2); });
        });
        m_status->attach(m_engine->client());
        m_calls->attach(m_engine->client());
        m_engine->client()->start(session(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(m_status->isOnline(), 10000);
        QCOMPARE(m_status->text(), QStringLiteral("Online: calls can come in"));

        m_bob = std::make_unique<CallClient>();
        quint16 bobPort = 46000;
        m_bob->setMediaFactory([bobPort]() mutable { return new parla::test::SdpOnlyMedia(bobPort += 2); });
        m_bobIncoming.clear();
        connect(m_bob.get(), &CallClient::incomingCall, this, [this](Call *call) { m_bobIncoming.append(call); });
        m_bob->start(session(QStringLiteral("bob")));
        QVERIFY(parla::test::waitForState(m_bob.get(), CallClient::State::Running));
    }

    void cleanup()
    {
        QSignalSpy bobStopped(m_bob.get(), &CallClient::didStop);
        m_bob->stop();
        bobStopped.wait(5000);
        QSignalSpy aliceStopped(m_engine->client(), &CallClient::didStop);
        m_engine->client()->stop();
        aliceStopped.wait(5000);
        m_bob.reset();
        m_engine.reset();
        m_calls.reset();
        m_status.reset();
        m_history.reset();
    }

    void incomingCallAnsweredMutedAndHungUp()
    {
        QSignalSpy incoming(m_calls.get(), &CallsModel::incomingCall);
        QPointer<Call> outgoing = m_bob->call(QStringLiteral("alice"));
        QVERIFY(outgoing);
        QVERIFY(incoming.wait(5000));
        ActiveCall *ringing = m_calls->ringing();
        QVERIFY(ringing);
        QCOMPARE(ringing->remoteUri().section(QLatin1Char('@'), 0, 0), QStringLiteral("sip:bob"));
        QCOMPARE(ringing->remoteName(), QStringLiteral("bob"));

        ringing->answer();
        QVERIFY(parla::test::waitForCallState(outgoing, Call::State::Active));
        QTRY_VERIFY_WITH_TIMEOUT(m_calls->current() && m_calls->current()->isEstablished(), 5000);
        QVERIFY(!m_calls->ringing());
        ActiveCall *current = m_calls->current();
        // The quality measured on the engine thread every second reaches the GUI thread.
        QTRY_VERIFY_WITH_TIMEOUT(current->hasQuality(), 5000);
        QCOMPARE(current->qualityGrade(), QStringLiteral("good"));
        QVERIFY(!current->codec().isEmpty());
        current->toggleMute();
        QTRY_VERIFY_WITH_TIMEOUT(current->isMuted(), 5000);

        current->hangUp();
        QVERIFY(parla::test::waitForCallState(outgoing, Call::State::Ended));
        QTRY_COMPARE_WITH_TIMEOUT(m_calls->count(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_history->rowCount(), 1, 5000);
        const QModelIndex entry = m_history->index(0);
        QVERIFY(entry.data(CallHistory::IncomingRole).toBool());
        QVERIFY(!entry.data(CallHistory::MissedRole).toBool());
        QCOMPARE(m_history->missedCount(), 0);
    }

    void callerGivesUpIsAMissedCall()
    {
        QSignalSpy incoming(m_calls.get(), &CallsModel::incomingCall);
        QSignalSpy missed(m_history.get(), &CallHistory::missedCall);
        QPointer<Call> outgoing = m_bob->call(QStringLiteral("alice"));
        QVERIFY(incoming.wait(5000));
        QVERIFY(parla::test::waitForCallState(outgoing, Call::State::Ringing));
        outgoing->hangUp(); // a CANCEL
        QVERIFY(missed.wait(5000));
        QCOMPARE(m_history->missedCount(), 1);
        QVERIFY(m_history->index(0).data(CallHistory::MissedRole).toBool());
        QVERIFY(!m_calls->ringing());
    }

    void dialFromTheModel()
    {
        m_calls->dial(QStringLiteral("bob"));
        QTRY_COMPARE_WITH_TIMEOUT(m_bobIncoming.size(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_calls->current() && !m_calls->current()->isIncoming(), 5000);
        m_bobIncoming.first()->decline();
        QTRY_COMPARE_WITH_TIMEOUT(m_calls->count(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_history->rowCount(), 1, 5000);
        QVERIFY(!m_history->index(0).data(CallHistory::IncomingRole).toBool());
        QVERIFY(m_calls->lastError().isEmpty());
        QCOMPARE(m_history->completions(QStringLiteral("bo")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestModelsOverKamailio)
#include "tst_modelsoverkamailio.moc"
