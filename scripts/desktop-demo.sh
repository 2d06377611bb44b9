#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop demo: installs what is missing, builds what is stale, starts the project's
# Kamailio on free loopback ports, signs in a call-me bot (parla-cli --auto-answer --echo) as
# bob, and launches the desktop app `parla` signed in as alice with the bot's address in the
# dialer: press Call and you hear yourself. --bot-calls makes the bot call the app once it is
# online, so the incoming-call window shows. Closing the window ends everything.
# Usage: scripts/desktop-demo.sh [--bot-calls]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/demoservices.sh"

bot_calls=0
for arg in "$@"; do
    case "$arg" in
    --bot-calls) bot_calls=1 ;;
    -h | --help)
        sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "desktop-demo.sh: unknown argument '$arg' (--bot-calls)" >&2
        exit 2
        ;;
    esac
done

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    cat >&2 <<'MSG'
desktop-demo.sh: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop
session, or under a virtual display (Debian's xvfb package), for example:
    xvfb-run -a scripts/desktop-demo.sh --bot-calls
MSG
    exit 2
fi

parla_install_packages
parla_build

user=alice
bot=bob
parla_demo_services parla-desktop-demo "$bot"

cat >&2 <<MSG
parla: Kamailio is listening on $PARLA_KAMAILIO_WS_URL; its log is $PARLA_KAMAILIO_LOG
parla: a call-me bot is signed in as sip:$bot@$PARLA_KAMAILIO_DOMAIN (it answers and echoes).
parla: launching the desktop app signed in as sip:$user@$PARLA_KAMAILIO_DOMAIN, "$bot" in the dialer.
MSG

# The demo users' passwords are public (kamailio/dbtext/subscriber). The app gets its own
# settings, data and instance socket, so the demo never touches a real account's.
export XDG_CONFIG_HOME="$state_dir/config" XDG_DATA_HOME="$state_dir/data"
export PARLA_INSTANCE_SOCKET="$state_dir/parla.socket"
PARLA_PASSWORD="$user-secret" "$PARLA_BUILD/app/desktop/parla" --server "$PARLA_KAMAILIO_WS_URL" --user "$user" \
    --dial "$bot" 2> >(tee "$state_dir/parla.log" >&2) &
app_pid=$!

if [ "$bot_calls" = 1 ]; then
    # Once the app is registered (its log says so; 20 s at most), the bot calls it.
    for _ in $(seq 200); do
        grep -q "registered sip:$user@" "$state_dir/parla.log" 2>/dev/null && break
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q "registered sip:$user@" "$state_dir/parla.log" 2>/dev/null; then
        echo "parla: the bot calls $user now: answer in the incoming-call window." >&2
        echo "call $user" >&3
    else
        echo "desktop-demo.sh: the app did not register within 20 s; the bot does not call" >&2
    fi
fi
wait "$app_pid"
