#include "reprint/report.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <numeric>
#include <string>
#include <type_traits>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "reprint/cluster.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "reprint/text.h"
#include "src/pipeline/batches.h"
#include "src/pipeline/dates.h"
#include "src/pipeline/report_candidates.h"
#include "src/pipeline/report_frames.h"
#include "src/util/hash.h"
#include "src/util/parallel.h"
#include "src/util/scratch.h"
#include "src/util/stamped_table.h"

namespace reprint {
namespace {

using internal::StarSeeds;
using internal::SuppressedGroup;

// Earlier-dated documents first; undated ones last; then input order.
bool EarlierDoc(const std::vector<DocumentInfo>& docs, DocIndex x,
                DocIndex y) {
  int c = internal::CompareDates(docs[x], docs[y]);
  return c != 0 ? c < 0 : x < y;
}

// A document's seeds, (32-bit fingerprint << 32 | position) sorted, with a
// directory over the fingerprints' top bits (about four seeds a slot):
// finding a fingerprint reads one directory entry and a few seeds, where
// a search through a long document's seeds misses the cache at most steps.
struct SeedIndex {
  std::vector<uint64_t> seeds;
  // Seeds of slot t: [dir[t], dir[t + 1]). One empty slot until Build(),
  // as for a document whose text could not be re-read.
  std::vector<uint32_t> dir = {0, 0};
  int shift = 32;  // slot of fingerprint h: h >> shift

  // Sorts `seeds` and builds the directory. The seeds come in position
  // order: one counting pass places them by slot (keeping that order, so
  // that each slot, a handful of seeds, is nearly sorted already) and each
  // slot is then sorted in place. A full radix sort of the keys took about
  // six passes over them.
  void Build() {
    int bits = 0;
    while (bits < 24 && (size_t{4} << (bits + 1)) <= seeds.size()) ++bits;
    shift = 32 - bits;
    dir.assign((size_t{1} << bits) + 1, 0);
    for (uint64_t v : seeds) ++dir[((v >> 32) >> shift) + 1];
    for (size_t t = 1; t < dir.size(); ++t) dir[t] += dir[t - 1];
    thread_local std::vector<uint32_t> next;
    next.assign(dir.begin(), dir.end() - 1);
    std::vector<uint64_t> placed(seeds.size());
    for (uint64_t v : seeds) placed[next[(v >> 32) >> shift]++] = v;
    internal::ReleaseIfLarge(&next);
    for (size_t t = 0; t + 1 < dir.size(); ++t) {
      uint64_t* b = placed.data() + dir[t];
      uint64_t* e = placed.data() + dir[t + 1];
      if (e - b > 32) {
        std::sort(b, e);
        continue;
      }
      for (uint64_t* p = b + 1; p < e; ++p) {  // insertion sort
        const uint64_t v = *p;
        uint64_t* q = p;
        for (; q > b && q[-1] > v; --q) *q = q[-1];
        *q = v;
      }
    }
    seeds.swap(placed);
  }

