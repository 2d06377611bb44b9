#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite, as CI runs it: installs what is missing, then three passes, each built
# only where stale (ccache) and each run even if an earlier one failed:
#  1. build/ (warnings are errors): every test, unit, integration against a real Kamailio,
#     fuzz corpus replays, formatting;
#  2. build-asan/: the same suite under AddressSanitizer and UBSan;
#  3. build-tsan/: the tests labelled "threads" under ThreadSanitizer.
# Extra arguments go to every ctest run, e.g. scripts/test.sh -L unit or -R callclient.
# PARLA_SANITIZERS=0 runs the first pass only (a quick local check). Exit status 1 if any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
export PARLA_WERROR="${PARLA_WERROR:-ON}"
parla_install_packages

failed=()
run_pass() {
    local name="$1" start=$SECONDS
    shift
    echo "parla: == $name ==" >&2
    if "$@"; then
        echo "parla: == $name: passed in $((SECONDS - start)) s ==" >&2
    else
        echo "parla: == $name: FAILED after $((SECONDS - start)) s ==" >&2
        failed+=("$name")
    fi
}
normal_pass() {
    parla_build || return
    parla_ctest "$PARLA_BUILD" "$@"
}

run_pass "suite (build/)" normal_pass "$@"
if [ "${PARLA_SANITIZERS:-1}" != 0 ]; then
    run_pass "ASan+UBSan (build-asan/)" parla_sanitize_address "$@"
    run_pass "TSan, label threads (build-tsan/)" parla_sanitize_thread "$@"
fi
if [ ${#failed[@]} -gt 0 ]; then
    echo "parla: failed: ${failed[*]}" >&2
    exit 1
fi
echo "parla: all passes passed in $SECONDS s" >&2
