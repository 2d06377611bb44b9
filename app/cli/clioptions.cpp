// SPDX-License-Identifier: GPL-3.0-or-later
#include "clioptions.h"

#include "commands.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace {
QString description()
{
    return QStringLiteral("Parla's headless call client. Signs in to a SIP registrar over WebSocket (RFC 7118) and\n"
                          "prints every event of the call client as one JSON object per line on stdout.\n"
                          "\n"
                          "The password is read from the PARLA_PASSWORD environment variable, or asked for on the\n"
                          "terminal; it is never a command-line argument, so other users cannot see it in ps.\n"
                          "\n"
                          "Commands, one per line on stdin:\n"
                          "@COMMANDS@"
                          "\n"
                          "Events: {\"event\": NAME, \"time\": ISO-8601, ...} with NAME one of stateWillChange and\n"
                          "stateDidChange (with \"from\" and \"to\"), willStart, didStart, willPause, didPause,\n"
                          "willResume, didResume, willStop, didStop, didStartReconnecting (\"attempt\", \"nextTry\"),\n"
                          "didFail and operationFailed (\"reason\", \"message\"), registered (\"expires\"),\n"
                          "status (\"state\"), commandError (\"message\"); for calls: incomingCall and\n"
                          "callStateChanged (\"id\", \"direction\", \"state\", \"remote\", \"displayName\",\n"
                          "\"secure\" (true: the audio is SRTP), and once ended \"endReason\", \"endReasonText\"),\n"
                          "callMuted, callRemoteHold, dtmfReceived\n"
                          "(\"digit\"), callMediaFailed (\"reason\"), callOperationFailed (\"message\"); and\n"
                          "devices (\"inputs\", \"outputs\").\n"
                          "\n"
                          "Exit status: 0 after quit, 1 when the client failed and input ended, 2 for bad arguments.")
        .replace(QStringLiteral("@COMMANDS@"), Commands::summary());
}
} // namespace

CliParseOutcome parseCliOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption server({ QStringLiteral("s"), QStringLiteral("server") },
        QStringLiteral("SIP WebSocket server, ws://host:port or wss://host:port."), QStringLiteral("url"));
    const QCommandLineOption user({ QStringLiteral("u"), QStringLiteral("user") },
        QStringLiteral("User name (the user part of sip:user@domain)."), QStringLiteral("name"));
    const QCommandLineOption domain(
        QStringLiteral("domain"), QStringLiteral("SIP domain (default: the server's host)."), QStringLiteral("domain"));
    const QCommandLineOption displayName(QStringLiteral("display-name"),
        QStringLiteral("Display name shown to people you call."), QStringLiteral("name"));
    const QCommandLineOption expires(QStringLiteral("expires"),
        QStringLiteral("Registration lifetime to ask for, seconds (default 600)."), QStringLiteral("seconds"),
        QStringLiteral("600"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
        QStringLiteral("For wss://: also trust the certificate authorities in this PEM file, besides the "
                       "system's (e.g. a company's own CA). Nothing else lowers the certificate checks."),
        QStringLiteral("path"));
    const QCommandLineOption autoAnswer(
        QStringLiteral("auto-answer"), QStringLiteral("Answer every incoming call at once."));
    const QCommandLineOption echo(QStringLiteral("echo"),
        QStringLiteral("Send every call's audio back to the caller (a call-me bot); no devices used."));
    const QCommandLineOption play(QStringLiteral("play"),
        QStringLiteral("Send this WAV file (PCM16) as the microphone, instead of a device."),
        QStringLiteral("file.wav"));
    const QCommandLineOption record(QStringLiteral("record"),
        QStringLiteral("Write what the other side sends to this WAV file, instead of playing it."),
        QStringLiteral("file.wav"));
    const QCommandLineOption inputDevice(QStringLiteral("input-device"),
        QStringLiteral("Microphone by id, as the devices command lists them (default: the system's)."),
        QStringLiteral("id"));
    const QCommandLineOption outputDevice(QStringLiteral("output-device"),
        QStringLiteral("Speaker by id, as the devices command lists them (default: the system's)."),
        QStringLiteral("id"));
    const QCommandLineOption noRingtone(QStringLiteral("no-ringtone"),
        QStringLiteral("Do not ring on the output device for incoming calls (the incomingCall event still "
                       "comes). Calls you place still play ringback there until answered; --play, "
                       "--record, --echo and --auto-answer play no ringtone anyway."));
    const QCommandLineOption noStart(
        QStringLiteral("no-start"), QStringLiteral("Do not sign in at launch; wait for a start command."));
    parser.addOptions({ server, user, domain, displayName, expires, caFile, autoAnswer, echo, play, record, inputDevice,
        outputDevice, noRingtone, noStart });

    if (!parser.parse(arguments))
        return { std::nullopt, parser.errorText(), 2 };
    if (parser.isSet(helpOption))
        return { std::nullopt, parser.helpText(), 0 };
    if (parser.isSet(versionOption))
        return { std::nullopt, QStringLiteral("parla-cli %1").arg(QStringLiteral(PARLA_VERSION_STRING)), 0 };
    if (!parser.positionalArguments().isEmpty())
        return { std::nullopt,
            QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()), 2 };
    if (!parser.isSet(server))
        return { std::nullopt, QStringLiteral("--server is required, e.g. --server ws://127.0.0.1:8080"), 2 };
    if (!parser.isSet(user))
        return { std::nullopt, QStringLiteral("--user is required, e.g. --user alice"), 2 };

    CliOptions options;
    options.session.server = QUrl(parser.value(server), QUrl::StrictMode);
    options.session.user = parser.value(user);
    options.session.domain = parser.value(domain);
    options.session.displayName = parser.value(displayName);
    options.session.caFile = parser.value(caFile); // Session::validate() checks it below
    bool ok = false;
    options.session.registerExpires = parser.value(expires).toInt(&ok);
    if (!ok)
        return { std::nullopt,
            QStringLiteral("--expires needs a number of seconds, not '%1'").arg(parser.value(expires)), 2 };
    options.autoStart = !parser.isSet(noStart);
    options.autoAnswer = parser.isSet(autoAnswer);
    options.echo = parser.isSet(echo);
    options.playFile = parser.value(play);
    options.recordFile = parser.value(record);
    options.inputDevice = parser.value(inputDevice).toUtf8();
    options.outputDevice = parser.value(outputDevice).toUtf8();
    options.ringtone = !parser.isSet(noRingtone);
    if (options.echo && (parser.isSet(play) || parser.isSet(record)))
        return { std::nullopt,
            QStringLiteral("--echo sends the caller's own audio back: it takes no --play or --record"), 2 };
    if (!options.usesDevices() && (parser.isSet(inputDevice) || parser.isSet(outputDevice)))
        return { std::nullopt,
            QStringLiteral("--input-device and --output-device choose devices; --play, --record and "
                           "--echo replace them"),
            2 };
    if (parser.isSet(play) && !QFileInfo(options.playFile).isReadable())
        return { std::nullopt, QStringLiteral("--play: cannot read '%1'").arg(options.playFile), 2 };
    // The password is checked later, once it is known; everything else is checked now.
    parla::client::Session probe = options.session;
    if (const QString problem = probe.validate(); !problem.isEmpty())
        return { std::nullopt, problem, 2 };
    return { options, {}, 0 };
}
