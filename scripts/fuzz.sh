#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# SECONDS (default 60), seeded with the fixtures.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
command -v clang++ >/dev/null || { echo "fuzz.sh: needs clang++ (apt-get install clang)" >&2; exit 2; }
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREPRINT_BUILD_TESTS=OFF -DREPRINT_BUILD_FUZZERS=ON -DREPRINT_SANITIZE=address,undefined >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target reprint_jsonl_fuzzer reprint_text_fuzzer
mkdir -p build-fuzz/corpus/jsonl build-fuzz/corpus/text
# Seeds: every fixture line for the JSONL parser, every fixture file for text.
i=0
for f in fixtures/jsonl/*.jsonl fixtures/outlet/*.jsonl fixtures/syndication/*.jsonl; do
  while IFS= read -r line; do i=$((i + 1)); printf '%s' "$line" > "build-fuzz/corpus/jsonl/seed$i"; done < "$f"
done
# Dates and page addresses, which the JSONL target also reads.
for d in "2018-06-05" "20180605" "2018-06-05T10:00:00+01:00" "2016-12-31T23:59:60.125Z" \
         "Tue, 05 Jun 2018 09:00:00 GMT" "5 June 2018 01:00 -0800" \
         "June 5, 2018 at 5:50 a.m. EDT" "Tuesday, 5th June 2018" "2018/6/5 09:00 UTC" "1528189200" \
         "https://user@www.Example.com:8443/a?b#c" "//m.example.org/x" "example.com/a" \
         "https://news.example.co.uk/a" "http://192.168.0.1/" "https://a.b.blogspot.com/" \
         "http://[2001:db8::1]/" '{"id":"a","text":"t","url":"https://www.example.com/a"}'; do
  i=$((i + 1)); printf '%s' "$d" > "build-fuzz/corpus/jsonl/seed$i"
done
cp fixtures/seeds/*.txt fixtures/near/*.txt fixtures/bad/* build-fuzz/corpus/text/ 2>/dev/null || true
# HTML character references, which the tokeniser reads as their characters.
printf '%s' 'XAT&amp;T don&#8217;t caf&eacute; &#x41;&#26481; &#12345678; &#; a&unknown;b do&amp;#8217;s end&' \
  > build-fuzz/corpus/text/seed-references
# HTML markup, whose tags, comments, scripts and styles hold no words.
printf '%s' '<!DOCTYPE html><p class="a>b">One</p><br/><!-- x --><script>"<p>"</script>C<p> <a@b.c> <o:p>two</o:p><div ' \
  > build-fuzz/corpus/text/seed-markup
# A mail, whose header but its subject, and its parts' headers, hold no words.
printf 'From a@b  Tue Aug  6 2002\nReceived: from x\n\tby y\nMessage-ID: <1@y>\r\nSubject: Storm\n hits\n\n--b\nContent-Type: text/html\n\n<html><p>One</p><br></html>\n--b--\n' \
  > build-fuzz/corpus/text/seed-mail
for name in jsonl text; do
  echo "== fuzzing $name for ${secs}s"
  # Findings go beside the build, never into the source tree.
  "build-fuzz/tests/fuzz/reprint_${name}_fuzzer" -max_total_time="$secs" -max_len=65536 \
    -artifact_prefix="build-fuzz/" "build-fuzz/corpus/$name"
done
