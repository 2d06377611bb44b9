// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/session.h"

#include <QString>
#include <QStringList>

#include <optional>

// What the command line asked for, checked. parse() never exits: main() decides what to print.
struct CliOptions
{
    parla::client::Session session;
    bool autoStart = true;
    bool autoAnswer = false;
    // Audio: files replace the devices (for tests and automation), or --echo sends the far
    // end's audio back to it (a call-me bot). Otherwise the devices, chosen by id or default.
    bool echo = false;
    QString playFile;
    QString recordFile;
    QByteArray inputDevice;
    QByteArray outputDevice;
    // Call tones on the output device: ringback while a call we place rings, and a ringtone
    // for an incoming call unless --no-ringtone or --auto-answer (nobody needs calling then).
    // Files and --echo use no device, so they play no tones.
    bool ringtone = true;

    bool usesDevices() const { return !echo && playFile.isEmpty() && recordFile.isEmpty(); }
    bool playsRingback() const { return usesDevices(); }
    bool playsRingtone() const { return usesDevices() && ringtone && !autoAnswer; }
};

struct CliParseOutcome
{
    std::optional<CliOptions> options; // set when the program should run
    QString output; // --help / --version text, or the error message
    int exitCode = 0; // 0 for help/version, 2 for a usage error
};

CliParseOutcome parseCliOptions(const QStringList &arguments);
