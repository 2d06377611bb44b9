// SPDX-License-Identifier: GPL-3.0-or-later
// TrayIcon as the desktop sees it: a StatusNotifierItem on a private session bus (run under
// dbus-run-session), registered with a fake org.kde.StatusNotifierWatcher, its icon, tooltip and
// status read back over D-Bus for every client state.
#include "fakenotificationserver.h"
#include "fakestatusnotifierwatcher.h"
#include "installtranslations.h"
#include "trayicon.h"

#include <QApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cstdio>

using parla::client::CallClient;
using parla::desktop::TrayIcon;

namespace {

constexpr int dbusTimeoutMs = 5000;
const QString itemPath = QStringLiteral("/StatusNotifierItem");
const QString itemInterface = QStringLiteral("org.kde.StatusNotifierItem");

struct Image
{
    int width = 0;
    int height = 0;
    QByteArray argb; // ARGB32 in network byte order, as the StatusNotifierItem spec says
};

QList<Image> readImages(const QDBusArgument &argument)
{
    QList<Image> images;
    argument.beginArray();
    while (!argument.atEnd()) {
        Image image;
        argument.beginStructure();
        argument >> image.width >> image.height >> image.argb;
        argument.endStructure();
        images << image;
    }
    argument.endArray();
    return images;
}

// Qt answers on the item's own bus connection, but its objects live on this (the GUI) thread:
// a blocking call would wait on ourselves, so the reply is awaited with the event loop running.
QDBusMessage callAndWait(const QDBusMessage &message)
{
    QDBusPendingCall pending = QDBusConnection::sessionBus().asyncCall(message, dbusTimeoutMs);
    QDBusPendingCallWatcher watcher(pending);
    QSignalSpy finished(&watcher, &QDBusPendingCallWatcher::finished);
    if (!pending.isFinished())
        finished.wait(dbusTimeoutMs + 1000);
    return pending.reply();
}

QVariant itemProperty(const QString &service, const QString &name)
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        service, itemPath, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << itemInterface << name;
    const QDBusMessage reply = callAndWait(get);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        qWarning() << "Get" << name << "failed:" << reply.errorName() << reply.errorMessage();
        return {};
    }
    return reply.arguments().constFirst().value<QDBusVariant>().variant();
}

struct ToolTip
{
    QString title;
    QString subTitle;
};

ToolTip readToolTip(const QVariant &value)
{
    ToolTip toolTip;
    const QDBusArgument argument = value.value<QDBusArgument>();
    QString iconName;
    argument.beginStructure();
    argument >> iconName;
    readImages(argument);
    argument >> toolTip.title >> toolTip.subTitle;
    argument.endStructure();
    return toolTip;
}

// One entry of the com.canonical.dbusmenu layout Qt exports for the tray's menu: (ia{sv}av).
struct MenuEntry
{
    int id = 0;
    QVariantMap properties;
    QList<MenuEntry> children;
};

MenuEntry readMenuEntry(const QDBusArgument &argument)
{
    MenuEntry entry;
    argument.beginStructure();
    argument >> entry.id >> entry.properties;
    argument.beginArray();
    while (!argument.atEnd()) {
        QDBusVariant child;
        argument >> child;
        entry.children << readMenuEntry(child.variant().value<QDBusArgument>());
    }
    argument.endArray();
    argument.endStructure();
    return entry;
}

// Pixels that are clearly red: the missed-call badge, on icons that are otherwise not red.
int redPixels(const Image &image)
{
    int red = 0;
    for (qsizetype i = 0; i + 3 < image.argb.size(); i += 4) {
        const auto a = uchar(image.argb[i]), r = uchar(image.argb[i + 1]), g = uchar(image.argb[i + 2]),
                   b = uchar(image.argb[i + 3]);
        if (a > 200 && r > 180 && g < 60 && b < 60)
            ++red;
    }
    return red;
}

} // namespace

class TestTrayIcon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void registersWithTheWatcher();
    void iconAndToolTipPerState_data();
    void iconAndToolTipPerState();
    void failureReasonInToolTip();
    void ringingVariant();
    void missedCallsShowAsCountAndBadge();
    void clickTogglesWindow();
    void menuShowsStatusAndQuits();
    void missedCallNotification();
    void noWatcherMeansNoTray();