  // The range of seeds with fingerprint `hash`.
  std::pair<size_t, size_t> Find(uint32_t hash) const {
    const size_t slot = static_cast<size_t>(uint64_t{hash} >> shift);
    size_t b = dir[slot];
    const size_t end = dir[slot + 1];
    while (b < end && static_cast<uint32_t>(seeds[b] >> 32) < hash) ++b;
    size_t e = b;
    while (e < end && static_cast<uint32_t>(seeds[e] >> 32) == hash) ++e;
    return {b, e};
  }
};

// The fingerprints a candidate pair shares, ascending and each once: those
// the candidate stage recorded for it, and those of star groups both belong
// to (`star_a`, `star_b`, ascending).
void SharedFingerprints(absl::Span<const uint32_t> recorded,
                        absl::Span<const uint32_t> star_a,
                        absl::Span<const uint32_t> star_b,
                        std::vector<uint32_t>* out) {
  out->assign(recorded.begin(), recorded.end());
  if (star_a.empty() || star_b.empty()) return;
  const size_t before = out->size();
  for (size_t i = 0, j = 0; i < star_a.size() && j < star_b.size();) {
    const uint32_t x = star_a[i];
    const uint32_t y = star_b[j];
    if (x == y) out->push_back(x);
    i += x <= y;
    j += y <= x;
  }
  if (out->size() == before) return;
  std::inplace_merge(out->begin(), out->begin() + static_cast<std::ptrdiff_t>(before),
                     out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

// Positions where two documents have the fingerprints `hashes` (ascending)
// the candidate stage found they share. A fingerprint repeated in both more
// than a few times (a refrain, a table row) adds nothing but cost and is
// skipped.
void LocateSeeds(absl::Span<const uint32_t> hashes, const SeedIndex& x,
                 const SeedIndex& y, std::vector<SeedHit>* out) {
  constexpr size_t kMaxRepeatProduct = 16;
  out->clear();
  for (uint32_t h : hashes) {
    auto [xb, xe] = x.Find(h);
    auto [yb, ye] = y.Find(h);
    if ((xe - xb) * (ye - yb) > kMaxRepeatProduct) continue;
    for (size_t p = xb; p < xe; ++p) {
      for (size_t q = yb; q < ye; ++q) {
        out->push_back({static_cast<uint32_t>(x.seeds[p]),
                        static_cast<uint32_t>(y.seeds[q])});
      }
    }
  }
}

// Marks the `k` words of a fingerprint at `position` in *mask, sized to
// `words` on first use: boilerplate in alignment, the stretch shown as an
// example of it.
void MarkFingerprint(uint32_t position, uint32_t k, size_t words,
                     std::vector<uint8_t>* mask) {
  if (mask->empty()) mask->assign(words, 0);
  const size_t end = std::min<size_t>(words, size_t{position} + k);
  for (size_t t = position; t < end; ++t) (*mask)[t] = 1;
}

// Uncovered words a suppressed stretch bridges: a reworded copy of a
// widely carried story leaves a few words around each change outside the
// fingerprints over the cap, and those gaps must not cut the story into
// stretches too short to warn about.
constexpr size_t kStretchGap = 12;

// The longest stretch of `text` covered by its fingerprints in `hashes`
// (as pass 2 masks boilerplate), across gaps of up to kStretchGap words,
// into example->bytes and ->text; false when the text cannot be read or
// has none.
bool FindSuppressedStretch(const TextStore& store, const DocumentInfo& info,
                           const absl::flat_hash_set<uint32_t>& hashes,
                           const PassageSketchParams& params,
                           SuppressedExample* example) {
  std::string text;
  if (!store.Fetch(info.origin, &text).ok()) return false;
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<uint8_t> covered;
  for (const Fingerprint& f : ComputePassageSketch(tokens, params).fingerprints) {
    if (hashes.contains(static_cast<uint32_t>(f.hash >> 32))) {
      MarkFingerprint(f.position, params.shingle_k, tokens.size(), &covered);
    }
  }
  size_t best_begin = 0, best_end = 0;
  for (size_t t = 0; t < covered.size();) {
    if (!covered[t]) {
      ++t;
      continue;
    }
    size_t e = t;
    for (;;) {
      while (e < covered.size() && covered[e]) ++e;
      size_t gap_end = e;
      while (gap_end < covered.size() && !covered[gap_end] &&
             gap_end - e < kStretchGap) {
        ++gap_end;
      }
      if (gap_end == covered.size() || !covered[gap_end]) break;
      e = gap_end;  // a short gap: the stretch goes on
    }
    if (e - t > best_end - best_begin) {
      best_begin = t;
      best_end = e;
    }
    t = e;
  }
  if (best_end == best_begin) return false;
  example->bytes = {tokens[best_begin].begin, tokens[best_end - 1].end};
  example->words = static_cast<uint32_t>(best_end - best_begin);
  example->text = text.substr(example->bytes.begin, example->bytes.size());
  return true;
}

// Examples of suppressed boilerplate (ReportOptions::suppressed_examples):
// the `limit` outlets with the most furniture fingerprints, each shown in
// the first document of its largest group, then phrases over the cap from
// the first documents of the `limit` largest groups (one example per
// text). Each is the longest stretch that fingerprints of its kind (and
// outlet) cover in that document.
std::vector<SuppressedExample> SuppressedExamples(
    const std::vector<SuppressedGroup>& groups, size_t limit,
    const std::vector<DocumentInfo>& docs, const TextStore& store,
    const PassageSketchParams& params) {
  std::vector<SuppressedExample> out;
  struct Outlet {
    SuppressedExample example;
    absl::flat_hash_set<uint32_t> hashes;
  };
  std::vector<Outlet> outlets;
  absl::flat_hash_map<std::string, size_t> outlet_of;
  absl::flat_hash_set<uint32_t> frequent;
  std::vector<const SuppressedGroup*> by_size;
  for (const SuppressedGroup& g : groups) {
    if (g.outlets == 0) {
      frequent.insert(g.hash);
      by_size.push_back(&g);
      continue;
    }
    const std::string& source = docs[g.first].source;
    auto [it, fresh] = outlet_of.try_emplace(source, outlets.size());
    if (fresh) {
      outlets.emplace_back();
      outlets.back().example.kind = SuppressedExample::kOutlet;
      outlets.back().example.source = source;
    }
    Outlet& o = outlets[it->second];
    o.hashes.insert(g.hash);
    ++o.example.fingerprints;
    o.example.outlets = std::max(o.example.outlets, g.outlets);
    if (g.documents > o.example.documents) {
      o.example.documents = g.documents;
      o.example.doc = g.first;
    }
  }
  std::stable_sort(outlets.begin(), outlets.end(), [](const Outlet& x, const Outlet& y) {
    if (x.example.fingerprints != y.example.fingerprints) {
      return x.example.fingerprints > y.example.fingerprints;
    }
    return x.example.source < y.example.source;
  });
  for (size_t i = 0; i < outlets.size() && i < limit; ++i) {
    Outlet& o = outlets[i];
    if (FindSuppressedStretch(store, docs[o.example.doc], o.hashes, params,
                              &o.example)) {
      out.push_back(std::move(o.example));
    }
  }
  std::stable_sort(by_size.begin(), by_size.end(),
                   [](const SuppressedGroup* x, const SuppressedGroup* y) {
                     if (x->documents != y->documents) return x->documents > y->documents;
                     return x->hash < y->hash;
                   });
  absl::flat_hash_set<DocIndex> tried;
  absl::flat_hash_set<std::string> shown;
  size_t taken = 0;
  for (const SuppressedGroup* g : by_size) {
    if (taken == limit || tried.size() == 4 * limit) break;
    if (!tried.insert(g->first).second) continue;
    SuppressedExample e;
    e.kind = SuppressedExample::kOverMaxDf;
    e.fingerprints = frequent.size();
    e.documents = g->documents;
    e.carried = g->carried;
    e.doc = g->first;
    if (!FindSuppressedStretch(store, docs[e.doc], frequent, params, &e) ||
        !shown.insert(e.text).second) {
      continue;
    }
    out.push_back(std::move(e));
    ++taken;
  }
  return out;
}

// Documents whose tokens and boilerplate masks are equal (exact copies,
// or texts that differ only in what tokenising drops) align identically
// with any partner. Returns, for each slot, the first slot whose content
// equals its own. A slot whose `known` entry is an earlier slot has that
// slot's content (the same text) and holds no data of its own.
std::vector<uint32_t> FirstWithEqualContent(
    const std::vector<std::vector<Token>>& tokens,
    const std::vector<std::vector<uint8_t>>& masks,
    const std::vector<uint32_t>& known, int threads) {
  static_assert(std::has_unique_object_representations_v<Token>,
                "tokens are hashed as bytes");
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < known.size(); ++i) {
    if (known[i] == i) order.push_back(i);
  }
  const size_t n = order.size();
  std::vector<uint64_t> hash(tokens.size());
  internal::ParallelFor(
      n, threads,
      [&](size_t x, int) {
        const uint32_t i = order[x];
        const uint64_t h = internal::Hash64(tokens[i].data(),
                                            tokens[i].size() * sizeof(Token));
        hash[i] = internal::Hash64(masks[i].data(), masks[i].size(), h);
      },
      64);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return hash[x] != hash[y] ? hash[x] < hash[y] : x < y;
  });
  auto same = [&](uint32_t i, uint32_t j) {
    return tokens[i].size() == tokens[j].size() && masks[i] == masks[j] &&
           std::memcmp(tokens[i].data(), tokens[j].data(),
                       tokens[i].size() * sizeof(Token)) == 0;
  };
  std::vector<uint32_t> first(tokens.size());
  for (size_t s = 0; s < n;) {
    size_t e = s + 1;
    while (e < n && hash[order[e]] == hash[order[s]]) ++e;
    // Slots ascending within a run of equal hashes; each joins the first
    // earlier slot of equal content (the run's first, barring a collision).
    for (size_t x = s; x < e; ++x) {
      const uint32_t i = order[x];
      first[i] = i;
      for (size_t y = s; y < x; ++y) {
        const uint32_t j = order[y];
        if (first[j] == j && same(i, j)) {
          first[i] = j;
          break;
        }
      }
    }
    s = e;
  }
  // Known slots follow their earlier slot, which was grouped above.
  for (size_t i = 0; i < known.size(); ++i) {
    if (known[i] != i) first[i] = first[known[i]];
  }
  return first;
}

// What alignment reads of each document in a candidate pair (its slot:
// its place in `involved`).
struct AlignInputs {
  std::vector<std::vector<Token>> tokens;
  std::vector<std::vector<uint8_t>> masks;  // boilerplate words; may be empty
  // Each document's seeds: joining two documents' seeds locates what they
  // share.
  std::vector<SeedIndex> seeds;
  // The slot whose data slot i uses: itself, or for an exact copy (same
  // tokens and mask) the first such slot, its own data released.
  std::vector<uint32_t> content;
  size_t read = 0;  // documents read again
};

// Pass 2 of RunReport(): reads the texts of `involved` again and builds
// their AlignInputs. Texts that cannot be read are appended to `errors`
// and have no tokens. A document whose text is that of an earlier one
// (`copies`, from pass 1) is not read: the first involved document with
// its text, and the same boilerplate rule (widely carried or not), holds
// its content; it shares that one's fate when that cannot be read.
AlignInputs ReadForAlignment(const DocumentReader& reader,
                             const std::vector<DocumentInfo>& docs,
                             const std::vector<DocIndex>& involved,
                             const internal::TextCopies* copies,
                             const absl::flat_hash_set<uint64_t>& boilerplate,
                             const std::vector<uint8_t>& widely_carried,
                             const absl::flat_hash_set<uint64_t>& carried,
                             const PassageSketchParams& sketch_params,
                             bool share_copies, int threads,
                             std::vector<std::string>* errors) {
  AlignInputs in;
  std::vector<std::vector<Token>>& tokens = in.tokens;
  std::vector<std::vector<uint8_t>>& masks = in.masks;
  std::vector<SeedIndex>& seeds = in.seeds;
  tokens.resize(involved.size());
  masks.resize(involved.size());
  seeds.resize(involved.size());
  const internal::CopySlots slots(involved, share_copies ? copies : nullptr,
                                  &widely_carried);
  in.read = slots.read.size();
  internal::FetchAll(
      reader.store(), docs, slots.read, threads,
      [&](size_t r, const std::string& text) {
        const size_t i = slots.read_slot[r];
        // Tokenize() reserves for the densest text; these vectors live to
        // the end of the run, so each keeps only what it holds (a quarter
        // less memory on the benchmark corpus).
        thread_local std::vector<Token> scratch;
        Tokenize(text, &scratch);
        tokens[i].assign(scratch.begin(), scratch.end());
        internal::ReleaseIfLarge(&scratch);
        PassageSketch sketch = ComputePassageSketch(tokens[i], sketch_params);
        std::vector<uint8_t>& mask = masks[i];
        std::vector<uint64_t>& own = seeds[i].seeds;
        own.reserve(sketch.fingerprints.size());
        // A widely carried document keeps the text it was paired through.
        const bool wide = widely_carried[involved[i]];
        for (const Fingerprint& f : sketch.fingerprints) {
          const uint64_t h = f.hash >> 32;
          if (boilerplate.empty() || !boilerplate.contains(h) ||
              (wide && carried.contains(h))) {
            own.push_back(h << 32 | f.position);
            continue;
          }
          MarkFingerprint(f.position, sketch_params.shingle_k, tokens[i].size(),
                          &mask);
        }
        seeds[i].Build();
      },
      errors);
  // Exact copies keep one set of tokens, mask and seeds.
  std::vector<uint32_t>& content = in.content;
  if (share_copies) {
    content = FirstWithEqualContent(tokens, masks, slots.holder, threads);
  } else {
    content.resize(involved.size());
    std::iota(content.begin(), content.end(), 0);
  }
  for (size_t i = 0; i < involved.size(); ++i) {
    if (content[i] == i) continue;
    std::vector<Token>().swap(tokens[i]);
    std::vector<uint8_t>().swap(masks[i]);
    seeds[i] = SeedIndex();
  }
  return in;
}

}  // namespace

