#!/usr/bin/env bash
# Issue 16: the GPU check, one short run (well under 8 minutes) on a machine the `device` tool
# lends. Builds model/ alone (LibTorch, no Qt, OpenCV or FFmpeg) against that machine's PyTorch
# and prints ViT-B clips/s at batch 64 in fp32 and bf16, fine-tuning and pre-training steps/s
# (fp32 and bf16 autocast) — record the output in docs/performance.md.
#   scripts/gpu-check.sh [--device cpu]   (on the CPU: a smoke run with a tiny model)
# Settings: BUILD (build-gpu), CONFIG (unilearn-b16-160), BATCH (64), TRAIN_BATCH (16),
# SECONDS_EACH (8).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build-gpu}"
DEVICE=cuda
[ "${1:-}" = "--device" ] && DEVICE="${2:?--device needs cuda or cpu}"
if [ "$DEVICE" = cpu ]; then CONFIG="${CONFIG:-unilearn-t16-160}" BATCH="${BATCH:-2}" TRAIN_BATCH="${TRAIN_BATCH:-2}" SECONDS_EACH="${SECONDS_EACH:-1}"; fi
CONFIG="${CONFIG:-unilearn-b16-160}" BATCH="${BATCH:-64}" TRAIN_BATCH="${TRAIN_BATCH:-16}"
SECONDS_EACH="${SECONDS_EACH:-8}"
echo "== $(date -u +%FT%TZ) on $(hostname): $(nproc) cores"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
# The LibTorch of this machine's PyTorch when there is one (GPU machines), else the system's.
PREFIX="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null || true)"
GENERATOR=(); command -v ninja >/dev/null && GENERATOR=(-G Ninja)
start=$(date +%s)
cmake -S "$ROOT" -B "$BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release -DUNILEARN_MODEL_ONLY=ON \
  -DUNILEARN_BUILD_TESTS=OFF ${PREFIX:+-DCMAKE_PREFIX_PATH="$PREFIX"} >"$BUILD.configure.log" 2>&1 \
  || { tail -30 "$BUILD.configure.log"; exit 1; }
cmake --build "$BUILD" -j"$(nproc)" --target unilearn-gpu-check >"$BUILD.build.log" 2>&1 \
  || { grep -E "error|Error" "$BUILD.build.log" | head -30; exit 1; }
echo "== built in $(( $(date +%s) - start )) s"
"$BUILD/app/gpu_check/unilearn-gpu-check" --device "$DEVICE" --config "$CONFIG" --batch "$BATCH" \
  --train-batch "$TRAIN_BATCH" --seconds "$SECONDS_EACH"
