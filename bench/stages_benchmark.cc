// Per-stage microbenchmarks. Texts come from the JSONL corpus named by
// $REPRINT_BENCH_CORPUS (e.g. corpus10k.jsonl from ../shared/bench), or from
// a deterministic synthetic corpus when it is unset. Throughput is per core
// (each benchmark runs on one thread).

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "reprint/align.h"
#include "reprint/dedupe.h"
#include "reprint/report.h"
#include "reprint/ingest.h"
#include "reprint/lsh.h"
#include "reprint/minhash.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "reprint/text.h"
#include "reprint/verify.h"

namespace reprint {
namespace {

std::string SyntheticText(std::mt19937_64* rng, size_t words) {
  static const char* kWords[] = {
      "the", "police", "officers", "said", "armed", "patrols", "london",
      "would", "be", "in", "of", "and", "a", "to", "commissioner", "violent",
      "crime", "memo", "seen", "by", "gang", "activity", "areas", "community",
      "statement", "support", "response", "increase", "examining", "how"};
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    out += kWords[(*rng)() % 30];
    out += (i % 17 == 16) ? ". " : " ";
  }
  return out;
}

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string>* corpus = [] {
    auto* docs = new std::vector<std::string>;
    const char* path = std::getenv("REPRINT_BENCH_CORPUS");
    if (path != nullptr) {
      auto reader = NewDocumentReader({path}, IngestOptions{}, nullptr);
      if (reader.ok()) {
        Document d;
        while ((*reader)->Next(&d)) docs->push_back(std::move(d.text));
      }
    }
    if (docs->empty()) {
      std::mt19937_64 rng(42);
      for (int i = 0; i < 4000; ++i) {
        docs->push_back(SyntheticText(&rng, 200 + rng() % 800));
      }
    }
    return docs;
  }();
  return *corpus;
}

int64_t CorpusBytes() {
  int64_t n = 0;
  for (const auto& d : Corpus()) n += d.size();
  return n;
}

