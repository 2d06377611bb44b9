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

    bool usesDevices() const { return !echo && playFile.isEmpty() && recordFile.isEmpty(); }
};

struct CliParseOutcome
{
    std::optional<CliOptions> options; // set when the program should run
    QString output; // --help / --version text, or the error message
    int exitCode = 0; // 0 for help/version, 2 for a usage error
};

CliParseOutcome parseCliOptions(const QStringList &arguments);
