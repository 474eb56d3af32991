#!/usr/bin/env bash
# The first shipped model's recipe (issue 9; superseded by scripts/train-shipped/, which trains on
# FER+'s labelled faces): fetches real faces, labels them with the static model, trains UniLearn-T
# on them and synthetic clips, measures agreement on held-out faces and writes
# build/distill/unilearn-t16-distilled.{safetensors,md}. Deterministic (fixed seed,
# 2 threads); about half an hour on 2 CPU cores. Resumes if interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build --target unilearn >/dev/null
scripts/distill/fetch-faces.sh
build/app/unilearn distill scripts/distill/job.json \
  --out build/distill/unilearn-t16-distilled.safetensors \
  --card build/distill/unilearn-t16-distilled.md "$@"
