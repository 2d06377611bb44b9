// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "privatesystembus.h"

#include <QDBusArgument>

namespace parla::test {

// What the lifecycle tests ask of dbusmock's logind template.
namespace logind {

inline const QString service = QStringLiteral("org.freedesktop.login1");
inline const QString path = QStringLiteral("/org/freedesktop/login1");
inline const QString manager = QStringLiteral("org.freedesktop.login1.Manager");

struct Inhibitor
{
    QString what, who, why, mode;
};

// The template's own list: an inhibitor leaves it when the last copy of its descriptor closes.
inline QList<Inhibitor> inhibitors()
{
    const QDBusMessage reply = PrivateSystemBus::mockCall(service, path, QStringLiteral("ListInhibitors"), {}, manager);
    QList<Inhibitor> list;
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return list;
    const QDBusArgument array = reply.arguments().first().value<QDBusArgument>();
    array.beginArray();
    while (!array.atEnd()) {
        Inhibitor inhibitor;
        uint uid = 0, pid = 0;
        array.beginStructure();
        array >> inhibitor.what >> inhibitor.who >> inhibitor.why >> inhibitor.mode >> uid >> pid;
        array.endStructure();
        list.append(inhibitor);
    }
    array.endArray();
    return list;
}

// Parla's sleep inhibitors of one mode ("delay" while awake, "block" during calls) that the
// template holds now.
inline int parlaSleepInhibitors(const QString &mode)
{
    int count = 0;
    for (const auto &inhibitor : inhibitors())
        if (inhibitor.who == QStringLiteral("Parla") && inhibitor.what == QStringLiteral("sleep")
            && inhibitor.mode == mode)
            ++count;
    return count;
}

// A private system bus with dbusmock's logind on it.
inline bool startLogind(PrivateSystemBus &bus, QString *error)
{
    return bus.start(error) && bus.startTemplate(QStringLiteral("logind"), service, error);
}

inline bool emitPrepareForSleep(bool sleeping)
{
    const QDBusMessage reply = PrivateSystemBus::mockCall(service, path, QStringLiteral("EmitSignal"),
        { manager, QStringLiteral("PrepareForSleep"), QStringLiteral("b"),
            QVariant::fromValue(QVariantList { sleeping }) });
    return reply.type() == QDBusMessage::ReplyMessage;
}

} // namespace logind
} // namespace parla::test
