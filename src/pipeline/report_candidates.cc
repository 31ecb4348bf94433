// src/pipeline/report_candidates.cc: the candidate stage of RunReport().

#include "src/pipeline/report_candidates.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/numeric/bits.h"
#include "absl/strings/string_view.h"
#include "src/pipeline/dates.h"
#include "src/util/parallel.h"
#include "src/util/populate.h"
#include "src/util/radix_sort.h"

namespace reprint {
namespace internal {
namespace {

// Fingerprint groups with at most this many documents pair all of them;
// larger ones (a wire story reprinted widely, a source every answer quotes)
// pair each member with kStarWidth hubs only, the probable sources: the
// earliest-dated members, then those sharing the most fingerprints with
// anyone (a source's text is shared in pieces by all its copies). The work
// then grows linearly with the group and clusters keep every member.
constexpr size_t kDenseDf = 32;
constexpr size_t kStarWidth = 8;

// A document is widely carried when at least half of its fingerprints
// outside its outlet's furniture, and at least this many (about 50 words),
// are over the cap: it is mostly text that more documents than the cap
// carry, a story copied everywhere, where a document that merely shares a
// phrase with many others (a footer, a licence line, a mail header) has a
// few such fingerprints among many of its own. On the benchmark corpus, one
// document of 71,515 is; in a collection of 421 articles where one story
// is carried by 120 outlets, the story and the 108 copies where it is
// most of the text are (scripts/make_wide_set.py).
constexpr uint32_t kCarriedMin = 25;

// Outlet furniture shared by outlets: text that several outlets each
// repeat on their own pages (a network's common footer, a platform's share
// buttons, an agency's copyright line carried with each of its stories),
// where a story passes between outlets once each. A fingerprint is such
// furniture when at least two outlets have it on this many of their pages
// or more, and at least two thirds of its documents are from such
// outlets: three pages, so that a story an outlet holds twice (a page and
// its AMP or updated copy) is still a story, and two outlets, so that one
// site's editions carrying a story (uk. and ca. pages of one portal) do
// not make it furniture.
constexpr size_t kRepeatedPages = 3;

// A widely carried document pairs with the hubs of its groups over the cap
// through this many of its fingerprints there (or --min-shared, if more).
constexpr uint32_t kCarriedKeys = 8;

// The adaptive document-frequency cap: a passage shared by more than about
// 2 * sqrt(N) documents is boilerplate rather than reuse, with a floor of 50
// so that a small collection keeps reuse shared by many of its members (one
// source copied by every answer of a class, one wire story in every
// outlet); there, outlet furniture is caught by the outlet rule instead.
uint32_t AdaptiveMaxDf(size_t n) {
  return static_cast<uint32_t>(
      std::max<double>(50.0, std::ceil(2.0 * std::sqrt(static_cast<double>(n)))));
}

// Postings are (32-bit fingerprint << 32 | document), placed in partitions
// by the fingerprint's top byte and sorted within each: a group of equal
// fingerprints never crosses a partition, so partitions are sorted and
// walked in parallel. 32 bits of each fingerprint: a chance collision can
// only add a candidate, which alignment then rejects.
constexpr size_t kParts = 256;
inline size_t PartOf(uint32_t fingerprint) { return fingerprint >> 24; }

inline uint32_t PostingHash(uint64_t p) { return static_cast<uint32_t>(p >> 32); }
inline DocIndex PostingDoc(uint64_t p) { return static_cast<DocIndex>(p); }

// One (pair, shared fingerprint) found in the candidate stage: the pair
// packed as (a << 32 | b), a < b. Packed into 12 bytes: there are tens of
// millions of them.
struct __attribute__((packed)) PairSeed {
  uint64_t pair;
  uint32_t hash;
};
static_assert(sizeof(PairSeed) == 12, "PairSeed is packed");

// For items that `producers` writers place into `outputs` consecutive
// ranges of one array: turns (*at)[p * outputs + o], the count of writer
// p's items for output o, into where they start (outputs in order, and
// within one output the writers in order), sets (*begin)[o] to where
// output o starts (outputs + 1 entries) and returns the total.
size_t ScatterOffsets(size_t producers, size_t outputs, std::vector<size_t>* at,
                      std::vector<size_t>* begin) {
  size_t total = 0;
  for (size_t o = 0; o < outputs; ++o) {
    (*begin)[o] = total;
    for (size_t p = 0; p < producers; ++p) {
      const size_t c = (*at)[p * outputs + o];
      (*at)[p * outputs + o] = total;
      total += c;
    }
  }
  (*begin)[outputs] = total;
  return total;
}

}  // namespace

ReportCandidates FindReportCandidates(
    std::vector<std::vector<uint32_t>>* fingerprints,
    const std::vector<DocumentInfo>& docs, const ReportOptions& options,
    const std::vector<uint8_t>* is_source, int threads, ReportStats* stats) {
  ReportCandidates found;
  const size_t n = docs.size();
  // Postings: (fingerprint, document), grouped by fingerprint, documents
  // ascending in a group. Placed straight into their partitions and sorted
  // there, in parallel: one global sort of the postings was single-threaded
  // and needed a second array as large (on 200,000 news-sized documents,
  // 42 million postings, 334 MB). The array is not zeroed first, and
  // ranges of documents fill it in parallel, each from its own offsets in
  // every partition: at a million documents (1.7 GB of postings) the fresh
  // pages alone took seconds on one thread.
  std::unique_ptr<uint64_t[]> posting_store;
  absl::Span<const uint64_t> postings;
  std::vector<size_t> parts(kParts + 1, 0);
  // Each document's number of fingerprints (see kCarriedMin).
  std::vector<uint32_t> own(n);
  for (DocIndex d = 0; d < n; ++d) {
    own[d] = static_cast<uint32_t>((*fingerprints)[d].size());
  }
  {
    const size_t ranges = std::max<size_t>(1, std::min<size_t>(n, 64));
    auto range_begin = [&](size_t r) {
      return static_cast<DocIndex>(uint64_t{n} * r / ranges);
    };
    // at[r * kParts + part]: where range r's postings of `part` start.
    std::vector<size_t> at(ranges * kParts, 0);
    internal::ParallelFor(ranges, threads, [&](size_t r, int) {
      size_t* count = &at[r * kParts];
      for (DocIndex d = range_begin(r), end = range_begin(r + 1); d < end; ++d) {
        for (uint32_t h : (*fingerprints)[d]) ++count[PartOf(h)];
      }
    });
    const size_t total = ScatterOffsets(ranges, kParts, &at, &parts);
    posting_store.reset(new uint64_t[total]);
    internal::PopulateForWrite(posting_store.get(), total * sizeof(uint64_t));
    uint64_t* out = posting_store.get();
    internal::ParallelFor(ranges, threads, [&](size_t r, int) {
      size_t* fill = &at[r * kParts];
      for (DocIndex d = range_begin(r), end = range_begin(r + 1); d < end; ++d) {
        for (uint32_t h : (*fingerprints)[d]) {
          out[fill[PartOf(h)]++] = (uint64_t{h} << 32) | d;
        }
        std::vector<uint32_t>().swap((*fingerprints)[d]);
      }
    });
    fingerprints->clear();
    fingerprints->shrink_to_fit();
    // Each partition was filled in document order: a stable sort by
    // fingerprint keeps its groups' documents ascending. The partition
    // fixes a fingerprint's top byte, so the sort is by the 24 bits below
    // it: two passes of 12 bits instead of three of 8 (the benchmark
    // corpus's candidate stage, 8.2 million postings, one thread:
    // 1.14-1.16 s -> 1.03-1.06 s).
    internal::ParallelFor(kParts, threads, [&](size_t part, int) {
      internal::RadixSortByBits(
          out + parts[part], parts[part + 1] - parts[part], 24,
          [](uint64_t p) { return (p >> 32) & 0xFFFFFF; });
    });
    postings = absl::MakeConstSpan(out, total);
  }
  stats->seeds = postings.size();
  stats->max_df = options.max_df > 0 ? options.max_df : AdaptiveMaxDf(n);

  // Calls fn(begin, end) for each group of postings with one hash in
  // partition `part`.
  auto for_each_group = [&](size_t part, auto&& fn) {
    for (size_t s = parts[part]; s < parts[part + 1];) {
      size_t e = s + 1;
      while (e < parts[part + 1] &&
             PostingHash(postings[e]) == PostingHash(postings[s])) {
        ++e;
      }
      fn(s, e);
      s = e;
    }
  };

  // Outlet furniture (furniture_of() below). Each document's outlet as a
  // number (0: none), so that checking a group reads 4 bytes per member,
  // not each member's DocumentInfo.
  std::vector<uint32_t> outlet_of(options.outlet_furniture ? n : 0, 0);
  if (options.outlet_furniture) {
    absl::flat_hash_map<absl::string_view, uint32_t> number;
    for (DocIndex d = 0; d < n; ++d) {
      if (docs[d].source.empty()) continue;
      const uint32_t next = static_cast<uint32_t>(number.size()) + 1;
      outlet_of[d] = number.try_emplace(docs[d].source, next).first->second;
    }
  }
  const bool any_outlet =
      std::any_of(outlet_of.begin(), outlet_of.end(), [](uint32_t o) { return o != 0; });
  // Whether a group is outlet furniture: how many outlets share its text
  // (1: an outlet's own; more: see kRepeatedPages) and the first document
  // of one that repeats it; no outlets when it is not furniture.
  struct Furniture {
    uint32_t outlets = 0;
    DocIndex first = 0;
  };
  auto furniture_of = [&](size_t s, size_t e) {
    Furniture out;
    if (!any_outlet) return out;
    const uint32_t first_outlet = outlet_of[PostingDoc(postings[s])];
    size_t same = s + 1;
    while (same < e && outlet_of[PostingDoc(postings[same])] == first_outlet) ++same;
    if (same == e) {  // all of one outlet (or of none)
      if (first_outlet != 0) out = {1, PostingDoc(postings[s])};
      return out;
    }
    if (e - s < 2 * kRepeatedPages) return out;
    thread_local std::vector<uint64_t> members;  // (outlet << 32 | document)
    members.clear();
    for (size_t i = s; i < e; ++i) {
      const DocIndex d = PostingDoc(postings[i]);
      members.push_back(uint64_t{outlet_of[d]} << 32 | d);
    }
    std::sort(members.begin(), members.end());
    size_t repeated = 0;  // documents of outlets repeating it
    uint32_t outlets = 0, repeating = 0;
    DocIndex first = UINT32_MAX;
    for (size_t i = 0; i < members.size();) {
      size_t j = i + 1;
      while (j < members.size() && members[j] >> 32 == members[i] >> 32) ++j;
      if (members[i] >> 32 != 0) {
        ++outlets;
        if (j - i >= kRepeatedPages) {
          ++repeating;
          repeated += j - i;
          first = std::min(first, static_cast<DocIndex>(members[i]));
        }
      }
      i = j;
    }
    if (repeating >= 2 && 3 * repeated >= 2 * members.size()) {
      out.outlets = outlets;
      out.first = first;
    }
    return out;
  };

  // In one walk over the groups, for each document: how many of its
  // fingerprints it shares with another document within the cap (this
  // ranks hubs in large groups), and, in all-pairs mode, how many are
  // over the cap and how many are its outlet's furniture (which tell the
  // widely carried documents, see kCarriedMin; wire-copy mode keeps a
  // story carried everywhere by its own rule).
  const bool find_carried = is_source == nullptr;
  std::unique_ptr<std::atomic<uint32_t>[]> shared(new std::atomic<uint32_t>[n]());
  std::unique_ptr<std::atomic<uint32_t>[]> over(
      new std::atomic<uint32_t>[find_carried ? n : 0]());
  std::unique_ptr<std::atomic<uint32_t>[]> furniture(
      new std::atomic<uint32_t>[find_carried ? n : 0]());
  // The groups over the cap outside furniture, as [begin, end), per
  // partition.
  std::vector<std::vector<std::pair<size_t, size_t>>> over_groups(
      find_carried ? kParts : 0);
  internal::ParallelFor(kParts, threads, [&](size_t part, int) {
    for_each_group(part, [&](size_t s, size_t e) {
      if (e - s < 2) return;
      auto count = [&](std::atomic<uint32_t>* counts) {
        for (size_t i = s; i < e; ++i) {
          counts[PostingDoc(postings[i])].fetch_add(1, std::memory_order_relaxed);
        }
      };
      const bool within = e - s <= stats->max_df;
      if (within) count(shared.get());
      if (!find_carried) return;
      if (furniture_of(s, e).outlets != 0) {
        count(furniture.get());
      } else if (!within) {
        count(over.get());
        over_groups[part].emplace_back(s, e);
      }
    });
  });
  std::vector<uint8_t>& carried = found.widely_carried;
  carried.assign(n, 0);
  // A widely carried document shares its text with every other copy of
  // it: pairing it with its groups' hubs through every fingerprint of that
  // text made keys by the hundred per pair (5,000 copies of one text among
  // 20,000 documents: 20 million keys, 640 MB). Through its
  // kCarriedKeys smallest fingerprints over the cap it already pairs with
  // them; the others still seed its alignment (as star seeds). Its
  // kCarriedKeys-th smallest such fingerprint, the largest that pairs it.
  std::vector<uint32_t> carried_limit;
  if (find_carried) {
    for (DocIndex d = 0; d < n; ++d) {
      const uint32_t w = over[d].load(std::memory_order_relaxed);
      const uint32_t text = own[d] - furniture[d].load(std::memory_order_relaxed);
      carried[d] = w >= kCarriedMin && 2 * uint64_t{w} >= text;
    }
    const uint32_t keys = std::max<uint32_t>(kCarriedKeys, options.min_shared);
    carried_limit.assign(n, UINT32_MAX);
    std::vector<uint32_t> seen(n, 0);  // groups that pair each document
    // Partitions and their groups come in ascending fingerprint order.
    for (const auto& groups : over_groups) {
      for (const auto& [s, e] : groups) {
        size_t members = 0;
        for (size_t i = s; i < e && members < 2; ++i) {
          members += carried[PostingDoc(postings[i])];
        }
        if (members < 2) continue;  // pairs no one
        for (size_t i = s; i < e; ++i) {
          const DocIndex d = PostingDoc(postings[i]);
          if (carried[d] && ++seen[d] == keys) {
            carried_limit[d] = PostingHash(postings[s]);
          }
        }
      }
    }
    // A document that no group pairs as widely carried keeps its masks:
    // in each of its groups over the cap it is the only such member, so
    // the walk below leaves those groups suppressed either way.
    for (DocIndex d = 0; d < n; ++d) carried[d] = seen[d] > 0;
  }
  over.reset();
  furniture.reset();
  std::vector<uint32_t>().swap(own);
  std::vector<std::vector<std::pair<size_t, size_t>>>().swap(over_groups);

  auto hub_before = [&](DocIndex x, DocIndex y) {
    int c = internal::CompareDates(docs[x], docs[y]);
    if (c != 0) return c < 0;
    uint32_t sx = shared[x].load(std::memory_order_relaxed);
    uint32_t sy = shared[y].load(std::memory_order_relaxed);
    if (sx != sy) return sx > sy;
    return x < y;
  };

  // Walk the groups of each partition in parallel: suppress boilerplate,
  // and emit one key per (pair, shared fingerprint) into the bucket of the
  // pair's first document, so that buckets can be sorted in parallel. The
  // walk runs twice: the first counts each partition's keys per bucket
  // (and records what was suppressed and the star groups), the second
  // writes them into their bucket's array, partition by partition. On the
  // benchmark corpus that is 14 million keys (171 MB): one vector per
  // partition and bucket, grown by doubling and then gathered per bucket,
  // copied them twice.
  const size_t buckets = std::max<size_t>(1, std::min<size_t>(n, 64));
  // Buckets hold ascending ranges of documents, about n / buckets each:
  // a * floor(2^32 * buckets / n) / 2^32, below buckets for a < n, with
  // the division done once; a 64-bit division per key (twice for 14
  // million keys on the benchmark corpus) showed in profiles. The product
  // is below 2^32 * buckets <= 2^38.
  const uint64_t bucket_mult =
      (uint64_t{buckets} << 32) / std::max<uint64_t>(1, n);
  auto bucket_of = [bucket_mult](DocIndex a) {
    return static_cast<size_t>((uint64_t{a} * bucket_mult) >> 32);
  };
  struct PartOut {
    std::vector<uint64_t> boilerplate;
    std::vector<uint64_t> carried;  // over the cap, kept among carried docs
    std::vector<uint64_t> star_seeds;  // (document << 32 | fingerprint)
    uint64_t suppressed_outlet = 0, suppressed_df = 0, suppressed_shared = 0;
    std::vector<SuppressedGroup> suppressed;  // with suppressed_examples
  };
  const bool keep_suppressed = options.suppressed_examples > 0;
  std::vector<PartOut> part_out(kParts);
  // at[part * buckets + bucket]: the first pass's key count, then where
  // in the bucket's keys the second pass writes the next one.
  std::vector<size_t> at(kParts * buckets, 0);
  std::vector<std::unique_ptr<PairSeed[]>> bucket_keys(buckets);
  // Calls emit(x, y, hash) for each pair of documents group g seeds; with
  // `po`, also records g's suppression and star seeds there.
  auto walk = [&](size_t part, PartOut* po, auto&& emit) {
    std::vector<DocIndex> group, wide;
    for_each_group(part, [&](size_t s, size_t e) {
      if (e - s < 2) return;
      group.clear();
      for (size_t i = s; i < e; ++i) group.push_back(PostingDoc(postings[i]));
      const uint64_t hash = PostingHash(postings[s]);
      // Pairs the members of a group within the cap (or the widely
      // carried members of one over it, `limited` by carried_limit).
      auto pair_up = [&](const std::vector<DocIndex>& members, bool limited) {
        if (members.size() <= kDenseDf) {
          for (size_t x = 0; x < members.size(); ++x) {
            for (size_t y = x + 1; y < members.size(); ++y) {
              emit(members[x], members[y], hash);
            }
          }
          return;
        }
        std::vector<DocIndex> hubs = members;
        std::partial_sort(hubs.begin(), hubs.begin() + kStarWidth, hubs.end(),
                          hub_before);
        hubs.resize(kStarWidth);
        for (DocIndex d : members) {
          if (po != nullptr) po->star_seeds.push_back((uint64_t{d} << 32) | hash);
          if (limited && hash > carried_limit[d]) continue;
          for (DocIndex h : hubs) {
            if (h != d) emit(d, h, hash);
          }
        }
      };
      // Boilerplate: seeds no pair, masked in alignment (but for the
      // `carried` members of a group over the cap, whose first other
      // member is `first`).
      // `outlets`: how many share it when it is outlet furniture, 0 when it
      // is over the cap.
      auto suppress = [&](DocIndex first, size_t carried_members,
                          uint32_t outlets) {
        if (po == nullptr) return;
        ++(outlets != 0 ? po->suppressed_outlet : po->suppressed_df);
        po->suppressed_shared += outlets > 1;
        po->boilerplate.push_back(hash);
        if (keep_suppressed) {
          po->suppressed.push_back({static_cast<uint32_t>(hash),
                                    static_cast<uint32_t>(group.size()), first,
                                    static_cast<uint32_t>(carried_members),
                                    outlets});
        }
      };
      if (const Furniture f = furniture_of(s, e); f.outlets != 0) {
        suppress(f.first, 0, f.outlets);
      } else if (is_source != nullptr) {
        // Wire-copy mode: each source document in the group pairs with
        // each other document. Over the cap, a group holding more than a
        // few of the sources is a phrase they use, not a story carried.
        size_t sources = 0;
        for (DocIndex d : group) sources += (*is_source)[d];
        if (sources == 0) return;
        if (group.size() > stats->max_df && sources > kStarWidth) {
          suppress(group[0], 0, /*outlets=*/0);
          return;
        }
        for (DocIndex src : group) {
          if (!(*is_source)[src]) continue;
          for (DocIndex d : group) {
            if (!(*is_source)[d]) emit(d, src, hash);
          }
        }
      } else if (group.size() > stats->max_df) {
        // Boilerplate, but reuse among the widely carried documents.
        wide.clear();
        for (DocIndex d : group) {
          if (carried[d]) wide.push_back(d);
        }
        if (wide.size() < 2) wide.clear();
        if (wide.size() < group.size()) {
          // Its first member it stays boilerplate for.
          const DocIndex first =
              wide.empty() ? group[0]
                           : *std::find_if(group.begin(), group.end(),
                                           [&](DocIndex d) { return !carried[d]; });
          suppress(first, wide.size(), /*outlets=*/0);
        }
        if (wide.empty()) return;
        if (po != nullptr) po->carried.push_back(hash);
        pair_up(wide, /*limited=*/true);
      } else {
        pair_up(group, /*limited=*/false);
      }
    });
  };
  internal::ParallelFor(kParts, threads, [&](size_t part, int) {
    size_t* count = &at[part * buckets];
    walk(part, &part_out[part], [&](DocIndex x, DocIndex y, uint64_t) {
      ++count[bucket_of(std::min(x, y))];
    });
  });
  // Bucket b holds bucket_begin[b + 1] - bucket_begin[b] keys, partition
  // by partition, in an array of its own, freed once the bucket is sorted:
  // one array of all the keys needs a fresh stretch of memory that large
  // (where the first pass's freed fingerprint lists lie scattered), which
  // can raise the peak of a run that peaks in this stage.
  std::vector<size_t> bucket_begin(buckets + 1, 0);
  ScatterOffsets(kParts, buckets, &at, &bucket_begin);
  for (size_t part = 0; part < kParts; ++part) {
    for (size_t b = 0; b < buckets; ++b) at[part * buckets + b] -= bucket_begin[b];
  }
  internal::ParallelFor(buckets, threads, [&](size_t b, int) {
    const size_t count = bucket_begin[b + 1] - bucket_begin[b];
    bucket_keys[b].reset(new PairSeed[count]);
    internal::PopulateForWrite(bucket_keys[b].get(), count * sizeof(PairSeed));
  });
  internal::ParallelFor(kParts, threads, [&](size_t part, int) {
    size_t* fill = &at[part * buckets];
    walk(part, nullptr, [&](DocIndex x, DocIndex y, uint64_t hash) {
      const DocIndex a = std::min(x, y), b = std::max(x, y);
      const size_t bucket = bucket_of(a);
      bucket_keys[bucket][fill[bucket]++] = {(uint64_t{a} << 32) | b,
                                             static_cast<uint32_t>(hash)};
    });
  });
  absl::flat_hash_set<uint64_t>& boilerplate = found.boilerplate;
  std::vector<SuppressedGroup>& suppressed = found.suppressed;
  for (PartOut& po : part_out) {
    stats->suppressed_outlet += po.suppressed_outlet;
    stats->suppressed_shared += po.suppressed_shared;
    stats->suppressed_df += po.suppressed_df;
    stats->carried += po.carried.size();
    boilerplate.insert(po.boilerplate.begin(), po.boilerplate.end());
    found.carried.insert(po.carried.begin(), po.carried.end());
    std::vector<uint64_t>().swap(po.carried);
    suppressed.insert(suppressed.end(), po.suppressed.begin(), po.suppressed.end());
    std::vector<SuppressedGroup>().swap(po.suppressed);
  }
  postings = {};
  posting_store.reset();
  stats->carried_docs = static_cast<uint64_t>(
      std::count(carried.begin(), carried.end(), uint8_t{1}));

  // Each document's fingerprints from groups paired as stars: two members
  // that are candidates for other reasons still share them, and their
  // alignment must look there too. Scattered by document in partition
  // order, so that each document's list is ascending.
  StarSeeds& star = found.star;
  star.begin.assign(n + 1, 0);
  for (const PartOut& po : part_out) {
    for (uint64_t v : po.star_seeds) ++star.begin[(v >> 32) + 1];
  }
  for (size_t d = 0; d < n; ++d) star.begin[d + 1] += star.begin[d];
  star.hashes.resize(star.begin[n]);
  {
    std::vector<size_t> fill(star.begin.begin(), star.begin.end() - 1);
    for (PartOut& po : part_out) {
      for (uint64_t v : po.star_seeds) {
        star.hashes[fill[v >> 32]++] = static_cast<uint32_t>(v);
      }
      std::vector<uint64_t>().swap(po.star_seeds);
    }
  }

  // Per bucket: sort its keys (in partition, so fingerprint, order)
  // stably by pair, so that each pair's fingerprints stay ascending, and
  // keep the pairs sharing at least min_shared fingerprints.
  struct BucketOut {
    std::vector<std::pair<DocIndex, DocIndex>> candidates;
    std::vector<uint32_t> hashes;
    std::vector<size_t> begin;  // into hashes, one per candidate
  };
  std::vector<BucketOut> bucket_out(buckets);
  internal::ParallelFor(buckets, threads, [&](size_t bucket, int) {
    PairSeed* keys_begin = bucket_keys[bucket].get();
    const size_t count = bucket_begin[bucket + 1] - bucket_begin[bucket];
    // Sorted by (a - first a, b) packed into as few bits as they need:
    // about 28 on the benchmark corpus, two passes.
    DocIndex a_min = UINT32_MAX, a_max = 0;
    for (size_t i = 0; i < count; ++i) {
      const DocIndex a = static_cast<DocIndex>(keys_begin[i].pair >> 32);
      a_min = std::min(a_min, a);
      a_max = std::max(a_max, a);
    }
    const int b_bits = static_cast<int>(absl::bit_width(uint64_t{n}));
    const int a_bits =
        static_cast<int>(absl::bit_width(a_max - std::min(a_min, a_max)));
    internal::RadixSortByBits(keys_begin, count, std::max(1, a_bits + b_bits),
                              [a_min, b_bits](const PairSeed& p) {
                                return ((p.pair >> 32) - a_min) << b_bits |
                                       (p.pair & 0xFFFFFFFFu);
                              });
    const absl::Span<const PairSeed> keys(keys_begin, count);
    BucketOut& out = bucket_out[bucket];
    for (size_t s = 0; s < keys.size();) {
      size_t e = s + 1;
      while (e < keys.size() && keys[e].pair == keys[s].pair) ++e;
      if (e - s >= options.min_shared) {
        out.candidates.emplace_back(static_cast<DocIndex>(keys[s].pair >> 32),
                                    static_cast<DocIndex>(keys[s].pair & 0xFFFFFFFFu));
        out.begin.push_back(out.hashes.size());
        for (size_t t = s; t < e; ++t) out.hashes.push_back(keys[t].hash);
      }
      s = e;
    }
    bucket_keys[bucket].reset();
  });
  part_out.clear();
  // Buckets hold ascending ranges of first documents: concatenated, the
  // candidates are sorted.
  std::vector<std::pair<DocIndex, DocIndex>>& candidates = found.pairs;
  std::vector<uint32_t>& shared_hashes = found.hashes;
  std::vector<size_t>& shared_begin = found.begin;
  {
    size_t pairs = 0, hashes = 0;
    for (const BucketOut& out : bucket_out) {
      pairs += out.candidates.size();
      hashes += out.hashes.size();
    }
    candidates.reserve(pairs);
    shared_begin.reserve(pairs + 1);
    shared_hashes.reserve(hashes);
  }
  for (BucketOut& out : bucket_out) {
    const size_t offset = shared_hashes.size();
    candidates.insert(candidates.end(), out.candidates.begin(), out.candidates.end());
    for (size_t b : out.begin) shared_begin.push_back(offset + b);
    shared_hashes.insert(shared_hashes.end(), out.hashes.begin(), out.hashes.end());
    out = BucketOut();
  }
  shared_begin.push_back(shared_hashes.size());
  return found;
}

}  // namespace internal
}  // namespace reprint
