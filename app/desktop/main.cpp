// SPDX-License-Identifier: GPL-3.0-or-later
// parla: the desktop app. The engine (CallClient, SIP, media) runs on its own thread; the
// models here live on the GUI thread, fed by queued signals; QML sees models only.

#include "accountsettings.h"
#include "audiodevicesmodel.h"
#include "callhistory.h"
#include "callsmodel.h"
#include "calltoneplayer.h"
#include "clientstatus.h"
#include "closeguard.h"
#include "desktoplifecycle.h"
#include "desktoplogging.h"
#include "installtranslations.h"
#include "singleinstance.h"
#include "traybinding.h"
#include "trayicon.h"
#include "windowkeeper.h"

#include "calls/audiocallmedia.h"
#include "client/accountplace.h"
#include "client/callclient.h"
#include "client/engine.h"
#include "media/mediaengine.h"
#include "platform/terminationsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Parla_UiPlugin)

using parla::client::CallClient;
using parla::client::Engine;
using parla::client::Session;
using namespace parla::desktop;

namespace {

// Qt would abort with "could not connect to display"; say what to do instead.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

struct Options
{
    QString server;
    QString user;
    QString dial; // pre-filled in the dialer
    QString callNow; // a sip: or tel: address given as the argument: dialled once online
    bool hidden = false; // start in the tray (the start-on-login entry asks for it)
};

Options parseOptions(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Parla, a softphone for SIP over WebSocket."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
        QStringLiteral("Sign in to this server (ws:// or wss://) with the password in PARLA_PASSWORD."),
        QStringLiteral("url"));
    const QCommandLineOption user(
        QStringLiteral("user"), QStringLiteral("The user to sign in as."), QStringLiteral("name"));
    const QCommandLineOption dial(
        QStringLiteral("dial"), QStringLiteral("Pre-fill the dialer with this address."), QStringLiteral("address"));
    const QCommandLineOption hidden(
        QStringLiteral("hidden"), QStringLiteral("Start hidden in the tray (where the desktop has one)."));
    parser.addOptions({ server, user, dial, hidden });
    parser.addPositionalArgument(QStringLiteral("address"), QStringLiteral("A sip: or tel: address to call."));
    parser.process(app);
    Options options { parser.value(server), parser.value(user), parser.value(dial), {}, parser.isSet(hidden) };
    if (!parser.positionalArguments().isEmpty())
        options.callNow = parser.positionalArguments().constFirst();
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    // Start-up figures for the logs (and the end-to-end test): first frame, then running.
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (!hasDisplay()) {
        std::fprintf(stderr,
            "parla: no display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "Run it in a desktop session, or under a virtual display: xvfb-run -a parla ...\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("parla"));
    QApplication::setApplicationName(QStringLiteral("parla"));
    // No applicationDisplayName: Qt would append " — Parla" to every window title.
    QApplication::setApplicationVersion(QStringLiteral(PARLA_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("org.parla.Parla"));
    // Closing the window leaves through quit() below, after the un-REGISTER.
    QApplication::setQuitOnLastWindowClosed(false);
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    // Parla's views are flat controls and text: Qt Quick's software renderer draws them as
    // well, without a GL driver in the process (llvmpipe alone cost ~80 MiB of RSS under Xvfb,
    // measured by parla-bench-desktop). QT_QUICK_BACKEND still picks another renderer.
    if (!qEnvironmentVariableIsSet("QT_QUICK_BACKEND"))
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    const Options options = parseOptions(app);

    // A second launch hands its address to the running Parla and leaves.
    SingleInstance instance(qEnvironmentVariable("PARLA_INSTANCE_SOCKET"));
    if (instance.forwardToRunning(options.callNow))
        return 0;
    if (!instance.listen())
        qCWarning(lcDesktopApp).noquote() << "no single-instance socket:" << instance.errorString();

    // The models first: they outlive the engine, whose thread posts to them until it ends.
    ClientStatus status;
    CallsModel calls;
    CallHistory history;
    AccountSettings account;
    AudioDevicesModel devices;
    // Before any window or tray text is made; a language chosen in settings applies at start.
    installTranslations(app, account.language());
    QObject::connect(&calls, &CallsModel::callEnded, &history, &CallHistory::record);

    parla::media::MediaEngine media;
    Engine engine;
    CallClient *client = engine.client();
    status.attach(client);
    calls.attach(client);
    AudioDevicesModel *chosen = &devices;
    CallTonePlayer tones(
        client->calls(), &media, [chosen] { return chosen->currentOutputId(); },
        [chosen] { return chosen->currentRingtoneId(); });

    QObject::connect(&account, &AccountSettings::sessionReady, client, [&](Session session) {
        session.instanceId = parla::client::storedInstanceId(session);
        parla::calls::AudioCallMedia::Options audio;
        audio.engine = &media;
        audio.localAddress = parla::client::localAddressToward(session.server);
        audio.echoCancellation = true;
        // Read per call on the media thread: a device chosen in settings is used from the next call;
        // the in-call view also moves the running call (ActiveCall::useInput/useOutput).
        audio.endpoints = [chosen] {
            return parla::calls::AudioCallMedia::devices(chosen->currentInputId(), chosen->currentOutputId())();
        };
        // The context object is the client: this runs on the engine thread, before start().
        client->setMediaFactory(parla::calls::AudioCallMedia::factory(audio));
        client->start(session);
    });
    QObject::connect(&account, &AccountSettings::signedOut, client, &CallClient::stop);

    // A sip:/tel: argument is dialled once the client can place calls.
    QString pendingCall = options.callNow;
    QObject::connect(&status, &ClientStatus::changed, &calls, [&] {
        if (status.isOnline() && !pendingCall.isEmpty())
            calls.dial(std::exchange(pendingCall, QString()));
    });

    // The tray, where the desktop has one: closing the window then keeps Parla running.
    const bool trayAvailable = TrayIcon::isSystemTrayAvailable();
    qCInfo(lcDesktopApp) << "system tray" << (trayAvailable ? "available" : "not available");
    // Started hidden (the start-on-login entry), the window is created unmapped and stays so
    // until asked for: hiding it after load() would flash it. Without a tray a hidden window
    // could not be found again: it shows.
    const bool startHidden = options.hidden && trayAvailable;
    if (options.hidden && !trayAvailable)
        qCInfo(lcDesktopApp) << "--hidden ignored: no system tray";

    QQmlApplicationEngine qml;
    qml.setInitialProperties({ { QStringLiteral("status"), QVariant::fromValue(&status) },
        { QStringLiteral("calls"), QVariant::fromValue(&calls) },
        { QStringLiteral("history"), QVariant::fromValue(&history) },
        { QStringLiteral("account"), QVariant::fromValue(&account) },
        { QStringLiteral("devices"), QVariant::fromValue(&devices) },
        { QStringLiteral("dialAddress"), options.dial.isEmpty() ? options.callNow : options.dial },
        { QStringLiteral("visible"), !startHidden } });
    qml.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Parla/Ui/Main.qml")));
    if (qml.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(qml.rootObjects().constFirst());
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &app,
        [&sinceStart] { qCInfo(lcDesktopApp) << "first frame" << sinceStart.elapsed() << "ms after start"; },
        Qt::SingleShotConnection);
    QObject::connect(&status, &ClientStatus::changed, &app, [&] {
        static bool said = false;
        if (status.isOnline() && !std::exchange(said, true))
            qCInfo(lcDesktopApp) << "running" << sinceStart.elapsed() << "ms after start";
    });

    bool quitting = false;
    const auto quit = [&] {
        if (std::exchange(quitting, true))
            return;
        if (client->state() == CallClient::State::Stopped || client->state() == CallClient::State::Failed) {
            QCoreApplication::quit();
            return;
        }
        // didStop comes once the un-REGISTER was answered (or timed out) and the socket closed.
        QObject::connect(client, &CallClient::didStop, &app, &QCoreApplication::quit);
        // A safety net only: the client bounds its own un-REGISTER and close.
        QTimer::singleShot(client->tuning().unregisterTimeout + std::chrono::seconds(3), &app, &QCoreApplication::quit);
        client->stop();
    };
    WindowKeeper keeper(window, trayAvailable);
    std::unique_ptr<TrayIcon> tray;
    if (trayAvailable) {
        tray = std::make_unique<TrayIcon>();
        new TrayBinding(tray.get(), &status, &calls, &history, tray.get());
        QObject::connect(tray.get(), &TrayIcon::toggleWindowRequested, &keeper, &WindowKeeper::toggle);
        QObject::connect(tray.get(), &TrayIcon::showWindowRequested, &keeper, &WindowKeeper::show);
        QObject::connect(tray.get(), &TrayIcon::quitRequested, &app, quit);
        QObject::connect(
            &keeper, &WindowKeeper::hiddenChanged, tray.get(), [&tray](bool hidden) { tray->setWindowShown(!hidden); });
        tray->setWindowShown(!startHidden);
    }
    QObject::connect(new CloseGuard(window), &CloseGuard::closeRequested, &keeper, &WindowKeeper::onCloseRequested);
    QObject::connect(&keeper, &WindowKeeper::quitRequested, &app, quit);

    // The desktop drives pause and resume: app state, sleep, network, and (if the user says
    // so) hidden in the tray.
    DesktopLifecycle lifecycle(client, &app);
    lifecycle.setHiddenCountsAsBackground(account.hiddenIsBackground());
    QObject::connect(&account, &AccountSettings::changed, &lifecycle,
        [&] { lifecycle.setHiddenCountsAsBackground(account.hiddenIsBackground()); });
    QObject::connect(&keeper, &WindowKeeper::hiddenChanged, &lifecycle, &DesktopLifecycle::setHiddenToTray);
    if (startHidden)
        lifecycle.setHiddenToTray(true);

    QObject::connect(&instance, &SingleInstance::activated, window, [&, window](const QString &address) {
        keeper.show();
        if (address.isEmpty())
            return;
        window->setProperty("dialAddress", address);
        if (status.isOnline())
            calls.dial(address);
        else
            pendingCall = address;
    });
    parla::platform::TerminationSignals termination;
    QObject::connect(&termination, &parla::platform::TerminationSignals::received, &app, quit);

    if (!options.server.isEmpty() || !options.user.isEmpty()) {
        Session session;
        session.server = QUrl(options.server, QUrl::StrictMode);
        session.user = options.user;
        session.password = qEnvironmentVariable("PARLA_PASSWORD");
        if (!account.signInWith(session))
            qCWarning(lcDesktopApp).noquote() << "cannot sign in from the command line:" << account.signInError();
    } else {
        account.probeKeychain();
        account.restore();
    }
    return app.exec();
}
