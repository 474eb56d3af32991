# Shared by scripts/run.sh and scripts/test.sh: install what is missing, then configure and build.
# Sourced, not run. Honours BUILD_DIR (default: build) and CMAKE_ARGS.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"

# Debian 12 packages (docs/toolchain facts: libopenblas0-pthread is essential, or LibTorch falls
# back to reference BLAS and runs 15x slower).
PACKAGES=(
  qt6-base-dev qt6-charts-dev qt6-multimedia-dev qt6-svg-dev libqt6opengl6-dev
  libtorch-dev libopenblas0-pthread libopencv-dev
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev libswresample-dev
  libgtest-dev libgmock-dev cmake ninja-build pkg-config g++ ccache
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  xvfb xauth imagemagick ffmpeg
  libsqlite3-dev libxml2-dev clang-format python3-torch dpkg-dev file git opencv-data
  libgloo-dev valgrind qt6-l10n-tools
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "These Debian packages are missing. Install them as root, then run this again:" >&2
    echo "  sudo sh -c '$line'" >&2
    exit 1
  fi
}

configure_only() {
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Lets ccache cache translation units that use the precompiled torch header.
    export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  fi
  # shellcheck disable=SC2086
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" ${CMAKE_ARGS:-}
}

configure_and_build() {
  configure_only
  cmake --build "$BUILD_DIR"
}