private:
    Image currentIcon();
    QList<MenuEntry> menuEntries();
    QString m_menuPath;
    ToolTip currentToolTip() { return readToolTip(itemProperty(m_service, QStringLiteral("ToolTip"))); }

    QThread m_watcherThread;
    FakeStatusNotifierWatcher *m_watcher = nullptr; // lives on m_watcherThread
    QStringList m_registeredItems; // as the watcher saw them, copied to this thread
    FakeNotificationServer m_notifications;
    std::unique_ptr<TrayIcon> m_tray;
    QString m_service;
    QSet<QByteArray> m_stateIcons;
};

Image TestTrayIcon::currentIcon()
{
    const QVariant value = itemProperty(m_service, QStringLiteral("IconPixmap"));
    const QList<Image> images = readImages(value.value<QDBusArgument>());
    // The biggest picture says the most; every size is drawn from the same SVG and badge.
    Image biggest;
    for (const Image &image : images) {
        if (image.width > biggest.width)
            biggest = image;
    }
    return biggest;
}

void TestTrayIcon::initTestCase()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QFAIL("no session bus: run the test under dbus-run-session (ctest does)");
    QString error;
    m_watcherThread.setObjectName(QStringLiteral("fake-watcher"));
    m_watcherThread.start();
    m_watcher = new FakeStatusNotifierWatcher;
    m_watcher->moveToThread(&m_watcherThread);
    connect(&m_watcherThread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &FakeStatusNotifierWatcher::StatusNotifierItemRegistered, this,
        [this](const QString &service) { m_registeredItems << service; });
    bool serving = false;
    QMetaObject::invokeMethod(
        m_watcher, [&] { serving = m_watcher->serve(&error); }, Qt::BlockingQueuedConnection);
    QVERIFY2(serving, qPrintable(error));
    QVERIFY2(m_notifications.serve(&error), qPrintable(error));

    m_tray = std::make_unique<TrayIcon>();
    QVERIFY2(TrayIcon::isSystemTrayAvailable(), "Qt did not take the fake watcher for a tray");
    QVERIFY(m_tray->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_registeredItems.size(), 1, dbusTimeoutMs);
    m_service = m_registeredItems.constFirst();
}

void TestTrayIcon::cleanupTestCase()
{
    m_tray.reset();
    m_watcherThread.quit();
    m_watcherThread.wait();
}

void TestTrayIcon::registersWithTheWatcher()
{
    // Qt 6.4 registers the item by its connection's unique name (":1.5"), which is allowed.
    QVERIFY(!m_service.isEmpty());
    QCOMPARE(itemProperty(m_service, QStringLiteral("Id")).toString(), QCoreApplication::applicationName());
    QCOMPARE(m_registeredItems, QStringList { m_service });
    QCOMPARE(itemProperty(m_service, QStringLiteral("Status")).toString(), QStringLiteral("Active"));
    QCOMPARE(itemProperty(m_service, QStringLiteral("Category")).toString(), QStringLiteral("ApplicationStatus"));
}

void TestTrayIcon::iconAndToolTipPerState_data()
{
    QTest::addColumn<CallClient::State>("state");
    QTest::addColumn<QString>("words");
    QTest::newRow("stopped") << CallClient::State::Stopped << QStringLiteral("Signed out");
    QTest::newRow("starting") << CallClient::State::Starting << QStringLiteral("Connecting");
    QTest::newRow("running") << CallClient::State::Running << QStringLiteral("Online");
    QTest::newRow("paused") << CallClient::State::Paused << QStringLiteral("Paused");
    QTest::newRow("reconnecting") << CallClient::State::Reconnecting << QStringLiteral("reconnecting");
    QTest::newRow("failed") << CallClient::State::Failed << QStringLiteral("Not connected");
}

