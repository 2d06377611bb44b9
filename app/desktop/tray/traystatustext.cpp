// SPDX-License-Identifier: GPL-3.0-or-later
#include "traystatustext.h"

namespace parla::desktop {

namespace {

using State = client::CallClient::State;

// A display name in a From header can be as long as the message; a tray line cannot.
constexpr qsizetype callerLimit = 64;

} // namespace

QString TrayStatusText::stateInWords(State state, const QString &reasonInWords)
{
    switch (state) {
    case State::Stopped:
        return tr("Signed out");
    case State::Starting:
        return tr("Connecting…");
    case State::Running:
        return tr("Online");
    case State::Paused:
        return tr("Paused in the background");
    case State::Resuming:
        return tr("Resuming…");
    case State::Reconnecting:
        return tr("Connection lost, reconnecting…");
    case State::Failed:
        return reasonInWords.isEmpty() ? tr("Not connected") : tr("Not connected: %1").arg(reasonInWords);
    }
    return {};
}

QString TrayStatusText::toolTip(
    State state, const QString &reasonInWords, const QString &ringingCaller, int missedCalls)
{
    QStringList lines { QStringLiteral("Parla: %1").arg(stateInWords(state, reasonInWords)) };
    if (!ringingCaller.isEmpty())
        lines << tr("Incoming call from %1").arg(boundedCaller(ringingCaller));
    if (missedCalls > 0)
        lines << tr("%n missed call(s)", nullptr, missedCalls);
    return lines.join(QLatin1Char('\n'));
}

QString TrayStatusText::missedCallTitle()
{
    return tr("Missed call");
}

QString TrayStatusText::missedCallMessage(const QString &caller)
{
    // Notification bodies may be read as markup (the freedesktop spec's body-markup).
    return tr("%1 called you.").arg(boundedCaller(caller).toHtmlEscaped());
}

QString TrayStatusText::boundedCaller(const QString &caller)
{
    QString bounded = caller.simplified();
    if (bounded.size() > callerLimit)
        bounded = bounded.left(callerLimit - 1) + QChar(0x2026);
    return bounded.isEmpty() ? tr("Unknown caller") : bounded;
}

} // namespace parla::desktop
