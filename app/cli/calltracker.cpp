// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltracker.h"

#include "eventprinter.h"

#include "calls/callregistry.h"

#include <QJsonObject>

using parla::calls::Call;
using parla::calls::CallRegistry;

CallTracker::CallTracker(CallRegistry *registry, EventPrinter *printer, QObject *parent)
    : QObject(parent)
    , m_printer(printer)
{
    // No context object: runs on the engine thread as the call is created, before it moves.
    connect(
        registry, &CallRegistry::callAdded, registry, [this](Call *call) { hook(call); }, Qt::DirectConnection);
}

void CallTracker::hook(Call *call)
{
    // Everything read here is read on the engine thread, the call's own; the main thread only
    // ever sees copies in the queued lambdas.
    const int id = call->id();
    const auto describe = [call] {
        QJsonObject fields { { QStringLiteral("id"), call->id() },
            { QStringLiteral("direction"),
                call->direction() == Call::Direction::Incoming ? QStringLiteral("incoming")
                                                               : QStringLiteral("outgoing") },
            { QStringLiteral("state"), Call::stateName(call->state()) },
            { QStringLiteral("remote"), call->remoteUri() },
            // SRTP: the audio is encrypted (negotiated over wss://).
            { QStringLiteral("secure"), call->isSecure() } };
        if (!call->remoteDisplayName().isEmpty())
            fields.insert(QStringLiteral("displayName"), call->remoteDisplayName());
        if (call->isEnded()) {
            fields.insert(QStringLiteral("endReason"), Call::endReasonName(call->endReason()));
            fields.insert(QStringLiteral("endReasonText"), call->endReasonText());
        }
        return fields;
    };
    const Call::Direction direction = call->direction();
    QPointer<Call> pointer(call);
    QMetaObject::invokeMethod(this, [this, id, pointer, direction] {
        m_calls.insert(id,
            { pointer, direction,
                direction == Call::Direction::Incoming ? Call::State::Ringing : Call::State::Dialing });
    });
    connect(
        call, &Call::stateChanged, call,
        [this, id, describe](Call::State state) {
            const QJsonObject fields = describe();
            QMetaObject::invokeMethod(this, [this, id, state, fields] { onState(id, state, fields); });
        },
        Qt::DirectConnection);
    connect(call, &Call::mutedChanged, this, [this, id](bool muted) {
        m_printer->print(
            QStringLiteral("callMuted"), { { QStringLiteral("id"), id }, { QStringLiteral("muted"), muted } });
    });
    connect(call, &Call::remoteHoldChanged, this, [this, id](bool holding) {
        m_printer->print(
            QStringLiteral("callRemoteHold"), { { QStringLiteral("id"), id }, { QStringLiteral("holding"), holding } });
    });
    connect(call, &Call::dtmfReceived, this, [this, id](QChar digit) {
        m_printer->print(QStringLiteral("dtmfReceived"),
            { { QStringLiteral("id"), id }, { QStringLiteral("digit"), QString(digit) } });
    });
    connect(call, &Call::mediaFailed, this, [this, id](const QString &reason) {
        m_printer->print(
            QStringLiteral("callMediaFailed"), { { QStringLiteral("id"), id }, { QStringLiteral("reason"), reason } });
    });
    connect(call, &Call::operationFailed, this, [this, id](const QString &message) {
        m_printer->print(QStringLiteral("callOperationFailed"),
            { { QStringLiteral("id"), id }, { QStringLiteral("message"), message } });
    });
    if (direction == Call::Direction::Incoming) {
        const QJsonObject fields = describe();
        QMetaObject::invokeMethod(this, [this, id, pointer, fields] {
            m_printer->print(QStringLiteral("incomingCall"), fields);
            if (m_autoAnswer && pointer)
                pointer->answer(); // a slot: it hops to the engine thread
        });
    }
}

void CallTracker::onState(int id, Call::State state, const QJsonObject &fields)
{
    m_printer->print(QStringLiteral("callStateChanged"), fields);
    if (state == Call::State::Ended) {
        m_calls.remove(id);
        return;
    }
    if (auto it = m_calls.find(id); it != m_calls.end())
        it->state = state;
}

Call *CallTracker::pick(const QString &id, QList<Call::State> states, QString *error) const
{
    if (!id.isEmpty()) {
        bool ok = false;
        const int number = id.toInt(&ok);
        const auto it = m_calls.constFind(number);
        if (!ok || it == m_calls.cend() || !it->call) {
            *error = QStringLiteral("no call with id '%1'").arg(id.left(20));
            return nullptr;
        }
        return it->call;
    }
    QList<Call *> matching;
    for (const Known &known : m_calls) {
        if (known.call && states.contains(known.state))
            matching.append(known.call);
    }
    if (matching.size() == 1)
        return matching.first();
    QStringList names;
    for (Call::State state : states)
        names.append(Call::stateName(state));
    *error = matching.isEmpty() ? QStringLiteral("no call is %1").arg(names.join(QStringLiteral(" or ")))
                                : QStringLiteral("%1 calls are %2: name one by its id")
                                      .arg(matching.size())
                                      .arg(names.join(QStringLiteral(" or ")));
    return nullptr;
}
