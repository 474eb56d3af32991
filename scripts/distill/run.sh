#!/usr/bin/env bash
# Rebuilds the shipped model end to end: fetches the real faces, labels them with the static
# model, trains UniLearn-T on them and synthetic clips, measures agreement on held-out faces and
# writes resources/models/unilearn-t16-distilled.{safetensors,md}. Deterministic (fixed seed,
# 2 threads); about half an hour on 2 CPU cores. Resumes if interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build --target unilearn >/dev/null
scripts/distill/fetch-faces.sh
build/app/unilearn distill scripts/distill/job.json \
  --out resources/models/unilearn-t16-distilled.safetensors \
  --card resources/models/unilearn-t16-distilled.md "$@"
