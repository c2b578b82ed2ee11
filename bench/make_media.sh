#!/usr/bin/env bash
# Generates the benchmark media into a scratch folder (default /tmp/framepool-bench/media).
#
#   bench/make_media.sh [--quick]
#
# Everything derives from OpenCV's sample clip vtest.avi (opencv-doc: 768x576, 795 frames,
# MS-MPEG4v3, real footage) plus one FFmpeg test-source clip for an H.264 decode ceiling; the
# mixed set also takes opencv-doc's Megamind.avi and its JPEG samples (photos of many sizes).
# Files that already exist are kept, so a second run costs nothing. Prints the media folder.
set -euo pipefail
export LC_ALL=C

quick=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "make_media.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done

bench_dir=${BENCH_DIR:-/tmp/framepool-bench}
media=$bench_dir/media
opencv_data=${OPENCV_DATA:-/usr/share/doc/opencv-doc/examples/data}
vtest=${VTEST:-$opencv_data/vtest.avi}

for tool in ffmpeg ffprobe; do
    command -v "$tool" >/dev/null || { echo "make_media.sh: $tool not found (apt-get install ffmpeg)" >&2; exit 1; }
done
[[ -r $vtest ]] || { echo "make_media.sh: $vtest not found (apt-get install opencv-doc)" >&2; exit 1; }

if ((quick)); then
    equal_count=4 image_count=100 skew_short=10 mixed_name=mixed-quick mixed_scale=2
else
    equal_count=6 image_count=300 skew_short=15 mixed_name=mixed mixed_scale=1
fi
tiny_count=500
gui_count=1000

mkdir -p "$media"
ff() { ffmpeg -hide_banner -nostdin -loglevel error -y "$@"; }

# Writes into a temporary name and renames, so an interrupted run never leaves a half file
# or half folder that a later run would take for finished.
make_folder() { # DIR GENERATOR...
    local dir=$1; shift
    [[ -d $dir ]] && return 0
    local tmp=$dir.partial
    rm -rf -- "$tmp"
    mkdir -p -- "$tmp"
    "$@" "$tmp"
    mv -- "$tmp" "$dir"
}
make_file() { # FILE GENERATOR...   (the generator gets the temporary file name last)
    local file=$1; shift
    [[ -s $file ]] && return 0
    local tmp
    tmp=$(dirname -- "$file")/partial.$(basename -- "$file")
    "$@" "$tmp"
    mv -- "$tmp" "$file"
}

# 1. Equal real videos: copies of vtest.avi (separate files, not links).
gen_equal() {
    local i
    for ((i = 1; i <= equal_count; ++i)); do
        cp -- "$vtest" "$1/vtest_$(printf '%02d' "$i").avi"
    done
}
make_folder "$media/equal-$equal_count" gen_equal

# 2. Real photos of one size: every second frame of vtest.avi as JPEG (768x576, quality ~90).
gen_images() {
    ff -i "$vtest" -vf "select=not(mod(n\,2))" -fps_mode passthrough -frames:v "$image_count" \
        -q:v 3 "$1/frame_%04d.jpg"
}
make_folder "$media/images-$image_count" gen_images

# 3. Decode ceiling: vtest.avi itself and a 640x360 H.264 clip (30 s at 25 fps = 750 frames).
mkdir -p "$media/ceiling"
[[ -e $media/ceiling/vtest.avi ]] || cp -- "$vtest" "$media/ceiling/vtest.avi"
gen_h264() {
    ff -f lavfi -i "testsrc2=size=640x360:rate=25:duration=30" -c:v libx264 -preset veryfast \
        -pix_fmt yuv420p -g 50 -f mp4 "$1"
}
make_file "$media/ceiling/testsrc2_640x360.mp4" gen_h264

# 4. Per-item overhead: 500 tiny 32x32 PNGs (vtest.avi frames scaled down).
gen_tiny() {
    ff -stream_loop -1 -i "$vtest" -vf scale=32:32 -frames:v "$tiny_count" "$1/tiny_%04d.png"
}
make_folder "$media/tiny-$tiny_count" gen_tiny

