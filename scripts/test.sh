#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds what is stale (warnings are errors),
# then runs every test — unit, integration against a real Kamailio, fuzz corpus replays.
# Extra arguments go to ctest, e.g. scripts/test.sh -L unit or -R callclient.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
export PARLA_WERROR="${PARLA_WERROR:-ON}"
parla_install_packages
parla_build
cd "$PARLA_BUILD"
ctest --output-on-failure --timeout 300 -j2 "$@"
