#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: installs what is missing, builds what is stale, starts the project's Kamailio
# on free loopback ports, signs in a call-me bot (parla-cli --auto-answer --echo) as another
# demo user, and signs parla-cli in as a demo user (alice unless named), printing its events
# as JSON lines. Type `call bob` (the bot: you hear yourself), pause, resume, status, quit, ...;
# Ctrl-C or quit stops everything. Usage: scripts/demo.sh [alice|bob|carol]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/demoservices.sh"

user="${1:-alice}"
case "$user" in
alice | bob | carol) ;;
*)
    echo "demo.sh: unknown demo user '$user' (alice, bob or carol)" >&2
    exit 2
    ;;
esac

parla_install_packages
parla_build

# The bot is the first other demo user: bob, or alice when you are bob.
bot=bob
[ "$user" = bob ] && bot=alice

parla_demo_services parla-demo "$bot"

cat >&2 <<MSG
parla: Kamailio is listening on $PARLA_KAMAILIO_WS_URL (SIP over WebSocket) and
       udp/tcp 127.0.0.1:$PARLA_KAMAILIO_UDP_PORT; its log is $PARLA_KAMAILIO_LOG
parla: a call-me bot is signed in as sip:$bot@$PARLA_KAMAILIO_DOMAIN: type "call $bot" and you
       hear yourself (through your default microphone and speaker); "hangup" ends the call.
parla: signing in as sip:$user@$PARLA_KAMAILIO_DOMAIN. Commands: call, answer, hangup, hold,
       unhold, mute, unmute, dtmf, devices, pause, resume, status, quit (see parla-cli --help).
MSG
# The demo users' passwords are public (kamailio/dbtext/subscriber); a real one is never
# put on a command line: parla-cli reads PARLA_PASSWORD or asks on the terminal.
PARLA_PASSWORD="$user-secret" "$PARLA_BUILD/app/cli/parla-cli" --server "$PARLA_KAMAILIO_WS_URL" --user "$user"
