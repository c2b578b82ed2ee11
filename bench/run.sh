#!/usr/bin/env bash
# FramePool benchmark (issue 5): one command, run by hand on a quiet machine.
#
#   bench/run.sh [--quick] [--reps N] [--only CASE,...]
#
# Builds nothing: it runs ${BUILD_DIR:-build}/bin/framepool-cli (a path relative to the
# repository root, or absolute). Generates its media into ${BENCH_DIR:-/tmp/framepool-bench}
# (bench/make_media.sh), runs every case with the contenders alternated (ABBA order) for N
# repetitions (default 5, --quick 2 on smaller inputs), then prints and writes bench/results.md
# (or $RESULTS): machine, targets met or not, medians and ratios. Raw outputs stay in
# $BENCH_DIR/runs/<date>/. --only runs some cases: equal, images, ceil_vtest, ceil_h264, tiny,
# skew, mixed, gui. Environment: WORKERS (default nproc), PYTHON (default /usr/bin/python3,
# which needs python3-opencv and python3-numpy).
set -euo pipefail
export LC_ALL=C

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname -- "$here")

quick=0
reps=
only=
while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --reps)
            [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --reps needs a positive number" >&2; exit 2; }
            reps=$2; shift ;;
        --only)
            [[ $# -ge 2 && $2 =~ ^[a-z0-9_]+(,[a-z0-9_]+)*$ ]] || { echo "run.sh: --only needs a list of cases, e.g. mixed,skew" >&2; exit 2; }
            only=,$2,; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ -n $reps ]] || reps=$((quick ? 2 : 5))
# wanted CASE: whether this run measures CASE.
wanted() { [[ -z $only || $only == *",$1,"* ]]; }

