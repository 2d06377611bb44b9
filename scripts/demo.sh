#!/usr/bin/env bash
# The main job: installs what is missing, builds what is stale, starts the project's Kamailio
# on free loopback ports, and signs parla-cli in to it as a demo user (alice unless named),
# printing its events as JSON lines. Type commands (pause, resume, status, quit, ...);
# Ctrl-C or quit stops both. Usage: scripts/demo.sh [alice|bob|carol]
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

state_dir="$(mktemp -d -t parla-demo.XXXXXX)"
launcher="$PARLA_BUILD/kamailio/parla-kamailio"
cleanup() {
    "$launcher" stop --state-dir "$state_dir" >/dev/null 2>&1 || true
    rm -rf "$state_dir"
}
trap cleanup EXIT
"$launcher" start --state-dir "$state_dir" >/dev/null
# shellcheck source=/dev/null
source "$state_dir/kamailio.env"

cat >&2 <<MSG
parla: Kamailio is listening on $PARLA_KAMAILIO_WS_URL (SIP over WebSocket) and
       udp/tcp 127.0.0.1:$PARLA_KAMAILIO_UDP_PORT; its log is $PARLA_KAMAILIO_LOG
parla: signing in as sip:$user@$PARLA_KAMAILIO_DOMAIN. Commands: pause, resume, retry,
       refresh, status, stop, start, quit (see parla-cli --help).
MSG
# The demo users' passwords are public (kamailio/dbtext/subscriber); a real one is never
# put on a command line: parla-cli reads PARLA_PASSWORD or asks on the terminal.
PARLA_PASSWORD="$user-secret" "$PARLA_BUILD/app/cli/parla-cli" --server "$PARLA_KAMAILIO_WS_URL" --user "$user"
