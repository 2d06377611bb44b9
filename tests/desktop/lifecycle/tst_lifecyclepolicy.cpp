// SPDX-License-Identifier: GPL-3.0-or-later
// The lifecycle policy over a fake client: plain functions that record what was asked.
#include "lifecyclepolicy.h"

#include <QSignalSpy>
#include <QTest>

using parla::desktop::LifecyclePolicy;

class TestLifecyclePolicy : public QObject
{
    Q_OBJECT
private:
    QStringList m_asked;
    std::unique_ptr<LifecyclePolicy> m_policy;

    LifecyclePolicy::Actions recorder()
    {
        return { [this] { m_asked << QStringLiteral("pause"); }, [this] { m_asked << QStringLiteral("resume"); },
            [this] { m_asked << QStringLiteral("networkAvailable"); },
            [this] { m_asked << QStringLiteral("networkLost"); } };
    }

private Q_SLOTS:
    void init()
    {
        m_asked.clear();
        m_policy = std::make_unique<LifecyclePolicy>(recorder());
    }

    void suspendedPausesAndActiveResumes()
    {
        QSignalSpy wanted(m_policy.get(), &LifecyclePolicy::pausedWanted);
        m_policy->setSuspended(true);
        QCOMPARE(m_asked, QStringList { QStringLiteral("pause") });
        m_policy->setSuspended(false);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("pause"), QStringLiteral("resume") }));
        QCOMPARE(wanted.size(), 2);
    }

    void repeatedReportsAskOnce()
    {
        m_policy->setSuspended(true);
        m_policy->setSuspended(true);
        m_policy->setSuspended(false);
        m_policy->setSuspended(false);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("pause"), QStringLiteral("resume") }));
    }

    void foregroundAtStartAsksNothing()
    {
        m_policy->setSuspended(false);
        m_policy->setSleeping(false);
        m_policy->setHiddenToTray(false);
        QVERIFY(m_asked.isEmpty());
    }

    void hiddenToTrayIsNotBackgroundByDefault()
    {
        m_policy->setHiddenToTray(true);
        QVERIFY(m_asked.isEmpty());
        QVERIFY(!m_policy->isBackground());
    }

    void hiddenToTrayIsBackgroundWhenTheSettingSaysSo()
    {
        m_policy->setHiddenToTray(true);
        m_policy->setHiddenCountsAsBackground(true);
        QCOMPARE(m_asked, QStringList { QStringLiteral("pause") });
        m_policy->setHiddenToTray(false);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("pause"), QStringLiteral("resume") }));
        // Turning the setting off while hidden brings the client back too.
        m_policy->setHiddenToTray(true);
        m_policy->setHiddenCountsAsBackground(false);
        QCOMPARE(m_asked.size(), 4);
        QCOMPARE(m_asked.last(), QStringLiteral("resume"));
    }

    void sleepPausesAndWakeResumes()
    {
        m_policy->setSleeping(true);
        m_policy->setSleeping(false);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("pause"), QStringLiteral("resume") }));
    }

    void wakeInTheBackgroundStaysPaused()
    {
        m_policy->setSuspended(true);
        m_policy->setSleeping(true); // already paused: nothing more to ask
        m_policy->setSleeping(false);
        QCOMPARE(m_asked, QStringList { QStringLiteral("pause") });
        m_policy->setSuspended(false);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("pause"), QStringLiteral("resume") }));
    }

    void activeWhileAsleepWaitsForWake()
    {
        m_policy->setSleeping(true);
        m_policy->setSuspended(true);
        m_policy->setSuspended(false); // a stray activation before the wake
        QCOMPARE(m_asked, QStringList { QStringLiteral("pause") });
        m_policy->setSleeping(false);
        QCOMPARE(m_asked.last(), QStringLiteral("resume"));
    }

    void networkLostAndBack()
    {
        m_policy->setNetworkReachable(false);
        m_policy->setNetworkReachable(false);
        m_policy->setNetworkReachable(true);
        m_policy->setNetworkReachable(true);
        QCOMPARE(m_asked, (QStringList { QStringLiteral("networkLost"), QStringLiteral("networkAvailable") }));
    }

    void networkBackEvenWhilePausedIsPassedOn()
    {
        // The client decides what "network back" means in its state; the policy never drops it.
        m_policy->setSuspended(true);
        m_policy->setNetworkReachable(false);
        m_policy->setNetworkReachable(true);
        QCOMPARE(m_asked,
            (QStringList {
                QStringLiteral("pause"), QStringLiteral("networkLost"), QStringLiteral("networkAvailable") }));
    }

    void missingActionsAreSkipped()
    {
        LifecyclePolicy bare({});
        bare.setSuspended(true);
        bare.setNetworkReachable(false);
        QVERIFY(bare.wantsPaused());
    }
};

QTEST_GUILESS_MAIN(TestLifecyclePolicy)
#include "tst_lifecyclepolicy.moc"
