// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/callclient.h"

#include <QIcon>
#include <QString>

namespace parla::desktop {

// The tray's pictures: the SVG of a client state (or the ringing one) rendered at the sizes
// trays ask for, with the missed-call count drawn on as a badge. Rendered here with QSvgRenderer
// rather than left to QIcon, so every size carries the badge and a missing SVG renderer fails
// the build instead of showing a blank icon.
class TrayArtwork
{
public:
    // ":/parla/icons/tray/tray-running.svg"; the ringing picture wins over the state's.
    static QString svgPath(client::CallClient::State state, bool ringing);
    static QIcon icon(client::CallClient::State state, bool ringing, int missedCalls);
    // "3", or "9+" where a tray's 22 px leave no room for more digits.
    static QString badgeText(int missedCalls);
};

} // namespace parla::desktop
