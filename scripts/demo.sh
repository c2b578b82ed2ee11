#!/bin/sh
# Installs what FramePool needs, builds it, and opens the app on the bundled sample media
# (generated at build time). Extra arguments go to the app.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
exec "$BUILD_DIR/bin/framepool" --demo "$@"
