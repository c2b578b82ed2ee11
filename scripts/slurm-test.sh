#!/bin/sh
# The Slurm test: starts a two-node Slurm cluster on this machine (scripts/slurm-cluster.sh:
# node1 and node2, each a slurmd in its own UTS namespace), builds FramePool with tst_slurm
# (-DFRAMEPOOL_SLURM_TESTS=ON) in its own build folder, runs it (it kills node2 mid-run and boots
# it again), and always stops the daemons it started. Exit status: the test's (1 if the cluster
# cannot start; its logs are printed).
# Usage: scripts/slurm-test.sh            (as root, or with sudo available)
#        BUILD_DIR=build-slurm CMAKE_ARGS=... scripts/slurm-test.sh
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
$SUDO ./scripts/install-deps.sh

# A cluster that already answers (started by hand) is used and left running; otherwise this
# script starts one and stops it on any exit.
if command -v sinfo >/dev/null 2>&1 && sinfo -h >/dev/null 2>&1; then
    echo "slurm-test: using the Slurm cluster that is already running" >&2
else
    trap '$SUDO ./scripts/slurm-cluster.sh stop' EXIT
    trap 'exit 130' INT TERM
    $SUDO ./scripts/slurm-cluster.sh start
fi

BUILD_DIR=${BUILD_DIR:-build-slurm}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DFRAMEPOOL_SLURM_TESTS=ON ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target framepool-cli framepool-worker tst_slurm
status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -R '^tst_slurm$' || status=$?
exit $status
