#!/usr/bin/env bash
# Builds the Debian package with CPack, unpacks it and runs the packaged `unilearn`.
# Usage: check-package.sh BUILD_DIR
set -euo pipefail
build="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/*.deb)
dpkg-deb --info "$deb" | grep -E "Package: unilearn-studio|Depends:" 
dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/unilearn usr/bin/unilearn-studio usr/share/applications/unilearn-studio.desktop \
         usr/share/icons/hicolor/scalable/apps/unilearn-studio.svg; do
  [ -e "$work/root/$f" ] || { echo "missing in package: $f"; exit 1; }
done
OMP_WAIT_POLICY=passive "$work/root/usr/bin/unilearn" info --config unilearn-t16-160 | head -3
echo "package OK: $(basename "$deb")"
