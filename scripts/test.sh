#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build,
# run the whole test suite, then build and run it again under
# AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs="$(nproc)"

echo "== release build and tests"
bash scripts/build.sh build -DREPRINT_WERROR=ON
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== self-tests of the evaluation scripts"
python3 scripts/eval_report.py --self-test
python3 scripts/make_spun_set.py --self-test
python3 scripts/make_wide_set.py --self-test
python3 scripts/make_site_set.py --self-test

# Quality on the labelled development data, when it is beside the checkout
# (informational: the figures are published in the README).
if [ -d ../shared/eval/pan13 ] && [ -d ../shared/eval/clough_stevenson ]; then
  echo "== evaluation on ../shared/eval (development split)"
  python3 scripts/eval_report.py --reprint build/src/reprint \
    --set ../shared/eval/pan13 --set ../shared/eval/clough_stevenson | tail -n 5
fi

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREPRINT_SANITIZE=address,undefined
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
