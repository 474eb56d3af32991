#!/usr/bin/env bash
# How `unilearn import --csv` scales (issue "Reliability": a million-row CSV streams): a project
# with one analysed 10 s video, then a CSV of ROWS distinct annotations (every row a different
# note, so none is a duplicate) imported in one go. Prints wall time, peak memory and the rows
# stored. Usage: scripts/bench-import.sh [ROWS=1000000] [OUT_DIR=build/bench-import]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
OUT="${2:-$ROOT/build/bench-import}"
CLI="${UNILEARN_CLI:-$ROOT/build/app/unilearn}"
mkdir -p "$OUT"
video="$ROOT/build/sample/two_faces.mp4"
"$ROOT/scripts/make-sample.sh" "$video"
rm -f "$OUT"/bench.ulproj*
OMP_WAIT_POLICY=passive "$CLI" analyze "$video" --project "$OUT/bench.ulproj" --static-only >/dev/null
python3 - "$OUT/rows.csv" "$ROWS" <<'PY'
import sys
labels = ["Happy", "Sad", "Neutral", "Angry", "Surprise", "Disgust", "Fear"]
with open(sys.argv[1], "w") as f:
    f.write("video,track,start_frame,end_frame,label,annotator,note\n")
    for i in range(int(sys.argv[2])):
        s = i % 290
        f.write("two_faces.mp4,face %d,%d,%d,%s,coder%d,\"row %d, quoted\"\n"
                % (1 + i % 2, s, s + 9, labels[i % 7], i // 2030, i))
PY
echo "import of $ROWS rows ($(du -h "$OUT/rows.csv" | cut -f1)) on $(nproc) cores:"
/usr/bin/time -f "wall %e s, peak %M KB resident" "$CLI" import "$OUT/bench.ulproj" \
  --csv "$OUT/rows.csv" --annotator bench 2>&1 | tail -3
python3 -c "import sqlite3,sys; print('annotations stored:', sqlite3.connect(sys.argv[1]).execute('select count(*) from annotations').fetchone()[0])" "$OUT/bench.ulproj"
