#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan/: the
# second pass of scripts/test.sh, alone. Extra arguments go to ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
parla_install_packages
parla_sanitize_address "$@"
