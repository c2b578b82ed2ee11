#!/bin/sh
# Installs what FramePool needs (Debian 12 packages), builds it, and runs every test.
# Usage: scripts/test.sh            (as root, or with sudo available for the install step)
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi

BUILD_DIR=${BUILD_DIR:-build}
# The /usr prefix: CI also packages this build (scripts/package.sh with REUSE_BUILD=1).
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DCMAKE_INSTALL_PREFIX=/usr -DFRAMEPOOL_SLURM_TESTS=OFF ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
# Tests are mostly waiting on worker processes, so two at a time per core is fine.
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" ${CTEST_ARGS:-}