absl::StatusOr<ReportResult> RunReport(DocumentReader* reader,
                                       const ReportOptions& options,
                                       const ProgressFn& progress) {
  auto start = std::chrono::steady_clock::now();
  PassageSketchParams sketch_params;
  sketch_params.shingle_k = options.seed_k;
  sketch_params.window = options.window;
  absl::Status st = sketch_params.Validate();
  if (!st.ok()) return st;
  if (options.min_shared < 1) {
    return absl::InvalidArgumentError("--min-shared must be at least 1");
  }
  const int threads =
      options.threads > 0 ? options.threads : internal::HardwareThreads();
  ReportResult result;
  ReportStats& stats = result.stats;

  // Pass 1: winnowed fingerprints of every document; texts are released.
  // A text seen before (an exact copy) takes the fingerprints of its first
  // copy instead of being sketched again, and is not read again in pass 2.
  std::vector<std::vector<uint32_t>> fingerprints;
  internal::TextCopies copies;
  internal::InfoChunks infos;
  internal::ForEachBatch(
      reader, 32u << 20, threads,
      [&](std::vector<Document>& batch, DocIndex base) {
        fingerprints.resize(base + batch.size());
        if (options.share_copies) {
          // Hashed before sketching, so that copies are not sketched.
          std::vector<internal::TextCopies::Hash> hashes(batch.size());
          internal::ParallelFor(
              batch.size(), threads,
              [&](size_t i, int) {
                hashes[i] = internal::TextCopies::HashOf(batch[i].text);
              },
              64);
          copies.Add(hashes, base, threads);
        }
        auto is_copy = [&](DocIndex d) {
          return options.share_copies && copies.first(d) != d;
        };
        internal::ParallelFor(
            batch.size(), threads,
            [&](size_t i, int) {
              if (is_copy(base + i)) return;
              thread_local std::vector<Token> tokens;
              Tokenize(batch[i].text, &tokens);
              PassageSketch sketch = ComputePassageSketch(tokens, sketch_params);
              // Each of its 32-bit fingerprints once, in the order first
              // seen: the candidate stage groups them by value itself, so
              // a table of those seen does what sorting them did, in a
              // third of the time.
              std::vector<uint32_t>& f = fingerprints[base + i];
              f.reserve(sketch.fingerprints.size());
              thread_local internal::StampedTable<uint8_t> seen;
              seen.Reset(sketch.fingerprints.size());
              for (const Fingerprint& fp : sketch.fingerprints) {
                uint8_t& once = seen[fp.hash >> 32 << 32];
                if (once == 0) {
                  once = 1;
                  f.push_back(static_cast<uint32_t>(fp.hash >> 32));
                }
              }
              internal::ReleaseIfLarge(&tokens);
            },
            8);
        for (DocIndex d = base; d < base + batch.size(); ++d) {
          if (is_copy(d)) fingerprints[d] = fingerprints[copies.first(d)];
        }
        stats.bytes += infos.Add(batch);
        if (progress) progress("documents read", infos.size(), 0);
      });
  if (!reader->status().ok()) return reader->status();
  copies.Done();
  stats.exact_copies = copies.copies();
  result.docs = infos.Take();
  auto lap = [last = start]() mutable {
    auto now = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(now - last).count();
    last = now;
    return s;
  };
  stats.sketch_seconds = lap();
  const size_t n = result.docs.size();
  stats.documents = n;
  stats.skipped = reader->stats().skipped;
  stats.errors = reader->stats().errors;

  // Wire-copy modes: which documents are sources.
  std::optional<DocIndex>& source_doc = result.source;
  std::vector<uint8_t> is_source;
  if (!options.source_id.empty() && !options.source_outlet.empty()) {
    return absl::InvalidArgumentError(
        "--source and --source-outlet cannot be used together");
  }
  if (!options.source_id.empty()) {
    for (DocIndex d = 0; d < n; ++d) {
      if (result.docs[d].id == options.source_id) {
        source_doc = d;
        break;
      }
    }
    if (!source_doc) {
      return absl::NotFoundError(absl::StrCat(
          "--source: no document with id \"", options.source_id, "\""));
    }
    is_source.assign(n, 0);
    is_source[*source_doc] = 1;
  }
  if (!options.source_outlet.empty()) {
    is_source.assign(n, 0);
    // Marks the documents of `outlet`; how many there are.
    auto mark = [&](const std::string& outlet) {
      size_t count = 0;
      for (DocIndex d = 0; d < n; ++d) {
        is_source[d] = result.docs[d].source == outlet;
        count += is_source[d];
      }
      return count;
    };
    result.source_outlet = options.source_outlet;
    if (mark(result.source_outlet) == 0) {
      // A page address or host name ("https://www.apnews.com/x",
      // "www.apnews.com") names the site its pages' outlet is.
      const std::string site = OutletFromUrl(options.source_outlet);
      if (site.empty() || site == options.source_outlet || mark(site) == 0) {
        return absl::NotFoundError(absl::StrCat(
            "--source-outlet: no document of outlet \"", options.source_outlet,
            "\"", site.empty() || site == options.source_outlet
                      ? ""
                      : absl::StrCat(" or \"", site, "\""),
            " (outlets come from the source field, the site of a url, or the "
            "folder with --outlet-from-dir)"));
      }
      result.source_outlet = site;
    }
  }

  internal::ReportCandidates found = internal::FindReportCandidates(
      &fingerprints, result.docs, options,
      is_source.empty() ? nullptr : &is_source, threads, &stats);
  if (options.suppressed_examples > 0) {
    result.suppressed =
        SuppressedExamples(found.suppressed, options.suppressed_examples,
                           result.docs, reader->store(), sketch_params);
    std::vector<SuppressedGroup>().swap(found.suppressed);
  }
  const std::vector<std::pair<DocIndex, DocIndex>>& candidates = found.pairs;
  const std::vector<uint32_t>& shared_hashes = found.hashes;
  const std::vector<size_t>& shared_begin = found.begin;
  const StarSeeds& star = found.star;
  const absl::flat_hash_set<uint64_t>& boilerplate = found.boilerplate;
  stats.candidates = candidates.size();
  if (progress) progress("candidate pairs", candidates.size(), candidates.size());
  stats.candidate_seconds = lap();

  // Pass 2: tokens, boilerplate masks and seeds of the documents in
  // candidates.
  std::vector<DocIndex> involved = internal::DocsOf(candidates);
  AlignInputs in =
      ReadForAlignment(*reader, result.docs, involved, &copies, boilerplate,
                       found.widely_carried, found.carried, sketch_params,
                       options.share_copies, threads, &result.errors);
  stats.reread = in.read;
  std::vector<std::vector<Token>>& tokens = in.tokens;
  std::vector<std::vector<uint8_t>>& masks = in.masks;
  const std::vector<SeedIndex>& seeds = in.seeds;
  const std::vector<uint32_t>& content = in.content;
  stats.errors += result.errors.size();
  // Whole-document anchors are prepared on first use: most pairs align
  // only regions around their seeds, and many documents never need them.
  std::vector<AlignDoc> prepared(involved.size());
  for (size_t i = 0; i < involved.size(); ++i) {
    prepared[i] = UnpreparedAlignDoc(tokens[i], options.align.anchor_k, masks[i]);
  }
  std::unique_ptr<std::once_flag[]> prepared_once(
      new std::once_flag[involved.size()]);
  auto prepare = [&](size_t i) {
    std::call_once(prepared_once[i], [&] {
      prepared[i].anchors =
          PrepareAlignDoc(tokens[i], options.align.anchor_k, masks[i]).anchors;
    });
  };
  stats.fetch_seconds = lap();
  // The slot holding each involved document's data (a table rather than a
  // binary search in `involved` for each end of each candidate).
  std::vector<uint32_t> slot_of(n, 0);
  for (size_t i = 0; i < involved.size(); ++i)
    slot_of[involved[i]] = content[i];
  auto slot = [&](DocIndex d) { return slot_of[d]; };

  // Alignment, in parallel; each pair writes only its own slot. A pair
  // whose passages fall short may be a heavy rewrite (align.h).
  AlignOptions align = options.align;
  if (options.phrase_chains) align.phrase_chain_words = options.min_pair_tokens;
  std::vector<ReportPair> aligned(candidates.size());
  // The slots of each candidate's two documents.
  std::vector<std::pair<uint32_t, uint32_t>> slots(candidates.size());
  internal::ParallelFor(
      candidates.size(), threads,
      [&](size_t i, int) {
        aligned[i].a = candidates[i].first;
        aligned[i].b = candidates[i].second;
        slots[i] = {static_cast<uint32_t>(slot(candidates[i].first)),
                    static_cast<uint32_t>(slot(candidates[i].second))};
      },
      4096);
  // A pair whose documents have the same contents, in the same order, as
  // an earlier pair's (one or both sides an exact copy) copies that pair's
  // passages instead of aligning again: copies are common in crawls, and
  // on the benchmark corpus a third of the candidates are such pairs.
  std::vector<size_t> leaders;  // candidates aligned
  std::vector<std::pair<size_t, size_t>> followers;  // (candidate, leader)
  {
    // Slots whose content other slots share.
    std::vector<uint8_t> copied(content.size(), 0);
    for (size_t i = 0; i < content.size(); ++i) {
      if (content[i] != i) copied[content[i]] = 1;
    }
    absl::flat_hash_map<uint64_t, size_t> first_pair;
    leaders.reserve(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i) {
      const auto [sa, sb] = slots[i];
      if (!copied[sa] && !copied[sb]) {
        leaders.push_back(i);
        continue;
      }
      auto [it, fresh] = first_pair.try_emplace(uint64_t{sa} << 32 | sb, i);
      if (fresh) {
        leaders.push_back(i);
      } else {
        followers.emplace_back(i, it->second);
      }
    }
  }
  std::atomic<uint64_t> aligned_so_far{0};
  internal::ParallelFor(
      leaders.size(), threads,
      [&](size_t k, int worker) {
        if (progress) {
          const uint64_t done =
              aligned_so_far.fetch_add(1, std::memory_order_relaxed);
          if (worker == 0 && done % 1024 == 0) {
            progress("pairs aligned", done, leaders.size());
          }
        }
        const size_t i = leaders[k];
        const size_t sa = slots[i].first, sb = slots[i].second;
        ReportPair& rp = aligned[i];
        thread_local std::vector<uint32_t> pair_shared;
        thread_local std::vector<SeedHit> hits;
        SharedFingerprints(absl::MakeConstSpan(shared_hashes)
                               .subspan(shared_begin[i],
                                        shared_begin[i + 1] - shared_begin[i]),
                           star.Of(rp.a), star.Of(rp.b),
                           &pair_shared);
        LocateSeeds(pair_shared, seeds[sa], seeds[sb], &hits);
        // Two references: small enough for std::function to hold without
        // a heap allocation per pair.
        const std::pair<size_t, size_t> both(sa, sb);
        rp.passages =
            AlignAroundSeeds(prepared[sa], prepared[sb], hits, options.seed_k,
                             align, [&prepare, &both] {
                               prepare(both.first);
                               prepare(both.second);
                             });
        // Passages live to the end of the run: drop the vectors' growth
        // slack, and the edit scripts when they will not be rendered.
        for (Passage& p : rp.passages) {
          if (options.keep_ops) {
            p.ops.shrink_to_fit();
          } else {
            std::vector<DiffOp>().swap(p.ops);
          }
          p.edits.shrink_to_fit();
        }
      },
      4);
  internal::ParallelFor(
      followers.size(), threads,
      [&](size_t k, int) {
        aligned[followers[k].first].passages =
            aligned[followers[k].second].passages;
      },
      16);
  stats.aligned = leaders.size();
  if (progress) progress("pairs aligned", leaders.size(), leaders.size());
  stats.align_seconds = lap();

  // Pairs with enough aligned words, and their coverage; pairs of
  // documents of no known outlet that share only a frame.
  using internal::kPairReported;
  std::vector<uint8_t> verdict(aligned.size(), internal::kPairDropped);
  for (size_t i = 0; i < aligned.size(); ++i) {
    ReportPair& rp = aligned[i];
    const size_t sa = slots[i].first, sb = slots[i].second;
    if (!internal::CoverPair(&rp, tokens[sa].size(), tokens[sb].size(),
                             options.min_pair_tokens)) {
      continue;
    }
    verdict[i] = kPairReported;
    if (options.outlet_furniture && result.docs[rp.a].source.empty() &&
        result.docs[rp.b].source.empty() &&
        internal::SharesOnlyFrame(rp.passages, tokens[sa].size(),
                                  tokens[sb].size(), rp.coverage_a,
                                  rp.coverage_b)) {
      verdict[i] = internal::kPairFrame;
    }
  }
  const internal::FrameExample example =
      internal::LeaveOutFrames(absl::MakeSpan(aligned), absl::MakeSpan(verdict),
                               slots, tokens, options, &stats);
  // Shown by example: the first such pair's longest passage, in A.
  if (options.suppressed_examples > 0 && example.pair < aligned.size()) {
    const ReportPair& rp = aligned[example.pair];
    const Passage* longest = &rp.passages[0];
    for (const Passage& p : rp.passages) {
      if (p.ta.size() > longest->ta.size()) longest = &p;
    }
    SuppressedExample e;
    e.kind = SuppressedExample::kFrame;
    e.documents = example.documents;
    e.doc = rp.a;
    e.bytes = longest->a;
    e.words = longest->ta.size();
    std::string text;
    if (reader->store().Fetch(result.docs[rp.a].origin, &text).ok() &&
        e.bytes.end <= text.size()) {
      e.text = text.substr(e.bytes.begin, e.bytes.end - e.bytes.begin);
      result.suppressed.push_back(std::move(e));
    }
  }

  // Reported pairs are compacted to the front of `aligned`, which then
  // becomes result.pairs: no second array of pairs.
  std::vector<std::pair<DocIndex, DocIndex>> links;
  size_t kept = 0;
  for (size_t i = 0; i < aligned.size(); ++i) {
    if (verdict[i] != kPairReported) continue;
    ReportPair& rp = aligned[i];
    for (const Passage& p : rp.passages) {
      if (p.from_phrases) {
        ++stats.heavy_rewrites;
        break;
      }
    }
    if (!is_source.empty()) {
      rp.source = is_source[rp.a] ? rp.a : rp.b;
    } else {
      const DocumentInfo& da = result.docs[rp.a];
      const DocumentInfo& db = result.docs[rp.b];
      const int c = internal::CompareDates(da, db);
      if (da.date_ms != kNoDate && db.date_ms != kNoDate && c != 0) {
        rp.source = c < 0 ? rp.a : rp.b;
      }
    }
    if (std::max(rp.coverage_a, rp.coverage_b) >= options.min_cluster_coverage) {
      links.emplace_back(rp.a, rp.b);
    }
    if (kept != i) aligned[kept] = std::move(rp);
    ++kept;
  }
  std::vector<std::pair<uint32_t, uint32_t>>().swap(slots);
  aligned.resize(kept);
  aligned.shrink_to_fit();
  result.pairs = std::move(aligned);
  for (auto& members : GroupPairs(n, links)) {
    ReportCluster c;
    // In wire-copy mode, the earliest source document among the members.
    if (!is_source.empty()) {
      for (DocIndex d : members) {
        if (is_source[d] && (!c.source || EarlierDoc(result.docs, d, *c.source))) {
          c.source = d;
        }
      }
    }
    if (!c.source) {
      DocIndex first = *std::min_element(
          members.begin(), members.end(),
          [&](DocIndex x, DocIndex y) { return EarlierDoc(result.docs, x, y); });
      if (result.docs[first].date_ms != kNoDate) c.source = first;
    }
    c.members = std::move(members);
    result.clusters.push_back(std::move(c));
  }
  if (options.keep_ops) {
    result.token_set.assign(n, ReportResult::kNoTokens);
    for (size_t i = 0; i < involved.size(); ++i) {
      result.token_set[involved[i]] = content[i];
    }
    result.token_sets = std::move(tokens);
  }
  stats.pairs = result.pairs.size();
  stats.clusters = result.clusters.size();
  stats.finish_seconds = lap();
  stats.seconds = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return result;
}

}  // namespace reprint
