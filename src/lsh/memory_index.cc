#include <algorithm>
#include <utility>

#include "reprint/lsh.h"
#include "src/util/hash.h"
#include "src/util/parallel.h"
#include "src/util/radix_sort.h"

namespace reprint {

LshIndex::LshIndex(const MinHashParams& params, const Banding& banding)
    : params_(params), banding_(banding), bands_(banding.bands) {}

void LshIndex::BandKeys(const Signature& sig,
                        std::vector<uint64_t>* keys) const {
  keys->clear();
  if (sig.empty) return;
  const uint32_t r = banding_.rows;
  for (uint32_t b = 0; b < banding_.bands; ++b) {
    keys->push_back(internal::Hash64(sig.values.data() + size_t{b} * r,
                                     r * sizeof(uint32_t), b));
  }
}

void LshIndex::AddKeys(DocIndex doc, const std::vector<uint64_t>& keys) {
  ++docs_;
  if (keys.size() != bands_.size()) return;  // empty document
  for (size_t b = 0; b < keys.size(); ++b) {
    bands_[b].push_back({static_cast<uint32_t>(keys[b] >> 32), doc});
  }
}

void LshIndex::AddKeysBatch(DocIndex first,
                            const std::vector<std::vector<uint64_t>>& keys,
                            int threads) {
  docs_ += keys.size();
  internal::ParallelFor(bands_.size(), threads, [&](size_t b, int) {
    std::vector<Entry>& band = bands_[b];
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].size() != bands_.size()) continue;  // empty document
      band.push_back({static_cast<uint32_t>(keys[i][b] >> 32),
                      first + static_cast<DocIndex>(i)});
    }
  });
}

void LshIndex::ShrinkToFit() {
  for (std::vector<Entry>& band : bands_) band.shrink_to_fit();
}

absl::Status LshIndex::Add(DocIndex doc, const Signature& sig) {
  absl::Status st = CheckCompatible(params_, sig.params);
  if (!st.ok()) return st;
  std::vector<uint64_t> keys;
  BandKeys(sig, &keys);
  AddKeys(doc, keys);
  return absl::OkStatus();
}

std::vector<std::pair<DocIndex, DocIndex>> LshIndex::CandidatePairs(
    uint32_t max_bucket, int threads) const {
  // Each band yields its own sorted, unique pair list; the lists are then
  // merged. Pairs are packed as (a << 32 | b).
  std::vector<std::vector<uint64_t>> per_band(bands_.size());
  internal::ParallelFor(bands_.size(), threads, [&](size_t band, int) {
    // (key << 32 | doc), radix sorted: buckets, each in document order.
    const std::vector<Entry>& entries = bands_[band];
    std::vector<uint64_t> sorted(entries.size());
    for (size_t e = 0; e < entries.size(); ++e) {
      sorted[e] = (uint64_t{entries[e].key} << 32) | entries[e].doc;
    }
    internal::RadixSort64(&sorted);
    auto doc = [&](size_t e) { return static_cast<DocIndex>(sorted[e]); };
    std::vector<uint64_t>& out = per_band[band];
    size_t i = 0;
    while (i < sorted.size()) {
      size_t j = i + 1;
      while (j < sorted.size() && (sorted[j] >> 32) == (sorted[i] >> 32)) ++j;
      // Members sorted by doc; pair each with all earlier members, or only
      // with the first `max_bucket` of them in a very large bucket.
      for (size_t x = i + 1; x < j; ++x) {
        size_t limit = std::min(x, i + max_bucket);
        for (size_t y = i; y < limit; ++y) {
          if (doc(y) == doc(x)) continue;
          out.push_back((uint64_t{doc(y)} << 32) | doc(x));
        }
      }
      i = j;
    }
    internal::RadixSort64(&out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
  });
  // Merge the sorted, unique band lists, dropping repeats, in slices of
  // first documents that are merged in parallel: each slice is a contiguous
  // range of every band list. Concatenating and sorting the whole lists
  // instead held all of them twice (the copy and the sort's buffer), the
  // dedupe run's peak heap on the benchmark corpus.
  constexpr size_t kSlices = 64;
  const uint64_t span = docs_ / kSlices + 1;
  std::vector<std::vector<uint64_t>> slices(kSlices);
  internal::ParallelFor(kSlices, threads, [&](size_t s, int) {
    const uint64_t lo = (s * span) << 32, hi = ((s + 1) * span) << 32;
    std::vector<uint64_t>& out = slices[s];
    for (const std::vector<uint64_t>& band : per_band) {
      auto first = std::lower_bound(band.begin(), band.end(), lo);
      auto last = s + 1 == kSlices ? band.end()
                                   : std::lower_bound(first, band.end(), hi);
      out.insert(out.end(), first, last);
    }
    internal::RadixSort64(&out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
  });
  size_t total = 0;
  for (const auto& slice : slices) total += slice.size();
  std::vector<std::pair<DocIndex, DocIndex>> pairs;
  pairs.reserve(total);
  for (auto& slice : slices) {
    for (uint64_t p : slice) {
      pairs.emplace_back(static_cast<DocIndex>(p >> 32),
                         static_cast<DocIndex>(p & 0xFFFFFFFFu));
    }
    std::vector<uint64_t>().swap(slice);
  }
  return pairs;
}

}  // namespace reprint
