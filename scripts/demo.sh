#!/usr/bin/env bash
# The main job: installs what is missing, builds what is stale, starts the project's Kamailio
# on free loopback ports, signs in a call-me bot (parla-cli --auto-answer --echo) as another
# demo user, and signs parla-cli in as a demo user (alice unless named), printing its events
# as JSON lines. Type `call bob` (the bot: you hear yourself), pause, resume, status, quit, ...;
# Ctrl-C or quit stops everything. Usage: scripts/demo.sh [alice|bob|carol]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

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

state_dir="$(mktemp -d -t parla-demo.XXXXXX)"
launcher="$PARLA_BUILD/kamailio/parla-kamailio"
bot_pid=""
cleanup() {
    [ -n "$bot_pid" ] && kill "$bot_pid" 2>/dev/null && wait "$bot_pid" 2>/dev/null
    "$launcher" stop --state-dir "$state_dir" >/dev/null 2>&1 || true
    rm -rf "$state_dir"
}
trap cleanup EXIT
"$launcher" start --state-dir "$state_dir" >/dev/null
# shellcheck source=/dev/null
source "$state_dir/kamailio.env"

# The call-me bot answers every call and sends the caller's audio back. Its stdin stays open
# (a pipe that is never written), so it runs until the demo ends; its events go to a log.
mkfifo "$state_dir/bot.in"
PARLA_PASSWORD="$bot-secret" "$PARLA_BUILD/app/cli/parla-cli" --server "$PARLA_KAMAILIO_WS_URL" --user "$bot" \
    --auto-answer --echo <"$state_dir/bot.in" >"$state_dir/bot.log" 2>&1 &
bot_pid=$!
exec 3>"$state_dir/bot.in"

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
