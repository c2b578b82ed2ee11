#!/bin/sh
# Builds the Debian package framepool_<version>_<arch>.deb, in a build folder of its own
# (BUILD_DIR, default build-deb) with Debian's build flags (hardening included), and prints
# its path. scripts/package-check.sh checks it.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi >&2

BUILD_DIR=${BUILD_DIR:-build-deb}
# REUSE_BUILD=1: package an existing build folder as it is configured (CI packages the test
# build, configured with the /usr prefix, rather than compile a fourth time; lintian then notes
# the missing hardening flags as information only).
if [ "${REUSE_BUILD:-0}" != 1 ]; then
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
# CMake reads no CPPFLAGS for C++: _FORTIFY_SOURCE goes in with the compiler flags.
CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
LDFLAGS=$(dpkg-buildflags --get LDFLAGS)
export CXXFLAGS LDFLAGS
# None: the flags above are the whole story. The install step (cpack) builds only what it
# installs, not the tests.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" -DCMAKE_MODULE_LINKER_FLAGS="$LDFLAGS" \
  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON ${CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$BUILD_DIR" --parallel "$(nproc)" \
  --target framepool framepool-cli framepool-worker sample_media man_pages package_changelog >&2
rm -f "$BUILD_DIR"/framepool_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >&2)
ls "$BUILD_DIR"/framepool_*.deb
