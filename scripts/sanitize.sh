#!/bin/sh
# Builds the engine, worker, CLI and their tests with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs those tests. Part of CI (see .ci/run).
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi

BUILD_DIR=${BUILD_DIR:-build-sanitize}
TESTS="tst_protocol tst_analysis tst_engine tst_stealing tst_faults tst_queuestore tst_report tst_cli tst_badinput"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFRAMEPOOL_SANITIZE=ON
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target framepool-worker framepool-cli fakeworker $TESTS
# Leaks inside Qt, OpenCV and FFmpeg are not ours to fix here; crashes the fault tests cause on
# purpose must stay real signals, not sanitizer reports.
export ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_abort=0:allow_user_segv_handler=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" -R "^($(echo $TESTS | tr ' ' '|'))\$"