void TestTrayIcon::iconAndToolTipPerState()
{
    QFETCH(CallClient::State, state);
    QFETCH(QString, words);
    m_tray->setClientState(state, QString());

    const ToolTip toolTip = currentToolTip();
    QVERIFY2(toolTip.title.contains(words), qPrintable(toolTip.title));
    QVERIFY2(!toolTip.title.contains(QStringLiteral("missed")), qPrintable(toolTip.title));
    QCOMPARE(itemProperty(m_service, QStringLiteral("Status")).toString(), QStringLiteral("Active"));

    const Image icon = currentIcon();
    QVERIFY2(icon.width >= 22 && icon.height == icon.width, qPrintable(QString::number(icon.width)));
    QCOMPARE(icon.argb.size(), qsizetype(icon.width) * icon.height * 4);
    // Each state has a picture of its own: none seen in an earlier row.
    QVERIFY2(!m_stateIcons.contains(icon.argb), "the icon did not change with the state");
    m_stateIcons.insert(icon.argb);
}

void TestTrayIcon::failureReasonInToolTip()
{
    // linphone-desktop #450: the tray says why, not just "offline".
    m_tray->setClientState(CallClient::State::Failed, QStringLiteral("wrong user name or password"));
    const QString title = currentToolTip().title;
    QVERIFY2(title.contains(QStringLiteral("Not connected")), qPrintable(title));
    QVERIFY2(title.contains(QStringLiteral("wrong user name or password")), qPrintable(title));

    // The reason belongs to the failure: running again drops it.
    m_tray->setClientState(CallClient::State::Running, QStringLiteral("stale reason"));
    QVERIFY(!currentToolTip().title.contains(QStringLiteral("stale reason")));
}

void TestTrayIcon::ringingVariant()
{
    m_tray->setClientState(CallClient::State::Running, QString());
    const QByteArray running = currentIcon().argb;

    m_tray->setRinging(true, QStringLiteral("Bob <sip:bob@example.com>"));
    QVERIFY(currentIcon().argb != running);
    QString title = currentToolTip().title;
    QVERIFY2(title.contains(QStringLiteral("Incoming call from Bob <sip:bob@example.com>")), qPrintable(title));

    // A caller's name is the network's: a huge one is cut to fit.
    m_tray->setRinging(true, QString(5000, QLatin1Char('x')));
    title = currentToolTip().title;
    QVERIFY2(title.size() < 200, qPrintable(QString::number(title.size())));

    m_tray->setRinging(false, QString());
    QCOMPARE(currentIcon().argb, running);
    QVERIFY(!currentToolTip().title.contains(QStringLiteral("Incoming")));
}

void TestTrayIcon::missedCallsShowAsCountAndBadge()
{
    // linphone-desktop #779: missed calls show on the tray, as a count.
    m_tray->setClientState(CallClient::State::Running, QString());
    const Image plain = currentIcon();
    QCOMPARE(redPixels(plain), 0);

    m_tray->setMissedCalls(3);
    QString title = currentToolTip().title;
    QVERIFY2(title.contains(QStringLiteral("Online")), qPrintable(title));
    QVERIFY2(title.endsWith(QStringLiteral("\n3 missed calls")), qPrintable(title));
    const Image badged = currentIcon();
    QVERIFY2(redPixels(badged) > badged.width * badged.height / 20, qPrintable(QString::number(redPixels(badged))));

    m_tray->setMissedCalls(1);
    title = currentToolTip().title;
    QVERIFY2(title.endsWith(QStringLiteral("\n1 missed call")), qPrintable(title));
    QVERIFY(currentIcon().argb != badged.argb); // "1", not "3"

    m_tray->setMissedCalls(0);
    QCOMPARE(currentIcon().argb, plain.argb);
    QVERIFY(!currentToolTip().title.contains(QStringLiteral("missed")));
}

void TestTrayIcon::clickTogglesWindow()
{
    QSignalSpy toggle(m_tray.get(), &TrayIcon::toggleWindowRequested);
    QDBusMessage activate
        = QDBusMessage::createMethodCall(m_service, itemPath, itemInterface, QStringLiteral("Activate"));
    activate << 10 << 10;
    const QDBusMessage reply = callAndWait(activate);
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
    QTRY_COMPARE_WITH_TIMEOUT(toggle.count(), 1, dbusTimeoutMs);
}

