#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the sources (Qt's lupdate; keeps every translation
# made so far, marks vanished strings obsolete). Debian's lupdate 6.4 does not understand
# `namespace unilearn::ui {`, so it names contexts by the bare class ("MainWindow") while tr()
# looks them up as "unilearn::ui::MainWindow": contexts are renamed to the bare class before the
# run and qualified again after it. Then translate in Qt Linguist or by editing the XML; the
# build turns the .ts files into .qm files inside the app. A string that moved to another class
# (a refactoring) keeps its translation: an untranslated string takes the translation the same
# English text had before the run, in any class. TS_DIR (default resources/translations)
# names another folder of .ts files to refresh (scripts/check-translations.sh uses copies).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LUPDATE="$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)"
TS_DIR="$(realpath "${TS_DIR:-$ROOT/resources/translations}")"
cd "$ROOT"
for ts in "$TS_DIR"/unilearn_*.ts; do
  cp "$ts" "$ts.before"
  sed -i 's|<name>unilearn::ui::|<name>|' "$ts"
  "$LUPDATE" -silent -locations none -no-obsolete ui app -ts "$ts" 2>/dev/null
  python3 - "$ts" "$ts.before" <<'PY'
import re, sys
path, before = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"<name>(?!QObject<)([A-Za-z_]\w*)</name>", r"<name>unilearn::ui::\1</name>", text)
message = re.compile(r"<source>([^<]*)</source>(\s*)<translation( type=\"unfinished\")?>([^<]*)</translation>")
known = {m.group(1): m.group(4) for m in message.finditer(open(before, encoding="utf-8").read())
         if not m.group(3) and m.group(4)}
def carry(m):
    if m.group(3) and m.group(1) in known:
        return f"<source>{m.group(1)}</source>{m.group(2)}<translation>{known[m.group(1)]}</translation>"
    return m.group(0)
open(path, "w", encoding="utf-8").write(message.sub(carry, text))
PY
  rm -f "$ts.before"
  echo "$ts: $(grep -c '<message' "$ts") strings, $(grep -c 'type="unfinished"' "$ts") untranslated"
done
