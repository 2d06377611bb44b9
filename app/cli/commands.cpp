// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "calltracker.h"
#include "eventprinter.h"

#include "calls/call.h"
#include "client/callclient.h"

#include <QRegularExpression>

using parla::calls::Call;
using parla::client::CallClient;

Commands::Commands(CallClient *client, const parla::client::Session &session, EventPrinter *printer, CallTracker *calls,
    QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_session(session)
    , m_printer(printer)
    , m_calls(calls)
{
}

QString Commands::summary()
{
    return QStringLiteral("  start          sign in (done at launch unless --no-start)\n"
                          "  stop           un-register and disconnect\n"
                          "  pause          as when the app goes to the background: un-register, close the\n"
                          "                 socket (waits for calls in progress to end)\n"
                          "  resume         as when the app comes back: reconnect and register\n"
                          "  retry          the network is back: retry now instead of waiting for the backoff\n"
                          "  refresh        re-register now (needs the running state)\n"
                          "  status         print the current state\n"
                          "  call URI       call sip:bob@example.com, or bob (at the account's domain)\n"
                          "  answer [ID]    answer the ringing call (or call ID)\n"
                          "  decline [ID]   decline the ringing call\n"
                          "  hangup [ID]    hang up (or cancel) the call\n"
                          "  hold [ID]      put the active call on hold; unhold [ID] takes it off\n"
                          "  mute [ID]      stop sending sound (the stream goes on); unmute [ID]\n"
                          "  dtmf DIGITS    send DTMF (0-9 * # A-D) on the active call\n"
                          "  devices        list the audio input and output devices\n"
                          "  quit           stop, then exit (also on end of input, SIGINT, SIGTERM)\n");
}

void Commands::execute(const QString &line)
{
    const QString trimmed = line.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    const QString verb = (space < 0 ? trimmed : trimmed.left(space)).toLower();
    const QString argument = space < 0 ? QString() : trimmed.mid(space + 1).trimmed();
    const bool takesNoArgument = QStringList { QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("pause"),
        QStringLiteral("resume"), QStringLiteral("retry"), QStringLiteral("refresh"), QStringLiteral("status"),
        QStringLiteral("quit"), QStringLiteral("devices") }
                                     .contains(verb);
    if (takesNoArgument && !argument.isEmpty()) {
        m_printer->printCommandError(QStringLiteral("'%1' takes no argument").arg(verb));
        return;
    }
    if (verb == QLatin1String("start"))
        m_client->start(m_session);
    else if (verb == QLatin1String("stop"))
        m_client->stop();
    else if (verb == QLatin1String("pause"))
        m_client->pause();
    else if (verb == QLatin1String("resume"))
        m_client->resume();
    else if (verb == QLatin1String("retry"))
        m_client->networkAvailable();
    else if (verb == QLatin1String("refresh"))
        m_client->refreshRegistration();
    else if (verb == QLatin1String("status"))
        m_printer->printStatus();
    else if (verb == QLatin1String("quit") && m_quit)
        m_quit();
    else if (verb == QLatin1String("devices")) {
        if (m_listDevices)
            m_listDevices();
        else
            m_printer->printCommandError(
                QStringLiteral("no audio devices here: this parla-cli plays and records files"));
    } else
        callCommand(verb, argument);
}

void Commands::callCommand(const QString &verb, const QString &argument)
{
    using S = Call::State;
    QString error;
    if (verb == QLatin1String("call")) {
        if (argument.isEmpty() || argument.contains(QLatin1Char(' '))) {
            m_printer->printCommandError(
                QStringLiteral("'call' needs one address, e.g. call bob or call sip:bob@example.com"));
            return;
        }
        m_client->call(argument); // a refusal arrives as operationFailed
        return;
    }
    if (verb == QLatin1String("dtmf")) {
        static const QRegularExpression digits(QStringLiteral("^[0-9*#A-Da-d]{1,32}$"));
        if (!digits.match(argument).hasMatch()) {
            m_printer->printCommandError(QStringLiteral("'dtmf' needs 1 to 32 digits of 0-9 * # A-D, e.g. dtmf 1234#"));
            return;
        }
        if (Call *call = m_calls->pick({}, { S::Active, S::EarlyMedia }, &error))
            call->sendDtmf(argument);
        else
            m_printer->printCommandError(error);
        return;
    }
    struct Verb
    {
        const char *name;
        QList<S> states;
        std::function<void(Call *)> act;
    };
    const Verb verbs[] = {
        { "answer", { S::Ringing }, [](Call *call) { call->answer(); } },
        { "decline", { S::Ringing }, [](Call *call) { call->decline(); } },
        { "hangup", { S::Dialing, S::Ringing, S::EarlyMedia, S::Active, S::Held }, [](Call *call) { call->hangUp(); } },
        { "hold", { S::Active }, [](Call *call) { call->hold(); } },
        { "unhold", { S::Held }, [](Call *call) { call->unhold(); } },
        { "mute", { S::Active, S::EarlyMedia, S::Held }, [](Call *call) { call->setMuted(true); } },
        { "unmute", { S::Active, S::EarlyMedia, S::Held }, [](Call *call) { call->setMuted(false); } },
    };
    for (const Verb &known : verbs) {
        if (verb != QLatin1String(known.name))
            continue;
        if (argument.contains(QLatin1Char(' '))) {
            m_printer->printCommandError(QStringLiteral("'%1' takes at most one call id").arg(verb));
            return;
        }
        if (Call *call = m_calls->pick(argument, known.states, &error))
            known.act(call); // slots: each hops to the engine thread
        else
            m_printer->printCommandError(error);
        return;
    }
    m_printer->printCommandError(
        QStringLiteral("unknown command '%1'; commands: start, stop, pause, resume, retry, refresh, status, call, "
                       "answer, decline, hangup, hold, unhold, mute, unmute, dtmf, devices, quit")
            .arg(verb.left(80)));
}
