#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole suite (unit, parity with the Python
# reference, fuzzing, command line, widgets offscreen, clang-format, the Debian package).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing
configure_and_build
cd "$BUILD_DIR"
ctest --output-on-failure -j2
