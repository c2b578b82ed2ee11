#!/bin/sh
# Node loss on the test cluster of scripts/slurm-cluster.sh (node1, node2): the wall time of
#   framepool-cli --launcher slurm -j 2 --json a.mkv b.mkv
# without a fault, then with every process of node2 killed DELAY seconds into the run; node2 is
# booted again afterwards and the script waits for an empty queue. Run by hand, as root, with
# the cluster started (scripts/slurm-cluster.sh start).
# Usage: bench/slurm_node_loss.sh [path/to/framepool-cli]     (default build/bin/framepool-cli)
#        DELAY=1.5 FRAMES=750 bench/slurm_node_loss.sh
set -eu
cd "$(dirname "$0")/.."
CLI=$(realpath "${1:-build/bin/framepool-cli}")
DELAY=${DELAY:-1.5}
FRAMES=${FRAMES:-750}
MEDIA=${MEDIA:-/tmp/framepool-node-loss}

mkdir -p "$MEDIA"
for name in a b; do
    [ -s "$MEDIA/$name.mkv" ] || ffmpeg -v error -f lavfi -i "testsrc2=size=640x360:rate=25" \
        -frames:v "$FRAMES" -c:v mpeg4 -q:v 4 -y "$MEDIA/$name.mkv"
done

now() { date +%s.%N; }
run() { # label, then whether to kill node2
    start=$(now)
    "$CLI" --launcher slurm -j 2 --json "$MEDIA/a.mkv" "$MEDIA/b.mkv" > "$MEDIA/$1.jsonl" 2> "$MEDIA/$1.err" &
    cli=$!
    if [ "$2" = kill ]; then
        sleep "$DELAY"
        scripts/slurm-cluster.sh kill-node node2 2>/dev/null
    fi
    status=0
    wait "$cli" || status=$?
    end=$(now)
    printf '%s: exit %s, %.1f s; items: %s\n' "$1" "$status" "$(echo "$end - $start" | bc)" \
        "$(grep -o '"status":"[a-z]*"' "$MEDIA/$1.jsonl" | tr '\n' ' ')"
}

settle() {
    scripts/slurm-cluster.sh start-node node2 >/dev/null 2>&1
    i=0
    while [ -n "$(squeue -h)" ] && [ $i -lt 120 ]; do sleep 1; i=$((i + 1)); done
}

echo "$CLI, $FRAMES frames a video, node2 killed ${DELAY} s in"
settle
run "no fault" none
settle
run "node2 killed" kill
settle