build_dir=${BUILD_DIR:-build}
[[ $build_dir == /* ]] || build_dir=$root/$build_dir
cli=$build_dir/bin/framepool-cli
gui_bin=$build_dir/bin/framepool
py=${PYTHON:-/usr/bin/python3}
workers=${WORKERS:-$(nproc)}
bench_dir=$(realpath -m -- "${BENCH_DIR:-/tmp/framepool-bench}") # absolute: no path starts with '-'
results=${RESULTS:-$here/results.md}

[[ -x $cli ]] || { echo "run.sh: $cli not found or not executable: build first (cmake --build $build_dir)" >&2; exit 1; }
[[ -x $gui_bin ]] || { echo "run.sh: $gui_bin missing: build it" >&2; exit 1; }
[[ -x $build_dir/bin/framepool-worker ]] || { echo "run.sh: $build_dir/bin/framepool-worker missing: build it" >&2; exit 1; }
"$py" -c 'import cv2, numpy' 2>/dev/null || { echo "run.sh: $py lacks cv2/numpy (apt-get install python3-opencv python3-numpy)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "run.sh: ffmpeg not found" >&2; exit 1; }

echo "== media" >&2
media_args=()
((quick)) && media_args=(--quick)
media=$(BENCH_DIR=$bench_dir "$here/make_media.sh" "${media_args[@]}")

if ((quick)); then
    equal_dir=$media/equal-4 images_dir=$media/images-100 skew_dir=$media/skew-10 mixed_dir=$media/mixed-quick
else
    equal_dir=$media/equal-6 images_dir=$media/images-300 skew_dir=$media/skew-15 mixed_dir=$media/mixed
fi
tiny_dir=$media/tiny-500
gui_dir=$media/gui-1000
ceiling_vtest=$media/ceiling/vtest.avi
ceiling_h264=$media/ceiling/testsrc2_640x360.mp4

# Sorted lists of files (names are ours and plain, but never word-split or eval'd anyway).
list_files() { # DIR GLOB  -> array "files"
    files=()
    local f
    for f in "$1"/$2; do [[ -f $f ]] && files+=("$f"); done
    ((${#files[@]})) || { echo "run.sh: no $2 in $1" >&2; exit 1; }
}
list_files "$equal_dir" '*.avi'; equal=("${files[@]}")
list_files "$images_dir" '*.jpg'; images=("${files[@]}")
list_files "$tiny_dir" '*.png'; tiny=("${files[@]}")
list_files "$gui_dir" '*.avi'; gui=("${files[@]}")
# Skewed: the three short clips first and the long one last, the order in which a plain
# first-come-first-served pool (Python's) leaves the long clip to start last.
list_files "$skew_dir" '?_short_*.mp4'; skew=("${files[@]}")
list_files "$skew_dir" 'd_long_*.mp4'; skew+=("${files[@]}")
# Mixed: every video of the set and its photo folder, one item each.
list_files "$mixed_dir" '*.*'; mixed=("${files[@]}" "$mixed_dir/h_photos")
list_files "$mixed_dir/h_photos" '*.jpg'; mixed_photos=("${files[@]}")

out=$bench_dir/runs/$(date +%Y%m%d-%H%M%S)
mkdir -p -- "$out"
runs=$out/runs.tsv
printf 'case\tcontender\trep\trc\tt0\tt1\tbase\n' >"$runs"

# --- machine -------------------------------------------------------------------------------
{
    printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)"
    # The peer's np.unique sorts with AVX-512 where the CPU has it, 2.7x faster than without:
    # a VM moved to another host can change the Pool ratio by that much.
    printf 'avx512\t%s\n' "$(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
    printf 'cores\t%s\n' "$(nproc)"
    printf 'ram_kib\t%s\n' "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
    # shellcheck source=/dev/null
    printf 'os\t%s\n' "$(. /etc/os-release && printf '%s' "${PRETTY_NAME:-unknown}")"
    printf 'kernel\t%s\n' "$(uname -r)"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'load_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'framepool\t%s\n' "$("$cli" --version 2>/dev/null | head -n1)"
    printf 'build_dir\t%s\n' "$build_dir"
    printf 'build_type\t%s\n' "$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null | head -n1)"
    printf 'ffmpeg\t%s\n' "$(ffmpeg -version | head -n1 | cut -d' ' -f1-3)"
    printf 'opencv_python\t%s\n' "$("$py" -c 'import cv2, numpy; print("OpenCV", cv2.__version__, "/ numpy", numpy.__version__)')"
    printf 'python\t%s\n' "$("$py" -c 'import sys; print(sys.version.split()[0])')"
    printf 'workers\t%s\n' "$workers"
    printf 'reps\t%s\n' "$reps"
    printf 'mode\t%s\n' "$( ((quick)) && echo quick || echo full)"
    printf 'media\t%s\n' "$media"
} >"$out/machine.tsv"

# --- measuring -----------------------------------------------------------------------------
# measure CASE CONTENDER REP CMD...: runs CMD with stdout/stderr to files, records wall time
# ($EPOCHREALTIME around the process) and exit status. CMD may use $report, a per-run file
# name for framepool-cli's JSON timing report.
report=
measure() {
    local case=$1 contender=$2 rep=$3; shift 3
    local base=$out/$case.$contender.$rep rc=0 t0 t1
    report=$base.report.json
    t0=$EPOCHREALTIME
    "$@" >"$base.out" 2>"$base.err" || rc=$?
    t1=$EPOCHREALTIME
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$contender" "$rep" "$rc" "$t0" "$t1" "$base" >>"$runs"
    printf '  %-8s %-14s rep %s: %6.2f s%s\n' "$case" "$contender" "$rep" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$( ((rc)) && echo "  (exit $rc)")" >&2
}

# alternate CASE CONTENDER...: every repetition runs each contender once, in ABBA order
# (forward on odd repetitions, backward on even ones) so that drift in the machine's speed
# does not favour one side. Contender X of case C is the function C__X.
alternate() {
    local case=$1; shift
    local names=("$@") rep i order
    wanted "$case" || return 0
    echo "== $case" >&2
    for ((rep = 1; rep <= reps; ++rep)); do
        order=()
        if ((rep % 2)); then
            order=("${names[@]}")
        else
            for ((i = ${#names[@]} - 1; i >= 0; --i)); do order+=("${names[i]}"); done
        fi
        for i in "${order[@]}"; do
            measure "$case" "$i" "$rep" "${case}__$i"
        done
    done
}

fp() { "$cli" --json -o "$report" "$@"; }
peer() { "$py" "$here/pool_peer.py" "$@"; }
ffmpeg_ceiling() { ffmpeg -hide_banner -nostdin -benchmark -threads 1 -i "$1" -pix_fmt bgr24 -f null -; }

# Page cache: read every input once so that no contender pays for the first disk read.
cat -- "${equal[@]}" "${images[@]}" "${tiny[@]}" "${skew[@]}" "${gui[@]}" "$ceiling_vtest" "$ceiling_h264" \
    "${mixed[@]::${#mixed[@]}-1}" "${mixed_photos[@]}" >/dev/null

# 1. Equal real videos: serial vs parallel, and the threads-per-worker lever. The machine's
# own scaling is measured beside it: the same files decoded by single-threaded ffmpeg, one
# after another vs $workers at a time (what any multi-process decoder could reach here).
ff_decode() { ffmpeg -hide_banner -nostdin -loglevel error -threads 1 -i "$1" -pix_fmt bgr24 -f null -; }
equal__ff_serial() {
    local v
    for v in "${equal[@]}"; do ff_decode "$v" || return 1; done
}
equal__ff_parallel() {
    local v fail=0 running=0
    for v in "${equal[@]}"; do
        while ((running >= workers)); do wait -n || fail=1; running=$((running - 1)); done
        ff_decode "$v" &
        running=$((running + 1))
    done
    while ((running > 0)); do wait -n || fail=1; running=$((running - 1)); done
    return "$fail"
}
equal__serial() { fp --serial "${equal[@]}"; }
equal__parallel() { fp -j "$workers" "${equal[@]}"; }
equal__par_tpw1() { fp -j "$workers" --threads-per-worker 1 "${equal[@]}"; }
equal__par_tpw2() { fp -j "$workers" --threads-per-worker 2 "${equal[@]}"; }
equal__serial_tpw1() { fp --serial --threads-per-worker 1 "${equal[@]}"; }
alternate equal serial parallel par_tpw1 par_tpw2 serial_tpw1 ff_serial ff_parallel

# 2. Images: FramePool (one set, and every image as its own item) vs the Python Pool peer.
peer_method=unique
if wanted images; then
    echo "== images: calibrating the peer (bincount vs unique)" >&2
    peer --calibrate "$images_dir" >"$out/peer_calibration.json"
    peer_method=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["faster"])' "$out/peer_calibration.json")
    echo "  peer uses np.$peer_method" >&2
fi
images__fp_set() { fp -j "$workers" "$images_dir"; }
images__fp_serial() { fp --serial "$images_dir"; }
images__fp_items() { fp -j "$workers" "${images[@]}"; }
images__peer() { peer -j "$workers" --method "$peer_method" "$images_dir"; }
images__peer_lite() { peer -j "$workers" --method "$peer_method" --per-image-only "$images_dir"; }
alternate images fp_set fp_items peer peer_lite fp_serial

# 3. Decode ceiling: ffmpeg, one thread, decode + BGR conversion vs one FramePool worker.
ceil_vtest__ffmpeg() { ffmpeg_ceiling "$ceiling_vtest"; }
ceil_vtest__fp_brightness() { fp --serial --threads-per-worker 1 -a brightness "$ceiling_vtest"; }
ceil_vtest__fp_dominant() { fp --serial --threads-per-worker 1 -a dominant-color "$ceiling_vtest"; }
ceil_h264__ffmpeg() { ffmpeg_ceiling "$ceiling_h264"; }
ceil_h264__fp_brightness() { fp --serial --threads-per-worker 1 -a brightness "$ceiling_h264"; }
ceil_h264__fp_dominant() { fp --serial --threads-per-worker 1 -a dominant-color "$ceiling_h264"; }
alternate ceil_vtest ffmpeg fp_brightness fp_dominant
alternate ceil_h264 ffmpeg fp_brightness fp_dominant

# 4. Per-item overhead: 500 tiny images as 500 items vs one set.
tiny__fp_set() { fp -j "$workers" "$tiny_dir"; }
tiny__fp_items() { fp -j "$workers" "${tiny[@]}"; }
alternate tiny fp_set fp_items

# 5. Skewed set: one clip four times longer than the three others.
skew__parallel() { fp -j "$workers" "${skew[@]}"; }
skew__serial() { fp --serial "${skew[@]}"; }
skew__serial_tpw1() { fp --serial --threads-per-worker 1 "${skew[@]}"; }
alternate skew parallel serial serial_tpw1

# 7. A mixed set as users drop it (five codecs, 160x120 to 1080p, 60 to 3,180 frames, a folder
# of 90 JPEGs): every built-in analysis, `--compare` (serial, then $workers workers, in one
# process: the pair shares the machine's state). Contender X runs analysis X with dashes for
# underscores.
mixed_compare() { fp --compare -j "$workers" -a "$1" "${mixed[@]}"; }
mixed__dominant_color() { mixed_compare dominant-color; }
mixed__palette() { mixed_compare palette; }
mixed__brightness() { mixed_compare brightness; }
mixed__motion() { mixed_compare motion; }
mixed__sharpness() { mixed_compare sharpness; }
mixed__colorfulness() { mixed_compare colorfulness; }
alternate mixed dominant_color palette brightness motion sharpness colorfulness

# 6. The GUI: the window runs 1,000 items (its own engine, all cores) while a 5 ms heartbeat
# timer measures the longest event-loop stall; the report also has the peak RSS. Offscreen
# platform (no display needed; widgets still paint), and its own settings and queue file so
# that the user's are left alone.
gui__window() {
    XDG_CONFIG_HOME=$out/gui-config QT_QPA_PLATFORM=offscreen \
        "$gui_bin" --queue-file "$out/gui-queue.json" --measure-stalls "$report" --run "${gui[@]}"
}
alternate gui window

printf 'load_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.tsv"

echo "== results" >&2
"$py" "$here/tabulate.py" "$out" >"$out/results.md"
cp -- "$out/results.md" "$results"
cat -- "$results"
echo "written to $results (raw runs in $out)" >&2
