#!/usr/bin/env bash
# End-to-end benchmark of the reprint CLI on the shared performance corpus.
#
#   scripts/bench.sh [--runs N] [--corpus FILE] [--reprint BIN] [--scale]
#
# 1. Builds the Release binary into build-bench/ if it is missing
#    with the benchmarks (-DREPRINT_NATIVE=OFF, so figures compare across
#    machines).
# 2. Builds build-bench/corpus/corpus.jsonl with ../shared/bench/make_corpus.sh
#    if it is missing (that script installs Debian packages: needs root or sudo).
# 3. Runs the signature microbenchmark (BM_Signature/128: tokenise, shingle
#    and 128-slot MinHash on one core) 5 times on corpus10k.jsonl from the
#    corpus folder (or the corpus itself) and prints its median and best
#    MB/s; the benchmark binary is bench/reprint_benchmark next to the
#    reprint binary's build (built into build-bench/ when missing).
# 4. Runs `reprint dedupe` and `reprint report` (--format jsonl) N times each
#    (default 3) with --threads 1 and 2, each run measured by /usr/bin/time -v
#    (the `time` package is installed if missing), and prints the medians:
#    wall seconds, MB/s (10^6 bytes of text, from the summary record or else
#    the file size), documents/s, peak RSS (MiB), the 1->2 thread speed-up
#    and the wall time per candidate pair (verified or aligned), and for
#    report per pair aligned afresh (the summary's `aligned`).
# --scale also generates 1,000,000 synthetic documents (~3 GB) with
#    scripts/gen_corpus.py into build-bench/gen1m.jsonl if missing, runs
#    dedupe on them once with 2 threads, and prints the share of the planted
#    near-duplicates (gen1m.jsonl.truth.jsonl) clustered with their original.
#
# Exit status: 0 on success, 2 on a usage error or a failed step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-bench"
RUNS=3
CORPUS=""
BIN="${REPRINT:-}"
SCALE=0
THREADS=(1 2)
COMMANDS=(dedupe report)

usage() { sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "bench.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --corpus) [ $# -ge 2 ] || die "--corpus needs a file"; CORPUS="$2"; shift 2 ;;
    --corpus=*) CORPUS="${1#*=}"; shift ;;
    --reprint) [ $# -ge 2 ] || die "--reprint needs a path"; BIN="$2"; shift 2 ;;
    --reprint=*) BIN="${1#*=}"; shift ;;
    --scale) SCALE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*|0) die "--runs must be a positive integer, not '$RUNS'" ;; esac

# Runs a command as root: directly, through sudo, or not at all.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "needs root (or sudo) for: $*"
  fi
}

# ---------------------------------------------------------------- machine
cpu_model="$(grep -m1 -E '^(model name|Model name|Hardware|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
[ -n "$cpu_model" ] || cpu_model="$(lscpu 2>/dev/null | awk -F: '/Model name/ {sub(/^ +/, "", $2); print $2; exit}' || true)"
mem_gib="$(awk '/^MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo '?')"
echo "machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, ${mem_gib} GiB RAM, $(uname -sr)"
if git -C "$ROOT" rev-parse --short HEAD >/dev/null 2>&1; then
  echo "source:  $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
fi

# ---------------------------------------------------------------- binary
if [ -z "$BIN" ]; then
  BIN="$BUILD/src/reprint"
  if [ ! -x "$BIN" ]; then
    echo "building the Release binary in $BUILD ..." >&2
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DREPRINT_NATIVE=OFF \
      -DREPRINT_BUILD_TESTS=OFF -DREPRINT_BUILD_BENCHMARKS=ON >/dev/null || die "cmake configure failed"
    cmake --build "$BUILD" -j2 >/dev/null || die "cmake build failed"
  fi
fi
[ -x "$BIN" ] || die "reprint binary not found or not executable: $BIN"
echo "binary:  $BIN"

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time ..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  [ -x /usr/bin/time ] || die "/usr/bin/time is still missing"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is required"

# ---------------------------------------------------------------- corpus
if [ -z "$CORPUS" ]; then
  CORPUS="$BUILD/corpus/corpus.jsonl"
  if [ ! -s "$CORPUS" ]; then
    MAKE_CORPUS="$ROOT/../shared/bench/make_corpus.sh"
    [ -f "$MAKE_CORPUS" ] || die "no corpus at $CORPUS and no $MAKE_CORPUS to build it (use --corpus FILE)"
    echo "building the performance corpus into $BUILD/corpus (installs packages) ..." >&2
    mkdir -p "$BUILD/corpus"
    as_root bash "$MAKE_CORPUS" "$BUILD/corpus" || die "make_corpus.sh failed"
  fi
