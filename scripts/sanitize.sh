#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan/.
# Slower than scripts/test.sh and a build of its own, so it is a developer's check, not CI's.
# Extra arguments go to ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
parla_install_packages
build="${PARLA_ASAN_BUILD:-$PARLA_ROOT/build-asan}"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$PARLA_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPARLA_SANITIZE=ON >&2
fi
cmake --build "$build" >&2
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build"
ctest --output-on-failure --timeout 300 "$@"
