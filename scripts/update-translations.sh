#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the sources (Qt's lupdate; keeps every translation
# made so far, marks vanished strings obsolete). Debian's lupdate 6.4 does not understand
# `namespace unilearn::ui {`, so it names contexts by the bare class ("MainWindow") while tr()
# looks them up as "unilearn::ui::MainWindow": contexts are renamed to the bare class before the
# run and qualified again after it. Then translate in Qt Linguist or by editing the XML; the
# build turns the .ts files into .qm files inside the app. TS_DIR (default resources/translations)
# names another folder of .ts files to refresh (scripts/check-translations.sh uses copies).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LUPDATE="$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)"
TS_DIR="$(realpath "${TS_DIR:-$ROOT/resources/translations}")"
cd "$ROOT"
for ts in "$TS_DIR"/unilearn_*.ts; do
  sed -i 's|<name>unilearn::ui::|<name>|' "$ts"
  "$LUPDATE" -silent -locations none -no-obsolete ui app -ts "$ts" 2>/dev/null
  python3 - "$ts" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"<name>(?!QObject<)([A-Za-z_]\w*)</name>", r"<name>unilearn::ui::\1</name>", text)
open(path, "w", encoding="utf-8").write(text)
PY
  echo "$ts: $(grep -c '<message' "$ts") strings, $(grep -c 'type="unfinished"' "$ts") untranslated"
done
