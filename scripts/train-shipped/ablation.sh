#!/usr/bin/env bash
# The paper's two claims measured at our scale on FER+ validation (issue 14):
#   1. stage 1 (dual-modal masked-autoencoder pre-training) helps fine-tuning;
#   2. joint fine-tuning on stills and clips beats fine-tuning on stills alone.
# Four stage-2 runs of scripts/train-shipped/run.sh from the same config, seed and settings, on
# the first LIMIT FER+ training faces (the tidy crops, so that no run depends on the detector):
#   scratch-joint      random weights, stills + TRAIN_CLIPS clips synthesised from them
#   scratch-image      random weights, stills only (head.video untrained)
#   pretrained-joint   stage 1's encoder, stills + clips
#   pretrained-image   stage 1's encoder, stills only
# Stage 1 sees the first PRETRAIN_LIMIT training faces without their labels (90 % of a still's
# tokens masked), PRETRAIN_CLIPS clips synthesised from them and the face tracks of the GRID
# clips (real video; 95 % masked). Every run resumes where it stopped (run the script again).
# The table (OUT/ablation.md, OUT/ablation.json) gives each arm's validation figures after its
# last epoch (nothing chosen on validation) and, for reference, at its best epoch.
# Settings: LIMIT (8000), EPOCHS (6), LR (0.0003), TRAIN_CLIPS (400), PRETRAIN_LIMIT (16000),
# PRETRAIN_EPOCHS (6), PRETRAIN_CLIPS (400), VAL_LIMIT (0: all 3,370 faces), THREADS (2), SEED (2409),
# CONFIG (scripts/train-shipped/unilearn-t16-96.json), OUT (build/ablation), ARMS (all four),
# PARALLEL=1: two one-thread lanes instead of one run at a time on THREADS threads.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export FERPLUS="$(cd "${FERPLUS:-$ROOT/../shared/data/ferplus}" && pwd)"
OUT="$(realpath -m "${OUT:-build/ablation}")"
LIMIT="${LIMIT:-8000}" EPOCHS="${EPOCHS:-6}" LR="${LR:-0.0003}" TRAIN_CLIPS="${TRAIN_CLIPS:-400}"
PRETRAIN_LIMIT="${PRETRAIN_LIMIT:-16000}" PRETRAIN_EPOCHS="${PRETRAIN_EPOCHS:-6}"
PRETRAIN_CLIPS="${PRETRAIN_CLIPS:-400}" VAL_LIMIT="${VAL_LIMIT:-0}" THREADS="${THREADS:-2}"
export CONFIG="$(realpath "${CONFIG:-scripts/train-shipped/unilearn-t16-96.json}")"
ARMS="${ARMS:-scratch-joint scratch-image pretrained-joint pretrained-image}"
if [ -z "${UNILEARN_CLI:-}" ]; then
  cmake --build build --target unilearn >/dev/null
  UNILEARN_CLI=build/app/unilearn
fi
export UNILEARN_CLI="$(realpath "$UNILEARN_CLI")"
mkdir -p "$OUT"

STAGE1="$OUT/stage1/stage1/stage1.safetensors"
stage1() {
  OUT="$OUT/stage1" LIMIT="$PRETRAIN_LIMIT" TRAIN_CLIPS="$PRETRAIN_CLIPS" THREADS="$1" \
    PRETRAIN_EPOCHS="$PRETRAIN_EPOCHS" STAGES=1 scripts/train-shipped/run.sh
}
arm() {  # arm NAME THREADS
  local base="$CONFIG" clips="$TRAIN_CLIPS"
  case "$1" in
    scratch-joint) ;;
    scratch-image) clips=0 ;;
    pretrained-joint) base="$STAGE1" ;;
    pretrained-image) base="$STAGE1" clips=0 ;;
    *) echo "unknown arm '$1' (scratch-joint, scratch-image, pretrained-joint, pretrained-image)" >&2
       return 2 ;;
  esac
  OUT="$OUT/$1" BASE="$base" TRAIN_CLIPS="$clips" VAL_CLIPS=0 LIMIT="$LIMIT" \
    VAL_LIMIT="$VAL_LIMIT" EPOCHS="$EPOCHS" LR="$LR" APP_PATH=false BALANCE_POWER=0 \
    PRETRAIN_EPOCHS=0 THREADS="$2" STAGES=2 scripts/train-shipped/run.sh > "$OUT/$1.log" 2>&1 ||
    { echo "arm $1 failed: see $OUT/$1.log" >&2; return 1; }
}
SCRATCH=() PRETRAINED=()
for a in $ARMS; do
  case "$a" in scratch-*) SCRATCH+=("$a") ;; *) PRETRAINED+=("$a") ;; esac
done
if [ "${PARALLEL:-0}" = 1 ]; then
  # Two lanes of one thread each (on two cores a small model trains faster than one run on two
  # threads): stage 1 beside the scratch arms, then the pre-trained arms side by side.
  lane=""
  if [ ${#PRETRAINED[@]} -gt 0 ]; then
    stage1 1 > "$OUT/stage1.log" 2>&1 &
    lane=$!
  fi
  for a in "${SCRATCH[@]}"; do arm "$a" 1; done
  [ -z "$lane" ] || wait "$lane" || { echo "stage 1 failed: see $OUT/stage1.log" >&2; exit 1; }
  pids=()
  for a in "${PRETRAINED[@]}"; do
    arm "$a" 1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
else
  for a in "${SCRATCH[@]}"; do arm "$a" "$THREADS"; done
  [ ${#PRETRAINED[@]} -eq 0 ] || stage1 "$THREADS"
  for a in "${PRETRAINED[@]}"; do arm "$a" "$THREADS"; done
fi
export SEED="${SEED:-2409}"
export LIMIT EPOCHS LR TRAIN_CLIPS PRETRAIN_LIMIT PRETRAIN_EPOCHS PRETRAIN_CLIPS
/usr/bin/python3 scripts/train-shipped/ablation_table.py "$OUT" $ARMS
