#!/usr/bin/env bash
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
    kamailio kamailio-websocket-modules kamailio-tls-modules
    sip-tester baresip
    iproute2 util-linux openssl
    clang-format
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

parla_build() {
    local werror="${PARLA_WERROR:-OFF}"
    if [ ! -f "$PARLA_BUILD/build.ninja" ]; then
        cmake -S "$PARLA_ROOT" -B "$PARLA_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLA_WERROR="$werror" >&2
    fi
    cmake --build "$PARLA_BUILD" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    parla_install_packages
    parla_build
fi