fi
[ -s "$CORPUS" ] || die "corpus not found or empty: $CORPUS"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/reprint-bench.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
RESULTS="$TMP/results.tsv"
: >"$RESULTS"

file_bytes="$(stat -L -c %s "$CORPUS")"
file_docs="$(wc -l <"$CORPUS" | tr -d ' ')"
echo "corpus:  $CORPUS ($file_docs lines, $file_bytes bytes)"
echo

# ---------------------------------------------------------------- signatures
BENCH_BIN="$(cd "$(dirname "$BIN")/.." && pwd)/bench/reprint_benchmark"
SAMPLE="$(dirname "$CORPUS")/corpus10k.jsonl"
[ -s "$SAMPLE" ] || SAMPLE="$CORPUS"
if [ -x "$BENCH_BIN" ]; then
  echo "signatures: BM_Signature/128 on $(basename "$SAMPLE"), 5 runs, one core ..." >&2
  REPRINT_BENCH_CORPUS="$SAMPLE" "$BENCH_BIN" --benchmark_filter='^BM_Signature/128$' \
    --benchmark_repetitions=5 --benchmark_format=json >"$TMP/sig.json" 2>/dev/null ||
    die "$BENCH_BIN failed"
  python3 - "$TMP/sig.json" <<'PY'
import json, statistics, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("run_type") == "iteration"]
rates = sorted(b["bytes_per_second"] / 1e6 for b in runs)
print(f"## signatures (tokenise + shingle + 128-slot MinHash), one core\n\n"
      f"{len(rates)} runs: median {statistics.median(rates):.0f} MB/s, "
      f"best {rates[-1]:.0f} MB/s (10^6 bytes of text per second)")
PY
else
  echo "(no $BENCH_BIN: configure with -DREPRINT_BUILD_BENCHMARKS=ON for the signature figure)"
  echo
fi

# Prints "BYTES DOCS CANDIDATES" from the last summary record of a JSONL
# output file, "-" for each field it lacks.
summary_of() {
  python3 - "$1" <<'PY'
import json, sys
rec = None
with open(sys.argv[1], "rb") as f:
    for line in f:
        if b'"summary"' not in line:
            continue
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and r.get("type") == "summary":
            rec = r
def pick(keys):
    for scope in (rec, (rec or {}).get("data"), (rec or {}).get("stats")):
        if isinstance(scope, dict):
            for k in keys:
                if isinstance(scope.get(k), (int, float)) and not isinstance(scope.get(k), bool):
                    return int(scope[k])
    return "-"
print(pick(("bytes", "text_bytes", "input_bytes", "total_bytes")),
      pick(("documents", "docs", "num_docs", "n_docs")),
      pick(("candidates",)), pick(("aligned",)))
PY
}

# run_one COMMAND THREADS LABEL CORPUS: one measured run; appends a TSV line
# "command threads wall_s rss_kib bytes docs candidates aligned" to
# $RESULTS (aligned: report's pairs aligned afresh, the others copying the
# alignment of a pair of identical texts).
run_one() {
  local cmd="$1" threads="$2" label="$3" corpus="$4" rc=0
  /usr/bin/time -v -o "$TMP/time.txt" "$BIN" "$cmd" --format jsonl --threads "$threads" "$corpus" \
    >"$TMP/out.jsonl" 2>"$TMP/err.txt" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "bench.sh: '$BIN $cmd --format jsonl --threads $threads $corpus' failed (exit $rc):" >&2
    tail -n 15 "$TMP/err.txt" >&2 || true
    exit 2
  fi
  local wall rss sb sd sc sa
  wall="$(awk -F': ' '/Elapsed \(wall clock\) time/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/time.txt")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")"
  if [ -z "$wall" ] || [ -z "$rss" ]; then
    die "could not read /usr/bin/time output: $(cat "$TMP/time.txt")"
  fi
  read -r sb sd sc sa < <(summary_of "$TMP/out.jsonl" || true) || true
  sb="${sb:--}"; sd="${sd:--}"; sc="${sc:--}"; sa="${sa:--}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cmd" "$threads" "$wall" "$rss" "$sb" "$sd" "$sc" "$sa" >>"$RESULTS"
  printf '  %-7s threads=%s %-8s %8.2f s  %7.1f MiB peak RSS\n' "$cmd" "$threads" "$label" "$wall" \
    "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" >&2
}

