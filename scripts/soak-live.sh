#!/usr/bin/env bash
# The live-analysis soak (issue "Reliability"): a real talking face (GRID, ../shared/data/grid,
# else the bundled two-face sample) looped into one long file and fed to `unilearn analyze
# --camera` through a GStreamer pipeline that delivers it in real time, as a camera would, with
# the shipped UniLearn model. Every STATS_EVERY seconds the CLI prints a line of throughput and
# resident memory; the end of this script summarises them (first and last ten minutes).
# Usage: scripts/soak-live.sh [SECONDS=3600] [OUT_DIR=build/soak]
# Needs build/app/unilearn (scripts/test.sh builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-3600}"
OUT="${2:-$ROOT/build/soak}"
CLI="${UNILEARN_CLI:-$ROOT/build/app/unilearn}"
STATS_EVERY="${STATS_EVERY:-60}"
mkdir -p "$OUT"
clip="$ROOT/../shared/data/grid/bbaf2n.mpg"
if [ ! -f "$clip" ]; then
  clip="$ROOT/build/sample/two_faces.mp4"
  "$ROOT/scripts/make-sample.sh" "$clip"
fi
# H.264 in MP4 (the GStreamer plugins the setup installs read it; MPEG-1 program streams need
# plugins-bad), then looped by stream copy to the run's length plus a minute.
one="$OUT/one.mp4"
[ -s "$one" ] || ffmpeg -v error -y -i "$clip" -an -c:v libx264 -pix_fmt yuv420p "$one"
clip_s=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$one")
loops=$(python3 -c "import math; print(math.ceil(($SECONDS_TO_RUN + 60) / $clip_s))")
long="$OUT/looped-$SECONDS_TO_RUN.mp4"
[ -s "$long" ] || ffmpeg -v error -y -stream_loop "$loops" -i "$one" -c copy "$long"
rm -f "$OUT/soak.ulproj" "$OUT/soak.ulproj-wal" "$OUT/soak.ulproj-shm"
pipeline="filesrc location=$long ! decodebin ! videoconvert ! video/x-raw,format=BGR ! appsink sync=true"
echo "soak: $SECONDS_TO_RUN s of $(basename "$clip") looped, stats every $STATS_EVERY s, on $(nproc) cores"
OMP_WAIT_POLICY=passive /usr/bin/time -v "$CLI" analyze --camera "$pipeline" \
  --project "$OUT/soak.ulproj" --model "$ROOT/resources/models/unilearn-t16-ferplus.safetensors" \
  --seconds "$SECONDS_TO_RUN" --stats-every "$STATS_EVERY" >"$OUT/windows.txt" 2>"$OUT/stats.txt"
grep -E "^stats:" "$OUT/stats.txt" | python3 -c '
import re, sys
rows = [tuple(float(x) for x in re.match(r"stats: (\d+) s, (\d+) frames \(([\d.]+)/s.*\+(\d+)\), (\d+) windows, (\d+) MB", l).groups()) for l in sys.stdin]
if not rows: sys.exit("no stats lines: see stats.txt")
n = max(1, len(rows) // 6)
def part(rs):
    return "%.1f frames/s, %.0f dropped per line, %.0f-%.0f MB resident" % (
        sum(r[2] for r in rs) / len(rs), sum(r[3] for r in rs) / len(rs), min(r[5] for r in rs), max(r[5] for r in rs))
print("first sixth:", part(rows[:n]))
print("last sixth: ", part(rows[-n:]))
print("frames %d, windows %d, resident %.0f MB at the first line and %.0f MB at the last" % (rows[-1][1], rows[-1][4], rows[0][5], rows[-1][5]))
'
grep -E "live session|Maximum resident|Elapsed" "$OUT/windows.txt" "$OUT/stats.txt" || true
