#!/usr/bin/env bash
# Makes the sample session the main job analyses: two real faces (the public-domain portraits in
# tests/data/faces, see tests/data/README.md) side by side, each slowly panning and zooming, 10 s
# at 30 fps, 1280x480. Usage: scripts/make-sample.sh OUT.mp4
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$1"
[ -s "$OUT" ] && exit 0
mkdir -p "$(dirname "$OUT")"
ffmpeg -v error -y -loop 1 -i "$ROOT/tests/data/faces/astronaut.jpg" \
  -loop 1 -i "$ROOT/tests/data/faces/grace_hopper.jpg" -filter_complex \
  "[0]scale=1024:1024,zoompan=z='1.3+0.2*sin(on/40)':x='iw/2-(iw/zoom/2)+40*sin(on/30)':y='ih/2-(ih/zoom/2)-90':d=300:s=640x480:fps=30[a];\
[1]scale=1280:1500,pad=2200:1800:460:150:0x203060,zoompan=z='1.25+0.15*cos(on/35)':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)-250+30*sin(on/25)':d=300:s=640x480:fps=30[b];\
[a][b]hstack=inputs=2" -frames:v 300 -c:v libx264 -pix_fmt yuv420p "$OUT.partial.mp4"
mv "$OUT.partial.mp4" "$OUT"
