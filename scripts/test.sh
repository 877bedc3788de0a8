#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test
# (GoogleTest unit tests, lit + FileCheck tests, fuzz smoke runs) through CTest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$STACKCAP_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" "$@"
