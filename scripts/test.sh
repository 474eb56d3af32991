#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole suite (unit, parity with the Python
# reference, fuzzing, command line, widgets offscreen, clang-format, the Debian package), then the
# sanitizer pass: a headless AddressSanitizer + UBSan build in build-asan/ running the tests of
# everything that reads outside input (media, faces, model files, projects, imports and exports,
# the fuzzers, an analysis of real clips). SANITIZER_PASS=0 skips that pass (a quick local run);
# SANITIZE=1 scripts/test.sh runs the whole suite sanitized instead.
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# LibTorch's own allocations are freed at exit by the OS; only our errors are of interest.
ASAN_ENV=(ASAN_OPTIONS="detect_leaks=0:alloc_dealloc_mismatch=0"
          UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
if [ "${SANITIZE:-0}" = 1 ]; then
  export BUILD_DIR="${BUILD_DIR:-$ROOT_DIR/build-asan}"
  export CMAKE_ARGS="${CMAKE_ARGS:-} -DUNILEARN_SANITIZE=ON -DUNILEARN_BUILD_GUI=OFF"
  export "${ASAN_ENV[@]}"
fi
source "$ROOT_DIR/scripts/common.sh"
install_missing
configure_and_build
(cd "$BUILD_DIR" && ctest --output-on-failure -j2)
[ "${SANITIZE:-0}" = 1 ] && exit 0
[ "${SANITIZER_PASS:-1}" = 1 ] || exit 0

echo "== sanitizer pass (AddressSanitizer + UBSan, headless) in build-asan/"
start=$(date +%s)
BUILD_DIR="$ROOT_DIR/build-asan"
CMAKE_ARGS="${CMAKE_ARGS:-} -DUNILEARN_SANITIZE=ON -DUNILEARN_BUILD_GUI=OFF"
configure_only
cmake --build "$BUILD_DIR" --target unilearn_tests unilearn
# The valgrind test runs the CLI under valgrind, which cannot run an ASan binary; the normal
# pass above ran it.
(cd "$BUILD_DIR" && env "${ASAN_ENV[@]}" ctest --output-on-failure -j2 \
  -R '^(VideoReader|AudioDecoder|FormatMatrix|FaceDetector|FaceTracker|FaceAligner|FaceLandmarks|FaceMeshNet|BlendshapeNet|FaceEvents|FaceExpressionNet|Checkpoint|Safetensors|Fuzz|FuzzInputs|Json|JsonFields|BaseText|BaseFiles|Project|ProjectLock|Import|Eaf|Export|LibraryErrors|Calibration|LabelSuggestions|TimelineStream)\.|^Analysis\.StaticOnlyAndEveryNthFrame$' \
  -E 'GridFramesAreConvertedWithoutWritingPastTheImage')
echo "== sanitizer pass: $(( $(date +%s) - start )) s"
