#include "reprint/dedupe.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "reprint/cluster.h"
#include "reprint/shingle.h"
#include "reprint/text.h"
#include "src/pipeline/batches.h"
#include "src/pipeline/dates.h"
#include "src/util/parallel.h"
#include "src/util/radix_sort.h"
#include "src/util/scratch.h"

namespace reprint {
namespace {

// Shingle sets shorter than this pair only by Jaccard, never by
// containment: a three-word document is "inside" half the corpus.
constexpr size_t kMinShinglesForContainment = 8;

bool IsDuplicate(const Overlap& o, const DedupeOptions& options) {
  if (o.intersection == 0) return false;
  if (o.jaccard() >= options.threshold) return true;
  if (options.containment <= 0) return false;
  if (o.size_a >= kMinShinglesForContainment &&
      o.containment_a() >= options.containment) {
    return true;
  }
  return o.size_b >= kMinShinglesForContainment &&
         o.containment_b() >= options.containment;
}

}  // namespace

DocIndex ChooseKeep(const std::vector<DocIndex>& members,
                    const std::vector<DocumentInfo>& docs, KeepPolicy policy) {
  DocIndex best = members.front();
  for (DocIndex d : members) {
    const DocumentInfo& x = docs[d];
    const DocumentInfo& y = docs[best];
    bool better = false;
    switch (policy) {
      case KeepPolicy::kFirst:
        better = d < best;
        break;
      case KeepPolicy::kLongest:
        better = x.text_bytes > y.text_bytes ||
                 (x.text_bytes == y.text_bytes && d < best);
        break;
      case KeepPolicy::kEarliest: {
        int c = internal::CompareDates(x, y);
        better = c != 0 ? c < 0 : d < best;
        break;
      }
    }
    if (better) best = d;
  }
  return best;
}

absl::StatusOr<DedupeResult> RunDedupe(DocumentReader* reader,
                                       const DedupeOptions& options,
                                       const ProgressFn& progress) {
  auto start = std::chrono::steady_clock::now();
  absl::Status st = options.minhash.Validate();
  if (!st.ok()) return st;
  if (!(options.threshold > 0 && options.threshold <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--threshold must be in (0, 1], not ", options.threshold));
  }
  if (options.containment < 0 || options.containment > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--containment must be in [0, 1], not ", options.containment));
  }
  const int threads =
      options.threads > 0 ? options.threads : internal::HardwareThreads();
  double lsh_t = options.lsh_threshold;
  if (lsh_t <= 0) {
    lsh_t = options.containment > 0 ? std::min(options.threshold, 0.5)
                                    : options.threshold;
  }
  DedupeResult result;
  result.stats.banding = ChooseBanding(lsh_t, options.minhash.num_perm);
  MinHasher hasher(options.minhash);
  LshIndex index(options.minhash, result.stats.banding);
  const int k = static_cast<int>(options.minhash.shingle_k);

  // Pass 1: sketch every document, keep only its band keys, and tell exact
  // copies, which are not read again in pass 2. (Sketching a copy once
  // needs its first copy's keys: with 4 MB batches most first copies lie
  // in an earlier batch, whose keys are gone; reusing those of the same
  // batch measured no faster.)
  std::vector<std::vector<uint64_t>> keys;
  internal::TextCopies copies;
  std::vector<internal::TextCopies::Hash> text_hashes;  // of one batch
  internal::InfoChunks infos;
  internal::ForEachBatch(
      reader, options.batch_bytes, threads,
      [&](std::vector<Document>& batch, DocIndex base) {
        keys.resize(batch.size());
        text_hashes.resize(batch.size());
        internal::ParallelFor(
            batch.size(), threads,
            [&](size_t i, int) {
              text_hashes[i] = internal::TextCopies::HashOf(batch[i].text);
              thread_local std::vector<Token> tokens;
              thread_local std::vector<uint64_t> shingles;
              thread_local Signature sig;
              Tokenize(batch[i].text, &tokens);
              ShingleHashes(tokens, k, &shingles);
              hasher.Compute(shingles, &sig);
              index.BandKeys(sig, &keys[i]);
              internal::ReleaseIfLarge(&tokens);
              internal::ReleaseIfLarge(&shingles);
            },
            8);
        copies.Add(text_hashes, base, threads);
        index.AddKeysBatch(base, keys, threads);
        result.stats.bytes += infos.Add(batch);
        if (progress) progress("documents read", infos.size(), 0);
      });
  keys.clear();
  keys.shrink_to_fit();
  copies.Done();
  result.stats.exact_copies = copies.copies();
  index.ShrinkToFit();
#ifdef __GLIBC__
  // The first pass's batches are freed; hand their pages back before the
  // second pass allocates its own (30 MB less peak RSS on the 138 MB
  // benchmark corpus).
  malloc_trim(0);
#endif
  result.docs = infos.Take();
  if (!reader->status().ok()) return reader->status();
  result.stats.documents = result.docs.size();
  result.stats.skipped = reader->stats().skipped;
  result.stats.errors = reader->stats().errors;

  auto lap = [&, last = start]() mutable {
    auto now = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(now - last).count();
    last = now;
    return s;
  };
  result.stats.sketch_seconds = lap();

  // Pass 2: candidates, then exact verification on re-read texts.
  std::vector<std::pair<DocIndex, DocIndex>> candidates =
      index.CandidatePairs(64, threads);
  result.stats.candidate_seconds = lap();
  result.stats.candidates = candidates.size();
  std::vector<DocIndex> involved = internal::DocsOf(candidates);
  // Slots of copies use the first copy's set.
  const internal::CopySlots slots(involved, &copies);
  result.stats.reread = slots.read.size();
  // Verification sets keep 32 bits of each shingle hash: half the memory
  // and faster sorting; a false match between two 500-shingle documents has
  // a probability of about 6e-5 and moves Jaccard by 0.001.
  std::vector<std::vector<uint32_t>> sets(involved.size());
  internal::FetchAll(
      reader->store(), result.docs, slots.read, threads,
      [&](size_t r, const std::string& text) {
        const size_t i = slots.read_slot[r];
        thread_local std::vector<Token> tokens;
        thread_local std::vector<uint64_t> hashes;
        Tokenize(text, &tokens);
        ShingleHashes(tokens, k, &hashes);
        std::vector<uint32_t>& set = sets[i];
        set.resize(hashes.size());
        for (size_t h = 0; h < hashes.size(); ++h) {
          set[h] = static_cast<uint32_t>(hashes[h] >> 32);
        }
        internal::RadixSort32(&set);
        set.erase(std::unique(set.begin(), set.end()), set.end());
        internal::ReleaseIfLarge(&tokens);
        internal::ReleaseIfLarge(&hashes);
      },
      &result.errors);
  result.stats.errors += result.errors.size();
  if (progress) progress("documents in candidate pairs re-read", involved.size(),
                          involved.size());
  result.stats.fetch_seconds = lap();

  auto set_of = [&](DocIndex d) -> const std::vector<uint32_t>& {
    return sets[slots.holder[internal::SlotOf(involved, d)]];
  };
  std::vector<Overlap> overlaps(candidates.size());
  internal::ParallelFor(
      candidates.size(), threads,
      [&](size_t i, int) {
        overlaps[i] = CompareSets(set_of(candidates[i].first),
                                  set_of(candidates[i].second));
      },
      64);
  sets.clear();
  sets.shrink_to_fit();

  std::vector<std::pair<DocIndex, DocIndex>> verified;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!IsDuplicate(overlaps[i], options)) continue;
    result.pairs.push_back(
        DedupePair{candidates[i].first, candidates[i].second, overlaps[i]});
    verified.push_back(candidates[i]);
  }
  for (auto& members : GroupPairs(result.docs.size(), verified)) {
    DedupeCluster c;
    c.keep = ChooseKeep(members, result.docs, options.keep);
    c.members = std::move(members);
    result.stats.duplicates += c.members.size() - 1;
    result.clusters.push_back(std::move(c));
  }
  result.stats.pairs = result.pairs.size();
  result.stats.clusters = result.clusters.size();
  result.stats.verify_seconds = lap();
  result.stats.seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  return result;
}

}  // namespace reprint
