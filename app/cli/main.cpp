// SPDX-License-Identifier: GPL-3.0-or-later
// parla-cli: the call client without a window. See --help.

#include "calltracker.h"
#include "clioptions.h"
#include "commandreader.h"
#include "commands.h"
#include "eventprinter.h"

#include "calls/audiocallmedia.h"
#include "calls/callregistry.h"
#include "calls/calltones.h"
#include "client/accountplace.h"
#include "client/callclient.h"
#include "client/engine.h"
#include "media/audiodevices.h"
#include "media/devicesink.h"
#include "media/mediaengine.h"
#include "media/toneplayer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using parla::client::CallClient;
using parla::client::Engine;

namespace {

// Asks on the terminal itself (not stdin, which carries commands), with echo off.
std::optional<QString> promptPassword(const QString &addressOfRecord)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return std::nullopt;
    std::fprintf(tty, "Password for %s: ", qPrintable(addressOfRecord));
    std::fflush(tty);
    termios saved {};
    const bool canHide = ::tcgetattr(fileno(tty), &saved) == 0;
    if (canHide) {
        termios hidden = saved;
        hidden.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(fileno(tty), TCSAFLUSH, &hidden);
    }
    char line[1024] = {};
    const bool read = std::fgets(line, sizeof line, tty) != nullptr;
    if (canHide)
        ::tcsetattr(fileno(tty), TCSAFLUSH, &saved);
    std::fprintf(tty, "\n");
    std::fclose(tty);
    if (!read)
        return std::nullopt;
    return QString::fromUtf8(line).chopped(QByteArrayView(line).endsWith('\n') ? 1 : 0);
}

parla::calls::AudioCallMedia::EndpointFactory endpointsFor(const CliOptions &options)
{
    using parla::calls::AudioCallMedia;
    if (options.echo)
        return AudioCallMedia::echo();
    if (!options.usesDevices())
        return AudioCallMedia::files(options.playFile, options.recordFile);
    return AudioCallMedia::devices(options.inputDevice, options.outputDevice);
}

// Ringback and the ringtone on the output device (CliOptions says when). Each call gets its own
// player, made on the media thread, and its CallTones, a child of the call on the engine thread.
// An incoming call is taken once its offer was accepted (incomingCall), so one refused with 488
// never rings.
void playCallTones(parla::calls::CallRegistry *registry, parla::media::MediaEngine *media, const CliOptions &options)
{
    using parla::calls::Call;
    using parla::calls::CallRegistry;
    using parla::calls::CallTones;
    const CallTones::Options tones { options.playsRingback(), options.playsRingtone() };
    if (!tones.ringback && !tones.ringtone)
        return;
    const auto attach = [media, tones, outputId = options.outputDevice](Call *call) {
        parla::media::TonePlayer *player = nullptr;
        media->run(
            [&] { player = new parla::media::TonePlayer(new parla::media::DeviceSink(outputId), media->context()); });
        (new CallTones(player, tones, call))->follow(call);
    };
    // No context object: run on the engine thread as the registry emits, before the call moves on.
    QObject::connect(
        registry, &CallRegistry::callAdded, registry,
        [attach](Call *call) {
            if (call->direction() == Call::Direction::Outgoing)
                attach(call);
        },
        Qt::DirectConnection);
    QObject::connect(registry, &CallRegistry::incomingCall, registry, attach, Qt::DirectConnection);
}

QJsonArray describe(const QList<parla::media::AudioDeviceInfo> &devices)
{
    QJsonArray list;
    for (const auto &device : devices)
        list.append(QJsonObject { { QStringLiteral("id"), QString::fromUtf8(device.id) },
            { QStringLiteral("description"), device.description }, { QStringLiteral("default"), device.isDefault } });
    return list;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("parla"));
    QCoreApplication::setApplicationName(QStringLiteral("parla-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLA_VERSION_STRING));

    const CliParseOutcome outcome = parseCliOptions(app.arguments());
    if (!outcome.options) {
        std::fprintf(outcome.exitCode == 0 ? stdout : stderr, "%s%s", qPrintable(outcome.output),
            outcome.output.endsWith(QLatin1Char('\n')) ? "" : "\n");
        return outcome.exitCode;
    }
    parla::client::Session session = outcome.options->session;
    if (qEnvironmentVariableIsSet("PARLA_PASSWORD")) {
        session.password = qEnvironmentVariable("PARLA_PASSWORD");
    } else if (auto password = promptPassword(session.addressOfRecord())) {
        session.password = *password;
    } else {
        std::fprintf(stderr, "parla-cli: no password: set PARLA_PASSWORD or run it on a terminal\n");
        return 2;
    }
    session.instanceId = parla::client::storedInstanceId(session);

    parla::media::MediaEngine media;
    parla::calls::AudioCallMedia::Options audio;
    audio.engine = &media;
    audio.endpoints = endpointsFor(*outcome.options);
    audio.localAddress = parla::client::localAddressToward(session.server);
    // The canceller is for a room with a speaker and a microphone; files and the echo bot have none.
    audio.echoCancellation = outcome.options->usesDevices();
    Engine engine(
        [audio](CallClient *client) { client->setMediaFactory(parla::calls::AudioCallMedia::factory(audio)); });
    CallClient *client = engine.client();
    EventPrinter printer(client);
    CallTracker tracker(client->calls(), &printer);
    tracker.setAutoAnswer(outcome.options->autoAnswer);
    playCallTones(client->calls(), &media, *outcome.options);
    CommandReader reader;

    bool quitting = false;
    const auto quit = [&] {
        if (quitting)
            return;
        quitting = true;
        const int code = client->state() == CallClient::State::Failed ? 1 : 0;
        if (client->state() == CallClient::State::Stopped || client->state() == CallClient::State::Failed) {
            QCoreApplication::exit(code);
            return;
        }
        // didStop comes once the un-REGISTER was answered (or timed out) and the socket closed.
        QObject::connect(client, &CallClient::didStop, &app, [code] { QCoreApplication::exit(code); });
        // A safety net only: the client bounds its own un-REGISTER and close.
        QTimer::singleShot(client->tuning().unregisterTimeout + std::chrono::seconds(3), &app,
            [code] { QCoreApplication::exit(code); });
        client->stop();
    };

    QObject::connect(&reader, &CommandReader::quitRequested, &app, quit);
    Commands commands(client, session, &printer, &tracker);
    commands.setQuit(quit);
    commands.setDeviceLister([&printer] {
        printer.print(QStringLiteral("devices"),
            { { QStringLiteral("inputs"), describe(parla::media::AudioDevices::inputs()) },
                { QStringLiteral("outputs"), describe(parla::media::AudioDevices::outputs()) } });
    });
    QObject::connect(&reader, &CommandReader::commandReceived, &commands, &Commands::execute);

    if (outcome.options->autoStart)
        client->start(session);
    return app.exec();
}