QList<MenuEntry> TestTrayIcon::menuEntries()
{
    QDBusMessage getLayout = QDBusMessage::createMethodCall(
        m_service, m_menuPath, QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("GetLayout"));
    getLayout << 0 << -1 << QStringList();
    const QDBusMessage reply = callAndWait(getLayout);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2) {
        qWarning() << "GetLayout failed:" << reply.errorName() << reply.errorMessage();
        return {};
    }
    return readMenuEntry(reply.arguments().at(1).value<QDBusArgument>()).children;
}

void TestTrayIcon::menuShowsStatusAndQuits()
{
    m_menuPath = itemProperty(m_service, QStringLiteral("Menu")).value<QDBusObjectPath>().path();
    QVERIFY2(!m_menuPath.isEmpty(), "the item exports no menu");
    m_tray->setClientState(CallClient::State::Failed, QStringLiteral("server not found"));
    m_tray->setWindowShown(false);

    QStringList labels;
    int quitId = -1;
    bool statusEnabled = true;
    for (const MenuEntry &entry : menuEntries()) {
        const QString label = entry.properties.value(QStringLiteral("label")).toString();
        labels << label;
        if (label == QStringLiteral("Quit Parla"))
            quitId = entry.id;
        if (label.startsWith(QStringLiteral("Not connected")))
            statusEnabled = entry.properties.value(QStringLiteral("enabled"), true).toBool();
    }
    QVERIFY2(labels.contains(QStringLiteral("Show Parla")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY2(labels.contains(QStringLiteral("Not connected: server not found")), qPrintable(labels.join(u'|')));
    QVERIFY2(!statusEnabled, "the status line is a command");
    QVERIFY(quitId > 0);

    m_tray->setWindowShown(true);
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            for (const MenuEntry &entry : menuEntries()) {
                if (entry.properties.value(QStringLiteral("label")).toString() == QStringLiteral("Hide Parla"))
                    return true;
            }
            return false;
        }(),
        dbusTimeoutMs);

    QSignalSpy quit(m_tray.get(), &TrayIcon::quitRequested);
    QDBusMessage clicked = QDBusMessage::createMethodCall(
        m_service, m_menuPath, QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("Event"));
    clicked << quitId << QStringLiteral("clicked") << QVariant::fromValue(QDBusVariant(0)) << 0u;
    QCOMPARE(callAndWait(clicked).type(), QDBusMessage::ReplyMessage);
    QTRY_COMPARE_WITH_TIMEOUT(quit.count(), 1, dbusTimeoutMs);
}

void TestTrayIcon::missedCallNotification()
{
    QSignalSpy notified(&m_notifications, &FakeNotificationServer::notified);
    m_tray->notifyMissedCall(QStringLiteral("Alice <sip:alice@example.com>"));
    QVERIFY(notified.wait(dbusTimeoutMs));
    const FakeNotificationServer::Notification notification = m_notifications.notifications().constLast();
    QCOMPARE(notification.summary, QStringLiteral("Missed call"));
    // The body may be read as markup: the caller's angle brackets arrive escaped.
    QCOMPARE(notification.body, QStringLiteral("Alice &lt;sip:alice@example.com&gt; called you."));
    QVERIFY(notification.timeoutMs > 0);
    // The item asks for attention while the message shows.
    QCOMPARE(itemProperty(m_service, QStringLiteral("Status")).toString(), QStringLiteral("NeedsAttention"));
}

void TestTrayIcon::noWatcherMeansNoTray()
{
    // Qt decides once per process, so a child on a bus of its own answers (see main()).
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral("dbus-run-session"),
        { QStringLiteral("--"), QCoreApplication::applicationFilePath(), QStringLiteral("--probe-tray") });
    QVERIFY2(child.waitForFinished(30000), "the probe did not finish");
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(child.readAllStandardOutput()).trimmed(), QStringLiteral("bus=connected tray=missing"));
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--probe-tray") == 0) {
        // A session bus with no watcher on it, as on stock GNOME.
        std::printf("bus=%s tray=%s\n", QDBusConnection::sessionBus().isConnected() ? "connected" : "none",
            TrayIcon::isSystemTrayAvailable() ? "available" : "missing");
        return 0;
    }
    // As the app does: English carries the plural forms ("1 missed call", "3 missed calls").
    parla::desktop::installTranslations(app, QStringLiteral("en"));
    TestTrayIcon test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_trayicon.moc"