# Prints the Markdown table of medians from a results file.
table() {
  python3 - "$1" "$2" "$3" <<'PY'
import statistics, sys
path, file_bytes, file_docs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = {}
order = []
for line in open(path):
    cmd, t, wall, rss, b, d, c, a = line.rstrip("\n").split("\t")
    key = (cmd, int(t))
    if key not in rows:
        rows[key] = []
        order.append(key)
    rows[key].append((float(wall), int(rss), b, d, c, a))
src = set()
print("| command | threads | runs | wall s (median) | MB/s | docs/s | peak RSS MiB | speed-up 1->2 | candidate pairs | us per pair | aligned pairs | us per aligned pair |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
med_wall = {}
for key in order:
    rs = rows[key]
    wall = statistics.median(r[0] for r in rs)
    rss = statistics.median(r[1] for r in rs) / 1024
    med_wall[key] = wall
    b, d = rs[-1][2], rs[-1][3]
    if b == "-":
        b, s1 = file_bytes, "file size"
    else:
        b, s1 = int(b), "summary"
    d = file_docs if d == "-" else int(d)
    src.add(s1)
    mbs = b / 1e6 / wall if wall > 0 else float("inf")
    dps = d / wall if wall > 0 else float("inf")
    up = ""
    if key[1] != 1 and (key[0], 1) in med_wall and wall > 0:
        up = f"{med_wall[(key[0], 1)] / wall:.2f}x"
    mark = "" if s1 == "summary" else "*"
    c = rs[-1][4]
    pairs, per_pair = ("-", "-") if c in ("-", "0") else (f"{int(c):,}", f"{wall * 1e6 / int(c):.1f}")
    a = rs[-1][5]
    aligned, per_aligned = ("-", "-") if a in ("-", "0") else (f"{int(a):,}", f"{wall * 1e6 / int(a):.1f}")
    print(f"| {key[0]} | {key[1]} | {len(rs)} | {wall:.2f} | {mbs:.1f}{mark} | {dps:,.0f} | {rss:.0f} | {up} | {pairs} | {per_pair} | {aligned} | {per_aligned} |")
print()
print("MB/s: 10^6 bytes of document text per second, from the run's summary record"
      + ("; * marks rows whose summary had no byte count, measured on the input file size instead"
         if "file size" in src else "") + ". Peak RSS: median over the runs. us per pair:"
      " wall time of the whole run divided by the candidate pairs it verified (dedupe) or"
      " aligned (report); us per aligned pair: the same over the pairs report aligned afresh"
      " (the others, pairs of two texts identical to an aligned pair's, copy its passages).")
PY
}

echo "runs: $RUNS per configuration" >&2
for cmd in "${COMMANDS[@]}"; do
  for t in "${THREADS[@]}"; do
    for r in $(seq 1 "$RUNS"); do
      run_one "$cmd" "$t" "run $r/$RUNS" "$CORPUS"
    done
  done
done
echo
echo "## reprint on $(basename "$CORPUS")"
echo
table "$RESULTS" "$file_bytes" "$file_docs"

if [ "$SCALE" -eq 1 ]; then
  GEN="$BUILD/gen1m.jsonl"
  if [ ! -s "$GEN" ]; then
    echo >&2
    echo "generating 1,000,000 synthetic documents into $GEN ..." >&2
    mkdir -p "$BUILD"
    python3 "$ROOT/scripts/gen_corpus.py" --docs 1000000 --out "$GEN" || die "gen_corpus.py failed"
  fi
  gen_bytes="$(stat -L -c %s "$GEN")"
  gen_docs="$(wc -l <"$GEN" | tr -d ' ')"
  : >"$RESULTS"
  echo >&2
  run_one dedupe 2 "scale" "$GEN"
  echo
  echo "## reprint on $(basename "$GEN") ($gen_docs documents, $gen_bytes bytes)"
  echo
  table "$RESULTS" "$gen_bytes" "$gen_docs"
  python3 - "$TMP/out.jsonl" "$GEN.truth.jsonl" <<'PY'
import json, sys
cluster = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        o = json.loads(line)
        if o.get("type") == "cluster":
            for m in o["members"]:
                cluster[m] = o["id"]
planted = found = 0
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)
        planted += 1
        c = cluster.get(t["id"])
        found += c is not None and cluster.get(t["of"]) == c
share = found / planted if planted else 0.0
print(f"\nplanted near-duplicates clustered with their original: "
      f"{found:,} of {planted:,} ({100 * share:.1f}%)")
PY
fi
