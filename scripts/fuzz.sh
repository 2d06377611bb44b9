#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Parla's libFuzzer targets with clang, ASan and UBSan in build-fuzz/, then runs each
# one for N seconds (default 60) on a copy of its seed corpus (tests/fuzz/corpus/<target>).
# Exits non-zero when a target crashes, leaks or times out; reproducers are kept in
# build-fuzz/fuzz-work/<target>/artifacts/ and can be replayed with
#   build-fuzz/tests/fuzz/<target> <reproducer>
# and, once fixed, added to the seed corpus so that ctest's fuzz.replay.<target> guards it.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
# Environment: PARLA_FUZZ_BUILD (default build-fuzz), PARLA_FUZZ_JOBS (ninja -j, default 1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${PARLA_FUZZ_BUILD:-$ROOT/build-fuzz}"
JOBS="${PARLA_FUZZ_JOBS:-1}"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_sipmessage fuzz_digestchallenge fuzz_sdp fuzz_rtp fuzz_rtcp fuzz_netlinkroutetable
    fuzz_instancemessage)

# libFuzzer comes with clang's runtime; the rest of the set-up is the project's usual one.
source "$ROOT/scripts/setup.sh"
PARLA_PACKAGES+=(clang libclang-rt-14-dev)
parla_install_packages

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DPARLA_FUZZ=ON >/dev/null
ninja -C "$BUILD" -j "$JOBS" "${TARGETS[@]}"

failed=()
for target in "${TARGETS[@]}"; do
    work="$BUILD/fuzz-work/$target"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp "$ROOT/tests/fuzz/corpus/$target/"* "$work/corpus/"
    echo "fuzz.sh: running $target for ${SECONDS_PER_TARGET}s" >&2
    status=0
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=16384 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" \
        >"$work/log" 2>&1 || status=$?
    grep -E '^#[0-9]+.*DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
        "$work/log" >&2 || true
    grep -E '^#[0-9]+' "$work/log" | tail -1 >&2 || true
    if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
        echo "fuzz.sh: $target FAILED (exit $status); log: $work/log; artifacts:" >&2
        ls "$work/artifacts" >&2 || true
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: all targets ran ${SECONDS_PER_TARGET}s without a crash" >&2
