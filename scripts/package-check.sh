#!/bin/sh
# Checks a FramePool Debian package: lintian, then in a clean Debian 12 root made with
# mmdebstrap: apt install ./framepool_*.deb, framepool-cli --compare from PATH on the installed
# sample media, the manual page and the GUI's --version, then apt remove, and the root's file
# list before and after must be the same. Usage: scripts/package-check.sh PACKAGE.deb
# Needs root (mmdebstrap's root mode) and Debian's mirror (deb.debian.org).
set -eu
deb=$(realpath "$1")
work=$(mktemp -d /tmp/framepool-package-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== lintian $(basename "$deb")"
# Errors fail the check; warnings are printed for the record.
lintian --fail-on error "$deb"

echo "== clean Debian 12 root"
cp "$deb" "$work/"
cat > "$work/in-root.sh" <<'INROOT'
set -eu
cd /tmp
# What the root holds, minus what apt and dpkg keep about themselves and what a run writes.
snapshot() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /root \
    -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /var/cache -o -path /var/log \) -prune \
    -o -print | sort
}
deb=$(ls /tmp/framepool_*.deb)
# The dependencies first, so that the "before" list holds them and the comparison is about
# FramePool's own files.
apt-get satisfy -y -qq "$(dpkg-deb -f "$deb" Depends)" >/dev/null
snapshot > /tmp/before.txt
apt-get install -y -qq "$deb" >/dev/null
dpkg -L framepool | grep -c . | sed 's/^/files installed: /'
echo "-- framepool-cli --compare -j 2 /usr/share/framepool/samples/*"
framepool-cli --compare -j 2 -o /tmp/report.html /usr/share/framepool/samples/*
test -s /tmp/report.html
echo "-- man framepool-cli"
MANWIDTH=80 man framepool-cli 2>/dev/null | head -8
echo "-- framepool --version (offscreen)"
QT_QPA_PLATFORM=offscreen framepool --version
echo "-- bash completion"
bash -c '. /usr/share/bash-completion/completions/framepool-cli; COMP_WORDS=(framepool-cli --comp); COMP_CWORD=1; _framepool_cli; echo "${COMPREPLY[@]}"'
apt-get remove -y -qq framepool >/dev/null
snapshot > /tmp/after.txt
if diff -u /tmp/before.txt /tmp/after.txt; then
  echo "apt remove: the root's file list is as before the install ($(wc -l < /tmp/after.txt) entries)"
else
  echo "apt remove left the files above behind" >&2
  exit 1
fi
INROOT
# man-db and bash for the checks; everything else comes from the package's Depends.
# The root gets this machine's own Debian sources (read from stdin: "-").
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
mmdebstrap --variant=apt --include=man-db,ca-certificates --quiet \
  --customize-hook="copy-in $work/$(basename "$deb") $work/in-root.sh /tmp" \
  --customize-hook='chroot "$1" sh /tmp/in-root.sh' \
  bookworm "$work/root" -
echo "== package check passed"
