#!/usr/bin/env bash
# Fails when a user-visible string of the app is missing from a translation or untranslated:
# refreshes copies of resources/translations/*.ts from the sources (scripts/update-translations.sh)
# and counts what is left untranslated. Run by ctest as Repo.TranslationsComplete.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$ROOT"/resources/translations/unilearn_*.ts "$tmp/"
TS_DIR="$tmp" "$ROOT/scripts/update-translations.sh" > "$tmp/report.txt"
cat "$tmp/report.txt"
if grep -qv ", 0 untranslated$" "$tmp/report.txt"; then
  echo "untranslated strings: run scripts/update-translations.sh and translate them in" \
       "resources/translations/*.ts (Qt Linguist or the XML)" >&2
  exit 1
fi
