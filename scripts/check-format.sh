#!/usr/bin/env bash
# Fails when any C++ source differs from .clang-format; lists the files. Works in a git checkout
# (tracked files) and in an unpacked source archive (every .cpp/.h outside build folders).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files '*.cpp' '*.h')
else
  files=$(find . \( -path './build*' -o -path './.git' \) -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
fi
bad=$(echo "$files" | while read -r f; do
  [ -n "$f" ] || continue
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"; done)
if [ -n "$bad" ]; then
  echo "Not formatted (run: clang-format -i FILE):"
  echo "$bad"
  exit 1
fi
echo "all C++ files formatted ($(echo "$files" | wc -l) files)"
