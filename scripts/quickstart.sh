#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build,
# and run reprint on the seed articles (document-level dedupe, then passage
# reuse).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build
echo "== reprint dedupe fixtures/seeds fixtures/near"
./build/src/reprint dedupe --quiet fixtures/seeds fixtures/near
echo
echo "== reprint report fixtures/seeds"
./build/src/reprint report --quiet fixtures/seeds
./build/src/reprint report --quiet --format html fixtures/seeds > build/report_seeds.html
echo
echo "== the same passages side by side: open build/report_seeds.html in a browser"
