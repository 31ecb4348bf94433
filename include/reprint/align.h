// include/reprint/align.h
//
// Passage alignment between two documents and word-level diffs.
//
// AlignPassages() finds the passages two token sequences share: it collects
// anchors (positions where both texts have the same short shingle, skipping
// shingles the caller marks as boilerplate), chains anchors that run along
// nearby diagonals, and extends the chains through substituted, inserted and
// deleted words, so that a reworded ("spun") copy aligns as one passage with
// its edits rather than as scattered fragments. Passages are then joined
// across, and grown through, stretches reworded too densely to anchor on
// (AlignOptions::max_bridge). Each passage carries the word-level edit
// script that turns its A side into its B side.

#ifndef REPRINT_ALIGN_H_
#define REPRINT_ALIGN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/text.h"

namespace reprint {

// A run of tokens [begin, end) in one document.
struct TokenRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

// One step of a word-level edit script between token ranges of A and B.
//   kEqual:  a[a_begin, a_end) equals b[b_begin, b_end) (same length).
//   kDelete: a[a_begin, a_end) is absent from B (b_begin == b_end).
//   kInsert: b[b_begin, b_end) is absent from A (a_begin == a_end).
// Consecutive ops are contiguous in both sequences.
struct DiffOp {
  enum Kind : uint8_t { kEqual, kDelete, kInsert };
  Kind kind = kEqual;
  uint32_t a_begin = 0, a_end = 0;  // token indices in A
  uint32_t b_begin = 0, b_end = 0;  // token indices in B
};

// The shortest edit script (Myers' O(ND) algorithm, with a linear-space
// fallback for long inputs) between two token sequences, comparing tokens by
// hash. Token indices in the result are relative to the spans given.
// Deletes come before inserts within a changed region.
std::vector<DiffOp> DiffTokens(absl::Span<const Token> a,
                               absl::Span<const Token> b);

struct Passage {
  enum Kind : uint8_t { kVerbatim, kRewritten };
  TokenRange ta, tb;     // token ranges in A and B
  ByteRange a, b;        // byte ranges in the original texts
  Kind kind = kVerbatim;
  // Found as a chain of short phrases kept in order (a heavy rewrite,
  // AlignOptions::phrase_chain_words), not through anchored chains.
  bool from_phrases = false;
  double similarity = 0;  // 2 * equal tokens / (|ta| + |tb|)
  uint32_t equal_tokens = 0;
  // Words inside the passage that one document inserted (a change adding
  // more than two words to one side and replacing at most two of the
  // other: a caption or a link line inside a copied story), on each side:
  // its own text, which coverage leaves out.
  uint32_t inserted_a = 0, inserted_b = 0;
  std::vector<DiffOp> ops;  // absolute token indices into A and B
  // The changed stretches in bytes: each is a deletion, an insertion or a
  // substitution (both non-empty); an empty range marks the position.
  struct Edit {
    ByteRange a, b;
  };
  std::vector<Edit> edits;
};

struct AlignOptions {
  uint32_t anchor_k = 3;           // words per anchor shingle
  uint32_t min_passage_tokens = 15;  // shorter passages are dropped
  uint32_t min_equal_tokens = 10;  // passages need this many equal words
  uint32_t max_gap = 12;           // largest run of unmatched words bridged
  double min_similarity = 0.5;     // chains below are no passage (what
                                   // bridging and growing add later is at
                                   // least min_bridge_similarity alike)
  double min_anchor_density = 0.25;  // anchored share of a chain
  // Two passages that follow each other in both documents, at most this
  // many words apart in each, are one passage when the words between them
  // are themselves at least min_bridge_similarity alike (2 * equal words /
  // words of both gaps) and hold no boilerplate: a stretch reworded too
  // densely for any anchor to survive, inside one reused text; so are two
  // at most max_gap words apart in both (as chaining would have joined
  // them, had they been found together). A passage's ends then grow,
  // 2 * max_gap words at a time, through the longest stretch beyond them
  // that is as alike and ends on an equal word, never into boilerplate or
  // another passage, and passages that growing brings together are
  // joined again. 0: none of this.
  uint32_t max_bridge = 200;
  double min_bridge_similarity = 0.4;
  // Two passages that follow each other in both documents are one passage
  // when the words between them differ only by text one document or the
  // other inserted (each change adding more than two words to one side and
  // replacing at most two of the other), at most this many words in all
  // and no more than either passage holds: a caption, a "Read more" link
  // or a promotion inside a copied story, shown as insertions in the
  // passage's diff. Boilerplate may lie there only on one side, all of it
  // inserted (an outlet's own promotion), never matched. 0: none.
  uint32_t max_insert = 50;
  // Heavy rewrites (0: off). When the passages found match fewer equal
  // words than this, the short exact phrases the documents share in the
  // same order are chained (as OrderedPhrases() does, over the words
  // examined); if they match at least this many words, the stretch they
  // span becomes one rewritten passage, absorbing the passages it
  // overlaps.
  uint32_t phrase_chain_words = 0;
};

// Returns the passages shared by `a` and `b`, ordered by position in A, not
// overlapping in either document. `mask_a` and `mask_b` may be empty; when
// given (one byte per token, non-zero = boilerplate), anchors that touch a
// masked token are ignored, so outlet furniture and corpus-wide boilerplate
// never start a passage.
std::vector<Passage> AlignPassages(absl::Span<const Token> a,
                                   absl::Span<const Token> b,
                                   const AlignOptions& options,
                                   absl::Span<const uint8_t> mask_a = {},
                                   absl::Span<const uint8_t> mask_b = {});

// A document prepared for aligning against many others: its anchor
// shingles, sorted by hash, with boilerplate positions left out. Preparing
// once per document instead of once per pair makes alignment linear in the
// two documents' lengths.
struct AlignDoc {
  absl::Span<const Token> tokens;
  absl::Span<const uint8_t> mask;  // as given to PrepareAlignDoc()
  uint32_t anchor_k = 0;
  // (upper 32 bits of the anchor shingle hash) << 32 | token position,
  // sorted; masked positions and anchors repeated more than 8 times are
  // left out. 32 bits suffice: a chance match adds a one-anchor run that
  // chaining ignores.
  std::vector<uint64_t> anchors;
};

// Prepares `tokens` (which must outlive the result, as must `mask`) for
// AlignPrepared(). `mask` as for AlignPassages().
AlignDoc PrepareAlignDoc(absl::Span<const Token> tokens, uint32_t anchor_k,
                         absl::Span<const uint8_t> mask = {});

// Same as AlignPassages() on prepared documents.
// REQUIRES: both prepared with options.anchor_k.
std::vector<Passage> AlignPrepared(const AlignDoc& a, const AlignDoc& b,
                                   const AlignOptions& options);

// Evidence of a heavy rewrite, where too few words survive close together
// to form a passage: exact shared phrases longer than an anchor (anchor_k
// + 1 words or more; boilerplate and over-repeated anchors left out, as in
// PrepareAlignDoc()) that follow each other in both documents. A reworded
// copy keeps its source's phrases in order, tens of words apart; text that
// is merely on the same topic shares phrases far apart and in no
// particular order. Phrases are chained with a small cost per word of gap
// between them (so a gap of hundreds of words is not worth bridging), and
// the best chain is returned.
struct PhraseChain {
  uint32_t words = 0;  // words its phrases match
  TokenRange a, b;     // from its first phrase to its last, in A and in B
};
// REQUIRES: both prepared with the same anchor_k.
PhraseChain OrderedPhrases(const AlignDoc& a, const AlignDoc& b);

// A position where both documents start the same seed shingle: token `a`
// of A and token `b` of B.
struct SeedHit {
  uint32_t a = 0, b = 0;
};

// Same as AlignPrepared(), but looks only around `seeds` (the positions of
// the longer shingles two documents were found to share): seeds close in
// both documents form a region, padded by a margin for passages to extend
// through reworded words; each region is aligned on its own, and passages
// from different regions that overlap keep the one with more equal words.
// When the regions cover much of the two documents, the whole documents
// are aligned instead. The cost then grows with the shared text, not with
// the documents' lengths: a short quotation inside two long documents is
// cheap to find. With no seeds, nothing is found. Heavy rewrites
// (options.phrase_chain_words) are looked for in the regions, and, when
// those hold half the words needed, in a window around the chain found
// there that widens while the chain grows (up to the whole documents).
//
// `prepare`, when given, is called before the whole documents are aligned:
// a caller aligning many pairs may then prepare anchors lazily, passing
// AlignDocs that hold only tokens, mask and anchor_k (as from
// UnpreparedAlignDoc()) and filling their anchors from `prepare`; regions
// never read anchors.
std::vector<Passage> AlignAroundSeeds(
    const AlignDoc& a, const AlignDoc& b, absl::Span<const SeedHit> seeds,
    uint32_t seed_k, const AlignOptions& options,
    const std::function<void()>& prepare = nullptr);

// An AlignDoc without anchors, for AlignAroundSeeds() with `prepare`.
AlignDoc UnpreparedAlignDoc(absl::Span<const Token> tokens, uint32_t anchor_k,
                            absl::Span<const uint8_t> mask = {});

// Narrows *p (a passage between `a` and `b`) to the token ranges ta and
// tb, which lie inside p->ta and p->tb: the part of it left when text at
// either end is cut away. The ranges are diffed again and the passage
// starts and ends on shared words, with its edit script, equal words,
// similarity, kind, byte ranges and edits those of the part. False, *p
// unspecified, when that part has fewer than `min_equal_tokens` equal
// words.
bool NarrowPassage(absl::Span<const Token> a, absl::Span<const Token> b,
                   TokenRange ta, TokenRange tb, uint32_t min_equal_tokens,
                   Passage* p);

// `ops` (a passage's edit script) as a reader follows it best: a stretch
// of at most two equal words caught between two changes, less than half
// as long in bytes as either, with no sentence end or line break beside it
// in either text, joins them into one change, so that a lone "a" or "the"
// matched inside a reworded clause does not split it into fragments. Other
// ops, and a script whose ops do not follow each other through both
// ranges, are kept as they are. The renderers below show this script; a
// passage's counts and similarity are those of `ops`.
std::vector<DiffOp> ReadableOps(absl::Span<const DiffOp> ops,
                                absl::string_view text_a,
                                absl::Span<const Token> tokens_a,
                                absl::string_view text_b,
                                absl::Span<const Token> tokens_b);

// Renders the word diff of `p` in the manner of `git diff --word-diff`:
// unchanged words as they are in B's text, deletions as [-old-] and
// insertions as {+new+}; the original spacing of B between tokens is kept,
// A's spacing inside a deletion. With `color`, deletions are red and
// insertions green (ANSI) instead of the brackets.
std::string RenderWordDiff(absl::string_view text_a,
                           absl::Span<const Token> tokens_a,
                           absl::string_view text_b,
                           absl::Span<const Token> tokens_b, const Passage& p,
                           bool color);

// Both sides of `p` as HTML, for a side-by-side view: each side's text from
// its first token in the passage to its last, spacing and newlines kept
// (show it with `white-space: pre-wrap`), HTML-escaped, A's deleted words
// wrapped in <del> and B's inserted words in <ins>. A substituted stretch
// is a <del> on A's side facing an <ins> on B's.
struct SideBySideHtml {
  std::string a;
  std::string b;
};
SideBySideHtml RenderSideBySideHtml(absl::string_view text_a,
                                    absl::Span<const Token> tokens_a,
                                    absl::string_view text_b,
                                    absl::Span<const Token> tokens_b,
                                    const Passage& p);

// Appends `text` to *out escaped for HTML text and attribute values (& < >
// "), a byte that is not UTF-8 shown as its Windows-1252 character (as the
// tokeniser reads it; U+FFFD where the code page has none), NUL bytes
// dropped (a caller may blank out what a reader should not see with them)
// and other control characters but tab, newline and carriage return as
// U+FFFD.
void AppendHtmlEscaped(absl::string_view text, std::string* out);

}  // namespace reprint

#endif  // REPRINT_ALIGN_H_
