#!/usr/bin/env bash
# The main job: install what is missing, build, and describe the paper's UniLearn model.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing
configure_and_build
echo "== unilearn info (the paper's model, unilearn-b16-160)"
"$BUILD_DIR/app/unilearn" info --config unilearn-b16-160