void BM_Tokenize(benchmark::State& state) {
  std::vector<Token> tokens;
  for (auto _ : state) {
    for (const auto& d : Corpus()) {
      Tokenize(d, &tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_TokenizeShingle(benchmark::State& state) {
  std::vector<Token> tokens;
  std::vector<uint64_t> shingles;
  for (auto _ : state) {
    for (const auto& d : Corpus()) {
      Tokenize(d, &tokens);
      ShingleHashes(tokens, 5, &shingles);
      benchmark::DoNotOptimize(shingles.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_TokenizeShingle)->Unit(benchmark::kMillisecond);

// The signature target: tokenise + shingle + 128-slot MinHash, one core.
void BM_Signature(benchmark::State& state) {
  MinHashParams params;
  params.num_perm = static_cast<uint32_t>(state.range(0));
  MinHasher hasher(params);
  std::vector<Token> tokens;
  std::vector<uint64_t> shingles;
  Signature sig;
  for (auto _ : state) {
    for (const auto& d : Corpus()) {
      Tokenize(d, &tokens);
      ShingleHashes(tokens, 5, &shingles);
      hasher.Compute(shingles, &sig);
      benchmark::DoNotOptimize(sig.values.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_Signature)->Arg(128)->Arg(256)->Unit(benchmark::kMillisecond);

void BM_MinHashOnly(benchmark::State& state) {
  MinHasher hasher{MinHashParams{}};
  std::vector<std::vector<uint64_t>> sets;
  std::vector<Token> tokens;
  int64_t shingle_count = 0;
  for (const auto& d : Corpus()) {
    Tokenize(d, &tokens);
    sets.emplace_back();
    ShingleHashes(tokens, 5, &sets.back());
    shingle_count += sets.back().size();
  }
  Signature sig;
  for (auto _ : state) {
    for (const auto& s : sets) {
      hasher.Compute(s, &sig);
      benchmark::DoNotOptimize(sig.values.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * shingle_count);
}
BENCHMARK(BM_MinHashOnly)->Unit(benchmark::kMillisecond);

void BM_LshInsertAndPairs(benchmark::State& state) {
  MinHashParams params;
  MinHasher hasher(params);
  std::vector<Signature> sigs;
  std::vector<Token> tokens;
  std::vector<uint64_t> shingles;
  for (const auto& d : Corpus()) {
    Tokenize(d, &tokens);
    ShingleHashes(tokens, 5, &shingles);
    sigs.push_back(hasher.Compute(shingles));
  }
  Banding banding = ChooseBanding(0.5, params.num_perm);
  for (auto _ : state) {
    LshIndex index(params, banding);
    for (DocIndex d = 0; d < sigs.size(); ++d) {
      benchmark::DoNotOptimize(index.Add(d, sigs[d]));
    }
    auto pairs = index.CandidatePairs();
    benchmark::DoNotOptimize(pairs.data());
  }
  state.SetItemsProcessed(state.iterations() * sigs.size());
}
BENCHMARK(BM_LshInsertAndPairs)->Unit(benchmark::kMillisecond);

void BM_VerifyPair(benchmark::State& state) {
  std::mt19937_64 rng(1);
  std::vector<uint64_t> a(2000), b;
  for (auto& x : a) x = rng();
  b = a;
  for (size_t i = 0; i < 400; ++i) b[i] = rng();
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  for (auto _ : state) benchmark::DoNotOptimize(CompareSets(a, b));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyPair);

void BM_AlignPair(benchmark::State& state) {
  // A 600-word article whose middle third is reused with every fifth word
  // substituted, inside a 900-word article.
  std::mt19937_64 rng(3);
  std::string a = SyntheticText(&rng, 600);
  std::vector<Token> ta, tb;
  Tokenize(a, &ta);
  std::string b = SyntheticText(&rng, 300);
  for (size_t i = 200; i < 400; ++i) {
    b += (i % 5 == 0) ? std::string("substituted")
                      : a.substr(ta[i].begin, ta[i].end - ta[i].begin);
    b += ' ';
  }
  b += SyntheticText(&rng, 400);
  Tokenize(b, &tb);
  size_t passages = 0;
  for (auto _ : state) {
    auto p = AlignPassages(ta, tb, AlignOptions{});
    passages = p.size();
    benchmark::DoNotOptimize(p.data());
  }
  state.counters["passages"] = static_cast<double>(passages);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AlignPair)->Unit(benchmark::kMicrosecond);

// A 60-word quotation inside two 5,000-word documents, as most report pairs
// look: whole-document alignment (arg 0) against alignment around the
// shared seeds (arg 1). Documents are prepared once, as in the pipeline.
void BM_AlignQuoteInLongDocuments(benchmark::State& state) {
  std::mt19937_64 rng(5);
  const std::string quote = SyntheticText(&rng, 60);
  const std::string a = SyntheticText(&rng, 2500) + quote + " " + SyntheticText(&rng, 2500);
  const std::string b = SyntheticText(&rng, 4000) + quote + " " + SyntheticText(&rng, 1000);
  std::vector<Token> ta, tb;
  Tokenize(a, &ta);
  Tokenize(b, &tb);
  AlignOptions options;
  AlignDoc da = PrepareAlignDoc(ta, options.anchor_k);
  AlignDoc db = PrepareAlignDoc(tb, options.anchor_k);
  PassageSketch sa = ComputePassageSketch(ta, PassageSketchParams{});
  PassageSketch sb = ComputePassageSketch(tb, PassageSketchParams{});
  std::vector<SeedHit> seeds;
  for (const Fingerprint& x : sa.fingerprints) {
    for (const Fingerprint& y : sb.fingerprints) {
      if (x.hash == y.hash) seeds.push_back({x.position, y.position});
    }
  }
  size_t passages = 0;
  for (auto _ : state) {
    auto p = state.range(0) == 0 ? AlignPrepared(da, db, options)
                                 : AlignAroundSeeds(da, db, seeds, 5, options);
    passages = p.size();
    benchmark::DoNotOptimize(p.data());
  }
  state.counters["passages"] = static_cast<double>(passages);
  state.counters["seeds"] = static_cast<double>(seeds.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AlignQuoteInLongDocuments)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_PassageSketch(benchmark::State& state) {
  std::vector<Token> tokens;
  for (auto _ : state) {
    for (const auto& d : Corpus()) {
      Tokenize(d, &tokens);
      PassageSketch s = ComputePassageSketch(tokens, PassageSketchParams{});
      benchmark::DoNotOptimize(s.fingerprints.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_PassageSketch)->Unit(benchmark::kMillisecond);

// End to end on the file named by $REPRINT_BENCH_FILE (e.g. the 138 MB
// corpus.jsonl): reading, both passes and clustering, as `reprint dedupe`
// and `reprint report` run them, without output. Skipped when unset.
template <bool kReport>
void BM_EndToEnd(benchmark::State& state) {
  const char* path = std::getenv("REPRINT_BENCH_FILE");
  if (path == nullptr) {
    state.SkipWithError("set REPRINT_BENCH_FILE to a JSONL corpus");
    return;
  }
  uint64_t bytes = 0, pairs = 0;
  for (auto _ : state) {
    auto reader = NewDocumentReader({path}, IngestOptions{}, nullptr);
    if (!reader.ok()) {
      state.SkipWithError("cannot read REPRINT_BENCH_FILE");
      return;
    }
    if (kReport) {
      ReportOptions options;
      options.threads = static_cast<int>(state.range(0));
      auto r = RunReport(reader->get(), options);
      bytes = r->stats.bytes;
      pairs = r->stats.candidates;
    } else {
      DedupeOptions options;
      options.threads = static_cast<int>(state.range(0));
      auto r = RunDedupe(reader->get(), options);
      bytes = r->stats.bytes;
      pairs = r->stats.candidates;
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["candidate_pairs"] = static_cast<double>(pairs);
  if (kReport) {
    // Cost per aligned (candidate) pair, whole run included.
    state.counters["us_per_pair"] = benchmark::Counter(
        static_cast<double>(pairs) * state.iterations(),
        benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  }
}
BENCHMARK_TEMPLATE(BM_EndToEnd, false)->Name("BM_DedupeEndToEnd")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK_TEMPLATE(BM_EndToEnd, true)->Name("BM_ReportEndToEnd")->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace reprint

BENCHMARK_MAIN();
