#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Parla needs (only the missing ones), then configures and
# builds incrementally into build/. Idempotent: a second run does only what is stale.
# Sourced by demo.sh and test.sh; can also be run alone.
set -euo pipefail

PARLA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARLA_BUILD="${PARLA_BUILD:-$PARLA_ROOT/build}"

# Every package and why it is here is listed in README.md ("Dependencies").
PARLA_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-websockets-dev qt6-scxml-dev
    libosip2-dev
    libopus-dev libspeexdsp-dev libwebrtc-audio-processing-dev libsrtp2-dev
    qt6-multimedia-dev pulseaudio pulseaudio-utils
    kamailio kamailio-websocket-modules kamailio-tls-modules
    sip-tester baresip
    iproute2 util-linux openssl
    clang-format
    # the desktop app: Qt Quick views, translations, history, keychain
    qt6-declarative-dev qt6-declarative-dev-tools qml6-module-qtqml qml6-module-qtquick
    qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qttest
    qt6-tools-dev qt6-l10n-tools libqt6sql6-sqlite qtkeychain-qt6-dev libsecret-1-0
    qt6-svg-dev qt6-translations-l10n
    # desktop tests: private buses, mocked logind/NetworkManager, keyring, X server
    dbus python3-dbusmock gnome-keyring xvfb desktop-file-utils appstream x11-utils
    # desktop end-to-end test only: XTEST keys (xdotool), window screenshots (ImageMagick's import)
    xdotool imagemagick
    # desktop end-to-end test only: a real EWMH window manager to minimise and close through
    openbox wmctrl
    # benchmark only: parla-bench-desktop measures Linphone desktop beside Parla, through Xlib
    # (which tst_desktopapp also uses, to see every window the app maps)
    linphone-desktop libx11-dev
)

parla_install_packages() {
    local missing=()
    for pkg in "${PARLA_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "parla: installing missing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # Kamailio's package must not start a system-wide instance: Parla runs its own on loopback.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Runs a command under flock "$PARLA_LOCK" when that is set (machines where several people
# build at once); CI leaves it unset.
parla_locked() {
    if [ -n "${PARLA_LOCK:-}" ]; then flock "$PARLA_LOCK" "$@"; else "$@"; fi
}

# parla_configure_build DIR BUILD_TYPE [-DNAME=VALUE ...] [-- TARGET ...]
# Configures DIR with Ninja (ccache through CMakeLists.txt) when it has not been, or when one
# of the given values differs from DIR's cache, so a setting asked for applies on every run
# without reconfiguring needlessly; then builds TARGETs (everything by default).
parla_configure_build() {
    local dir="$1" type="$2"
    shift 2
    local defs=("-DCMAKE_BUILD_TYPE=$type") targets=()
    while [ $# -gt 0 ]; do
        if [ "$1" = "--" ]; then
            shift
            for target in "$@"; do targets+=(--target "$target"); done
            break
        fi
        defs+=("$1")
        shift
    done
    local configure=0
    if [ ! -f "$dir/build.ninja" ]; then
        configure=1
    else
        local def name value
        for def in "${defs[@]}"; do
            name="${def#-D}" && name="${name%%=*}" && value="${def#*=}"
            [ "$(sed -n "s/^$name:[A-Z]*=//p" "$dir/CMakeCache.txt")" = "$value" ] || configure=1
        done
    fi
    if [ "$configure" = 1 ]; then
        parla_locked cmake -S "$PARLA_ROOT" -B "$dir" -G Ninja "${defs[@]}" >&2 || return
    fi
    parla_locked cmake --build "$dir" "${targets[@]}" >&2
}

# build/: the normal build. PARLA_WERROR=ON/OFF applies whenever it is set (test.sh sets ON);
# unset, the build keeps what it was configured with (OFF at first).
parla_build() {
    local defs=()
    [ -z "${PARLA_WERROR:-}" ] || defs+=("-DPARLA_WERROR=$PARLA_WERROR")
    parla_configure_build "$PARLA_BUILD" RelWithDebInfo "${defs[@]}"
}

# ctest in DIR with the given arguments (e.g. -R callclient), as scripts/test.sh runs it.
parla_ctest() {
    local dir="$1"
    shift
    (cd "$dir" && parla_locked ctest --output-on-failure --timeout 300 -j2 "$@")
}

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer (Debug, build-asan/):
# any report fails the test (-fno-sanitize-recover=all, abort_on_error).
parla_sanitize_address() {
    local dir="${PARLA_ASAN_BUILD:-$PARLA_ROOT/build-asan}"
    parla_configure_build "$dir" Debug -DPARLA_SANITIZE=address || return
    # No strict_string_checks: libxkbcommon-x11 (the xcb platform under Xvfb) hands strndup() a
    # buffer without a NUL, which is legal, and strict mode reports it as an overflow.
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
        LSAN_OPTIONS="suppressions=$PARLA_ROOT/tests/lsan/suppressions.txt:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" parla_ctest "$dir" "$@"
}

# The tests labelled "threads" (tests/unit/CMakeLists.txt) under ThreadSanitizer (build-tsan/):
# builds only those; CTest gives them TSAN_OPTIONS with tests/tsan/suppressions.txt.
parla_sanitize_thread() {
    local dir="${PARLA_TSAN_BUILD:-$PARLA_ROOT/build-tsan}"
    parla_configure_build "$dir" RelWithDebInfo -DPARLA_SANITIZE=thread -- unit_threads || return
    parla_ctest "$dir" -L threads "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    parla_install_packages
    parla_build
fi
