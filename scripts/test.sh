#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole suite (unit, parity with the Python
# reference, fuzzing, command line, widgets offscreen, clang-format, the Debian package).
# SANITIZE=1 scripts/test.sh builds headless with AddressSanitizer + UBSan in build-asan/ instead.
if [ "${SANITIZE:-0}" = 1 ]; then
  export BUILD_DIR="${BUILD_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build-asan}"
  export CMAKE_ARGS="${CMAKE_ARGS:-} -DUNILEARN_SANITIZE=ON -DUNILEARN_BUILD_GUI=OFF"
  # LibTorch's own allocations are freed at exit by the OS; only our errors are of interest.
  export ASAN_OPTIONS="detect_leaks=0:alloc_dealloc_mismatch=0"
fi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing
configure_and_build
cd "$BUILD_DIR"
ctest --output-on-failure -j2
