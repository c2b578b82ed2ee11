#!/bin/sh
# Installs FramePool's build and test dependencies from Debian 12 (bookworm) packages.
# Idempotent: packages already present are skipped by apt-get. Needs root.
set -eu

PACKAGES="
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libgl-dev libvulkan-dev
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libopencv-dev libjpeg62-turbo-dev ffmpeg
  libavformat-dev libavcodec-dev libswscale-dev libavutil-dev
  xvfb xauth
  opencv-doc
  help2man dpkg-dev fakeroot file gzip
  chromium appstream desktop-file-utils lintian mmdebstrap
  python3-dev pybind11-dev python3-numpy python3-opencv
"
# libjpeg62-turbo-dev: the worker decodes plain JPEGs and encodes thumbnails with libjpeg-turbo
# itself (core/media/jpegcodec.h).
# libav*-dev and libswscale-dev: the worker decodes videos with FFmpeg's libraries directly
# (core/media/videoreader.h), not through OpenCV's videoio, which copies every frame and loads
# GStreamer; ffmpeg makes the tests' clips and is the benchmark's ceiling.
# opencv-doc ships OpenCV's sample videos and photos, which tests compare against independent
# counts. qt6-tools-dev and qt6-l10n-tools bring Qt's translation tools (lupdate, lrelease:
# the build compiles resources/translations/*.ts); qt6-translations-l10n has Qt's own strings
# in Chinese, which the zh_CN test checks. The worker embeds Debian's Python 3 (python3-dev,
# pybind11-dev) for user analyses, whose scripts import cv2 and numpy. help2man writes the manual pages; dpkg-dev and fakeroot
# let cpack build the Debian package (scripts/package.sh); chromium opens the HTML report in a
# test; appstream, desktop-file-utils, lintian and mmdebstrap check the package
# (scripts/package-check.sh). Extra tools for the benchmark and for looking at the GUI by hand
# (fonts-wqy-microhei: Chinese glyphs for screenshots of the zh_CN translation under Xvfb):
if [ "${FRAMEPOOL_DEV_TOOLS:-0}" = 1 ]; then
  PACKAGES="$PACKAGES imagemagick hyperfine poppler-utils fonts-wqy-microhei"
fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: need root to install:$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
fi
