#!/usr/bin/env bash
# Regenerates fixtures/golden/ after an intended output change. Review the
# diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/src/reprint}"
g=fixtures/golden
strip() { sed -E 's/"seconds":[0-9.e-]+/"seconds":0/'; }
NO_COLOR=1 "$bin" dedupe --threads 2 fixtures/seeds fixtures/near > $g/dedupe_seeds.txt
NO_COLOR=1 "$bin" dedupe --format jsonl fixtures/seeds fixtures/near | strip > $g/dedupe_seeds.jsonl
NO_COLOR=1 "$bin" report fixtures/seeds > $g/report_seeds.txt
NO_COLOR=1 "$bin" report --format jsonl fixtures/seeds | strip > $g/report_seeds.jsonl
NO_COLOR=1 "$bin" report --format html fixtures/seeds > $g/report_seeds.html
git --no-pager diff --stat -- $g || true
