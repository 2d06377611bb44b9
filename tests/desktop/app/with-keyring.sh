#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test on a session bus of its own with an unlocked, empty GNOME Keyring (the Secret
# Service), in a throw-away home: nothing of the user's keyring is read or written.
set -eu
home=$(mktemp -d -t parla-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
# --unlock creates the login keyring with this password and returns once it serves the bus.
dbus-run-session -- sh -c 'printf parla-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' \
    sh "$@"
