#!/usr/bin/env bash
# The main job: install what is missing, build, make the sample session (two real faces), analyse
# it headless into a project, then open the app on it when there is a display.
# UNILEARN_HEADLESS=1 skips the app.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing
configure_and_build
SAMPLE_DIR="$BUILD_DIR/sample"
"$ROOT/scripts/make-sample.sh" "$SAMPLE_DIR/two_faces.mp4"
PROJECT="$SAMPLE_DIR/sample.ulproj"
rm -f "$PROJECT" "$PROJECT-wal" "$PROJECT-shm"
echo "== unilearn analyze (faces, tracks, per-frame expressions from the static model and the shipped UniLearn-T combined, and UniLearn-T on 16-frame clips)"
"$BUILD_DIR/app/unilearn" analyze "$SAMPLE_DIR/two_faces.mp4" --project "$PROJECT"
"$BUILD_DIR/app/unilearn" export "$PROJECT" --format csv --frames --out "$SAMPLE_DIR/frames.csv" >/dev/null
echo "== per-frame expressions of each person are in $SAMPLE_DIR/frames.csv; in short:"
# Per track: frames with a face and the per-frame model's most frequent top expression.
awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i ~ /^(static|frame)_/ && $i != "frame_model") { cls[i] = substr($i, index($i, "_") + 1) }
          if ($NF == "frame_model") fm = NF; next }
  $1 == "frame" { best = ""; top = -1
    for (i in cls) if ($i + 0 > top) { top = $i + 0; best = cls[i] }
    n[$4]++; count[$4 "," best]++; model = fm ? $fm : "static" }
  END { for (t in n) { m = 0; for (k in count) { split(k, p, ","); if (p[1] == t && count[k] > m) { m = count[k]; e = p[2] } }
          printf "  face %s: %d frames, mostly %s (%d frames) by the per-frame model (%s)\n", t, n[t], e, m, model } }' "$SAMPLE_DIR/frames.csv"
# Per track: UniLearn's clip windows and their most frequent top class.
awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "top_class") tc = i; next }
  $1 == "window" { n[$4]++; count[$4 "," $tc]++ }
  END { for (t in n) { m = 0; for (k in count) { split(k, p, ","); if (p[1] == t && count[k] > m) { m = count[k]; e = p[2] } }
          printf "  face %s: %d clip windows, mostly %s (%d) by UniLearn-T\n", t, n[t], e, m } }' "$SAMPLE_DIR/frames.csv"
if [ "${UNILEARN_HEADLESS:-0}" != 1 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  echo "== opening UniLearn Studio on $PROJECT"
  exec "$BUILD_DIR/app/unilearn-studio" "$PROJECT"
else
  echo "== no display: open the app later with  $BUILD_DIR/app/unilearn-studio $PROJECT"
fi