# 5. Skewed set: the same real footage re-encoded to H.264 (keyframe every 25 frames), one clip
#    four times longer than the three others (same content, same size).
skew_long=$((4 * skew_short))
gen_skew() {
    ff -t "$skew_long" -i "$vtest" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 25 -an \
        -f mp4 "$1/d_long_${skew_long}s.mp4"
    ff -t "$skew_short" -i "$vtest" -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 25 -an \
        -f mp4 "$1/a_short_${skew_short}s.mp4"
    cp -- "$1/a_short_${skew_short}s.mp4" "$1/b_short_${skew_short}s.mp4"
    cp -- "$1/a_short_${skew_short}s.mp4" "$1/c_short_${skew_short}s.mp4"
}
make_folder "$media/skew-$skew_short" gen_skew

# 6. The GUI under load: 1,000 short clips (4 s of vtest.avi at 160x120, 100 frames each), so that
#    a thousand rows stream progress. Copies of one clip: what is measured is the window.
gen_gui() {
    ff -t 4 -i "$vtest" -vf scale=160:120 -c:v mpeg4 -q:v 5 -an "$1/clip.avi"
    local i
    for ((i = 1; i <= gui_count; ++i)); do
        cp -- "$1/clip.avi" "$1/gui_$(printf '%04d' "$i").avi"
    done
    rm -- "$1/clip.avi"
}
make_folder "$media/gui-$gui_count" gen_gui

# 7. A mixed set, as a user drops it: videos of five codecs, resolutions from 160x120 to 1080p
#    and lengths from 60 to 3,180 frames, plus a folder of 90 JPEGs of many sizes (opencv-doc's
#    59 JPEG samples, then frames of vtest.avi). --quick halves the clips' lengths.
gen_mixed() {
    local d=$1 s=$mixed_scale
    # A phone clip: 1080p H.264 with B-frames, 60 frames. (vtest.avi runs at 10 frames/s.)
    ff -i "$vtest" -frames:v "$((60 / s))" -vf scale=1920:1080 -c:v libx264 \
        -preset veryfast -pix_fmt yuv420p -g 25 -an -f mp4 "$d/a_phone_1080p_h264.mp4"
    cp -- "$vtest" "$d/b_vtest_768x576_msmpeg4.avi"
    cp -- "$opencv_data/Megamind.avi" "$d/c_megamind_720x528_mpeg4.avi"
    ff -i "$vtest" -frames:v "$((400 / s))" -vf scale=320:240 -c:v mjpeg -q:v 4 -an "$d/d_320x240_mjpeg.avi"
    ff -i "$vtest" -frames:v "$((200 / s))" -vf scale=854:480 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 \
        -b:v 1M -g 50 -an "$d/e_854x480_vp9.mkv"
    ff -i "$vtest" -frames:v "$((120 / s))" -vf scale=1280:720 -c:v libx265 -preset ultrafast -x265-params log-level=error \
        -pix_fmt yuv420p -g 25 -an -f mp4 "$d/f_1280x720_hevc.mp4"
    # A long small clip: vtest.avi looped to 3,180 frames at 160x120 (1,590 with --quick).
    ff -stream_loop "$((4 / s - 1))" -i "$vtest" -vf scale=160:120 -c:v libx264 -preset veryfast \
        -pix_fmt yuv420p -g 50 -an -f mp4 "$d/g_160x120_long_h264.mp4"
    mkdir -p -- "$d/h_photos"
    local jpg n=0
    for jpg in "$opencv_data"/*.jpg; do
        n=$((n + 1))
        cp -- "$jpg" "$d/h_photos/$(printf '%03d' "$n")_$(basename -- "$jpg")"
    done
    ff -i "$vtest" -vf "select=not(mod(n\,25))" -fps_mode passthrough -frames:v "$((90 - n))" -q:v 3 \
        -start_number "$((n + 1))" "$d/h_photos/%03d_vtest.jpg"
}
make_folder "$media/$mixed_name" gen_mixed

echo "$media"
