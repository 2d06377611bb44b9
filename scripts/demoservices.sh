#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by demo.sh and desktop-demo.sh: what both demos run behind the front end.
# parla_demo_services NAME BOT starts the project's Kamailio on free loopback ports in a fresh
# state directory ($state_dir), sources its kamailio.env, and signs in the call-me bot
# (parla-cli --auto-answer --echo) as demo user BOT. The bot's stdin is a pipe held open by
# fd 3, so it runs until the demo ends and takes commands written to fd 3; its events go to
# $state_dir/bot.log. Everything stops, and the state directory goes, when the shell exits.

parla_demo_services() {
    local name="$1" bot="$2"
    state_dir="$(mktemp -d -t "$name.XXXXXX")"
    launcher="$PARLA_BUILD/kamailio/parla-kamailio"
    bot_pid=""
    trap parla_demo_services_stop EXIT
    "$launcher" start --state-dir "$state_dir" >/dev/null
    # shellcheck source=/dev/null
    source "$state_dir/kamailio.env"
    mkfifo "$state_dir/bot.in"
    PARLA_PASSWORD="$bot-secret" "$PARLA_BUILD/app/cli/parla-cli" --server "$PARLA_KAMAILIO_WS_URL" \
        --user "$bot" --auto-answer --echo <"$state_dir/bot.in" >"$state_dir/bot.log" 2>&1 &
    bot_pid=$!
    exec 3>"$state_dir/bot.in"
}

parla_demo_services_stop() {
    [ -n "${bot_pid:-}" ] && kill "$bot_pid" 2>/dev/null && wait "$bot_pid" 2>/dev/null
    "$launcher" stop --state-dir "$state_dir" >/dev/null 2>&1 || true
    rm -rf "$state_dir"
}
