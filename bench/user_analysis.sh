#!/usr/bin/env bash
# User analyses (issue 11), measured side by side in one run, by hand:
#
#   bench/user_analysis.sh [REPS]        (default 3; medians)
#
# 1. Calling Python per frame is cheap: one worker, one thread, vtest.avi, the built-in
#    `brightness` against a script whose analyze_frame returns 0 (same decoding, same frames).
# 2. A CPU-bound Python analysis in the pool: `--compare` (serial, then N workers) of
#    examples/analyses/edge_density.py and mean_hue.py over a mixed set (OpenCV's sample AVIs
#    of three codecs and sizes, the bundled H.264 samples and an image folder).
# 3. The tutorials' most_popular_color.py (whole-file, NumPy) against the built-in C++
#    dominant-color on the same image folder, serial, and that both agree.
set -euo pipefail
export LC_ALL=C
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname -- "$here")
build_dir=${BUILD_DIR:-$root/build}
cli=$build_dir/bin/framepool-cli
reps=${1:-3}
data=/usr/share/doc/opencv-doc/examples/data
samples=$build_dir/samples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'def analyze_frame(frame):\n    return 0\n' > "$tmp/trivial.py"
mixed=("$data/vtest.avi" "$data/Megamind.avi" "$data/tree.avi" "$samples"/*.mp4 "$samples/gradients")

seconds() { # command... -> wall seconds
    local start end
    start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "machine: $(nproc) cores, $(uname -r), $(date -u '+%F %H:%M UTC')"
: > "$tmp/builtin"; : > "$tmp/trivial"
for ((i = 0; i < reps; i++)); do # alternated, so drift hits both alike
    seconds "$cli" --serial --threads-per-worker 1 -a brightness "$data/vtest.avi" >> "$tmp/builtin"
    seconds "$cli" --serial --threads-per-worker 1 -a "$tmp/trivial.py" "$data/vtest.avi" >> "$tmp/trivial"
done
b=$(median < "$tmp/builtin"); t=$(median < "$tmp/trivial")
printf '1. vtest.avi, one worker: brightness %.2f s, trivial analyze_frame %.2f s: frame rate ratio %.2f (target >= 0.8)\n' \
    "$b" "$t" "$(echo "$b / $t" | bc -l)"

for script in edge_density mean_hue; do
    : > "$tmp/speedups"
    for ((i = 0; i < reps; i++)); do
        "$cli" --compare -a "$root/examples/analyses/$script.py" "${mixed[@]}" 2>/dev/null \
            | sed -n 's/.*speed-up \([0-9.]*\)x.*/\1/p' >> "$tmp/speedups"
    done
    printf '2. %s.py, mixed set (%d items), --compare on %d workers: speed-up %s (median of %d: %s)\n' \
        "$script" "${#mixed[@]}" "$(nproc)" "$(median < "$tmp/speedups")" "$reps" "$(tr '\n' ' ' < "$tmp/speedups")"
done

: > "$tmp/cpp"; : > "$tmp/py"
for ((i = 0; i < reps; i++)); do
    seconds "$cli" --serial -a dominant-color "$samples/gradients" >> "$tmp/cpp"
    seconds "$cli" --serial -a "$root/examples/analyses/most_popular_color.py" "$samples/gradients" >> "$tmp/py"
done
# Whole output to a file: a reader that quits early (head) is a lost output, and the CLI fails.
"$cli" --serial --json -a dominant-color "$samples/gradients" 2>/dev/null > "$tmp/cpp.lines"
"$cli" --serial --json -a "$root/examples/analyses/most_popular_color.py" "$samples/gradients" 2>/dev/null > "$tmp/py.lines"
head -1 "$tmp/cpp.lines" > "$tmp/cpp.json"
head -1 "$tmp/py.lines" > "$tmp/py.json"
agree=$(/usr/bin/python3 - "$tmp/cpp.json" "$tmp/py.json" <<'PY'
import json, sys
cpp = json.load(open(sys.argv[1]))["result"]["images"]
py = json.load(open(sys.argv[2]))["result"]["values"]
same = all(c["hex"] == p["hex"] and abs(c["percent"] - p["percent"]) < 1e-9 for c, p in zip(cpp, py)) and len(cpp) == len(py)
print(f"{'agree' if same else 'DISAGREE'} on {len(cpp)} images")
PY
)
printf '3. gradients (24 PNGs), serial: built-in dominant-color %.2f s, most_popular_color.py %.2f s (%.1fx slower); %s\n' \
    "$(median < "$tmp/cpp")" "$(median < "$tmp/py")" "$(echo "$(median < "$tmp/py") / $(median < "$tmp/cpp")" | bc -l)" "$agree"
