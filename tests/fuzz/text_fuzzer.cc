// libFuzzer target: arbitrary bytes split into two texts, then tokenised,
// sketched, aligned (whole, and around seeds inside long filler) and
// rendered; and the same bytes decoded as a serialised signature and
// passage sketch.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "reprint/align.h"
#include "reprint/minhash.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "reprint/text.h"
#include "src/text/mail_header.h"
#include "src/text/markup.h"
#include "src/text/tokenizer_internal.h"

namespace {

// `words` distinct made-up words, none shared between two `tag`s.
std::string Filler(char tag, int words) {
  std::string out;
  for (int w = 0; w < words; ++w) {
    out += tag;
    out += std::to_string(w);
    out += ' ';
  }
  return out;
}

// Passages never overlap in either document, and each one's edit script
// walks its token ranges without a hole and counts its equal words.
void CheckPassages(const std::vector<reprint::Passage>& passages) {
  for (size_t i = 0; i < passages.size(); ++i) {
    const reprint::Passage& p = passages[i];
    for (size_t j = i + 1; j < passages.size(); ++j) {
      const reprint::Passage& q = passages[j];
      if ((p.ta.begin < q.ta.end && q.ta.begin < p.ta.end) ||
          (p.tb.begin < q.tb.end && q.tb.begin < p.tb.end)) {
        __builtin_trap();
      }
    }
    if (p.ops.empty()) continue;  // scripts are optional
    uint32_t a = p.ta.begin, b = p.tb.begin, equal = 0;
    for (const reprint::DiffOp& op : p.ops) {
      if (op.a_begin != a || op.b_begin != b) __builtin_trap();
      a = op.a_end;
      b = op.b_end;
      if (op.kind == reprint::DiffOp::kEqual) equal += op.a_end - op.a_begin;
    }
    if (a != p.ta.end || b != p.tb.end || equal != p.equal_tokens) __builtin_trap();
  }
}

// The seed-region path (AlignAroundSeeds) over the two texts set inside
// long unrelated filler, with seeds where their winnowed sketches meet and
// a boilerplate mask drawn from `salt`: regions, the windowed search for
// heavy rewrites and boilerplate gaps all run on fuzzed text.
void AlignInsideFiller(const std::string& a, const std::string& b,
                       uint8_t salt, const reprint::AlignOptions& options) {
  const std::string la = Filler('p', 700) + a + " " + Filler('q', 300);
  const std::string lb = Filler('r', 400) + b + " " + Filler('s', 900);
  std::vector<reprint::Token> ta, tb;
  reprint::Tokenize(la, &ta);
  reprint::Tokenize(lb, &tb);
  std::vector<uint8_t> ma(ta.size()), mb(tb.size());
  for (size_t t = 0; t < ta.size(); ++t) ma[t] = (ta[t].hash & 15) == (salt & 15);
  for (size_t t = 0; t < tb.size(); ++t) mb[t] = (tb[t].hash & 15) == (salt & 15);
  reprint::PassageSketchParams params;
  params.window = 3;
  std::multimap<uint64_t, uint32_t> in_a;
  for (const auto& f : reprint::ComputePassageSketch(ta, params).fingerprints) {
    in_a.emplace(f.hash, f.position);
  }
  std::vector<reprint::SeedHit> seeds;
  for (const auto& f : reprint::ComputePassageSketch(tb, params).fingerprints) {
    auto range = in_a.equal_range(f.hash);
    for (auto it = range.first; it != range.second && seeds.size() < 4096; ++it) {
      seeds.push_back({it->second, f.position});
    }
  }
  reprint::AlignDoc da = reprint::UnpreparedAlignDoc(ta, options.anchor_k, ma);
  reprint::AlignDoc db = reprint::UnpreparedAlignDoc(tb, options.anchor_k, mb);
  auto prepare = [&] {
    da.anchors = reprint::PrepareAlignDoc(ta, options.anchor_k, ma).anchors;
    db.anchors = reprint::PrepareAlignDoc(tb, options.anchor_k, mb).anchors;
  };
  const std::vector<reprint::Passage> around =
      reprint::AlignAroundSeeds(da, db, seeds, params.shingle_k, options, prepare);
  CheckPassages(around);
  for (const reprint::Passage& p : around) {
    (void)reprint::RenderWordDiff(la, ta, lb, tb, p, /*color=*/false);
  }
}

std::string WithoutTags(std::string s, const std::string& open,
                        const std::string& close) {
  for (const std::string* tag : {&open, &close}) {
    for (size_t f; (f = s.find(*tag)) != std::string::npos;) s.erase(f, tag->size());
  }
  return s;
}

bool HasMarker(const std::string& s) {
  for (const char* m : {"[-", "-]", "{+", "+}"}) {
    if (s.find(m) != std::string::npos) return true;
  }
  return false;
}

// `s` without its [-...-] spans.
std::string WithoutDeletions(const std::string& s) {
  std::string out;
  size_t i = 0;
  for (size_t o; (o = s.find("[-", i)) != std::string::npos;) {
    const size_t c = s.find("-]", o + 2);
    if (c == std::string::npos) break;
    out.append(s, i, o - i);
    i = c + 2;
  }
  out.append(s, i, std::string::npos);
  return out;
}

std::string Escaped(const std::string& text, reprint::ByteRange r) {
  std::string out;
  reprint::AppendHtmlEscaped(absl::string_view(text).substr(r.begin, r.end - r.begin),
                             &out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)reprint::Signature::Decode(bytes);
  (void)reprint::PassageSketch::Decode(bytes);
  size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  std::string a = bytes.substr(0, cut), b = bytes.substr(cut);
  std::vector<reprint::Token> ta, tb;
  reprint::Tokenize(a, &ta);
  reprint::Tokenize(b, &tb);
  // Rendering takes token bounds without hashes: the same ranges. The
  // byte-by-byte path gives the same tokens as the 64-byte fast path.
  std::vector<reprint::Token> bounds, scalar;
  reprint::TokenBounds(a, &bounds);
  reprint::internal::TokenizeImpl(a, &scalar, /*fast_path=*/false);
  if (bounds.size() != ta.size() || scalar.size() != ta.size()) __builtin_trap();
  // The stretches between markup, scanned one by one, give the words one
  // scan of the whole text gives there.
  // A mail's list and date are read from its header only: no line break
  // can be in them, and a text that is no mail has neither.
  const reprint::internal::MailFields mail =
      reprint::internal::ReadMailFields(a);
  size_t body = 0;
  (void)reprint::internal::MailHeaderSpans(a, &body);
  if (mail.list.find('\n') != std::string::npos ||
      mail.date.find('\n') != std::string::npos ||
      (body == 0 && (!mail.list.empty() || !mail.date.empty()))) {
    __builtin_trap();
  }
  const std::vector<reprint::ByteRange> markup_a = reprint::internal::MarkupSpans(a);
  std::vector<reprint::Token> outside;
  reprint::internal::TokenBoundsOutside(
      a, reprint::ByteRange{0, static_cast<uint32_t>(a.size())}, markup_a,
      &outside);
  if (outside.size() != ta.size()) __builtin_trap();
  for (size_t k = 0; k < outside.size(); ++k) {
    if (outside[k].begin != ta[k].begin || outside[k].end != ta[k].end) {
      __builtin_trap();
    }
  }
  for (size_t k = 0; k < bounds.size(); ++k) {
    if (bounds[k].begin != ta[k].begin || bounds[k].end != ta[k].end) __builtin_trap();
    if (scalar[k].begin != ta[k].begin || scalar[k].end != ta[k].end ||
        scalar[k].hash != ta[k].hash) {
      __builtin_trap();
    }
  }
  std::vector<uint64_t> set;
  reprint::ShingleSet(ta, 5, &set);
  static const reprint::MinHasher* hasher =
      new reprint::MinHasher(reprint::MinHashParams{});
  (void)hasher->Compute(set);
  (void)reprint::ComputePassageSketch(tb, reprint::PassageSketchParams{});
  reprint::AlignOptions options;
  options.min_passage_tokens = 2;
  options.min_equal_tokens = 2;
  // Heavy-rewrite chains on every other input (the first byte decides).
  options.phrase_chain_words = size > 0 && (data[0] & 1) ? 8 : 0;
  // Texts without diff markers of their own: a word diff less its [-...-]
  // parts and {+ +} brackets is B's side of the passage.
  const bool unmarked = !HasMarker(a) && !HasMarker(b);
  const std::vector<reprint::Passage> passages = reprint::AlignPassages(ta, tb, options);
  CheckPassages(passages);
  for (const reprint::Passage& p : passages) {
    (void)reprint::RenderWordDiff(a, ta, b, tb, p, /*color=*/true);
    if (unmarked &&
        WithoutTags(WithoutDeletions(reprint::RenderWordDiff(a, ta, b, tb, p,
                                                             /*color=*/false)),
                    "{+", "+}") != b.substr(p.b.begin, p.b.end - p.b.begin)) {
      __builtin_trap();
    }
    // Each HTML column, its tags removed, is its side of the passage
    // escaped.
    const reprint::SideBySideHtml html =
        reprint::RenderSideBySideHtml(a, ta, b, tb, p);
    if (WithoutTags(html.a, "<del>", "</del>") != Escaped(a, p.a) ||
        WithoutTags(html.b, "<ins>", "</ins>") != Escaped(b, p.b)) {
      __builtin_trap();
    }
    // Text output tokenises a passage's bytes alone and leaves out the
    // words of the whole document's markup: that must give the document's
    // tokens there.
    std::vector<reprint::Token> part;
    reprint::internal::TokenBoundsOutside(a, p.a, markup_a,
                                          &part);
    if (part.size() != p.ta.size()) __builtin_trap();
    for (size_t k = 0; k < part.size(); ++k) {
      const reprint::Token& t = ta[p.ta.begin + k];
      if (part[k].begin != t.begin || part[k].end != t.end) {
        __builtin_trap();
      }
    }
  }
  AlignInsideFiller(a, b, size > 1 ? data[1] : 0, options);
  return 0;
}
