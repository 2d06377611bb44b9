// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayartwork.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace parla::desktop {

namespace {

using State = client::CallClient::State;

// What trays ask for: 16 and 22 px on most panels, 24 and 32 at larger scales, 48 and 64 for
// the notification and HiDPI panels.
constexpr int iconSizes[] = { 16, 22, 24, 32, 48, 64 };
constexpr int badgeLimit = 9;

QString stateFileName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Starting:
    case State::Resuming: // coming back is connecting again, to a person
        return QStringLiteral("starting");
    case State::Running:
        return QStringLiteral("running");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("stopped");
}

void drawBadge(QPainter &painter, int size, const QString &text)
{
    // A red disc in the top-right quarter and more, so the count stays legible at 16 px.
    const qreal diameter = size * 0.58;
    const QRectF disc(size - diameter, 0, diameter, diameter);
    painter.setPen(QPen(Qt::white, qMax(1.0, size / 32.0)));
    painter.setBrush(QColor(0xd0, 0x10, 0x10));
    painter.drawEllipse(disc.adjusted(0.5, 0.5, -0.5, -0.5));
    QFont font;
    font.setBold(true);
    font.setPixelSize(qMax(6, int(diameter * (text.size() > 1 ? 0.55 : 0.75))));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(disc, Qt::AlignCenter, text);
}

} // namespace

QString TrayArtwork::svgPath(State state, bool ringing)
{
    const QString name = ringing ? QStringLiteral("ringing") : stateFileName(state);
    return QStringLiteral(":/parla/icons/tray/tray-%1.svg").arg(name);
}

QString TrayArtwork::badgeText(int missedCalls)
{
    if (missedCalls <= 0)
        return {};
    return missedCalls > badgeLimit ? QStringLiteral("%1+").arg(badgeLimit) : QString::number(missedCalls);
}

QIcon TrayArtwork::icon(State state, bool ringing, int missedCalls)
{
    QSvgRenderer renderer(svgPath(state, ringing));
    const QString badge = badgeText(missedCalls);
    QIcon icon;
    for (int size : iconSizes) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        if (!badge.isEmpty())
            drawBadge(painter, size, badge);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace parla::desktop
