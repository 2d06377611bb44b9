// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/call.h"

#include <QMap>
#include <QObject>
#include <QPointer>

class EventPrinter;

namespace parla::calls {
class CallRegistry;
}

// The CLI's view of the calls: every call change as a JSON-lines event, and which call a
// command without an id means. Lives on the main thread; the calls live on the engine thread
// and reach it by queued signals only. A call is hooked the moment the registry creates it,
// on the engine thread, so not one of its changes is missed.
class CallTracker : public QObject
{
    Q_OBJECT
public:
    struct Known
    {
        QPointer<parla::calls::Call> call;
        parla::calls::Call::Direction direction;
        parla::calls::Call::State state;
    };

    CallTracker(parla::calls::CallRegistry *registry, EventPrinter *printer, QObject *parent = nullptr);

    // The call a command means: `id` when given, else the only call in one of `states`.
    // nullptr and `error` (a sentence) when there is no such call, or more than one.
    parla::calls::Call *pick(const QString &id, QList<parla::calls::Call::State> states, QString *error) const;
    void setAutoAnswer(bool autoAnswer) { m_autoAnswer = autoAnswer; }

private:
    void hook(parla::calls::Call *call); // engine thread
    void onState(int id, parla::calls::Call::State state, const QJsonObject &fields);

    EventPrinter *m_printer;
    QMap<int, Known> m_calls; // main thread only
    bool m_autoAnswer = false;
};
