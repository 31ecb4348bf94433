// `reprint report`: passage-level reuse with aligned word diffs.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "reprint/align.h"
#include "reprint/report.h"
#include "reprint/text.h"
#include "src/cli/commands.h"
#include "src/cli/common.h"
#include "src/text/markup.h"
#include "src/text/tokenizer_internal.h"
#include "src/text/unicode.h"
#include "src/util/json_writer.h"
#include "src/util/parallel.h"

namespace reprint {
namespace cli {
namespace {

using internal::JsonObject;

std::vector<FlagSpec> ReportFlags() {
  const std::string m = "Matching";
  const std::string o = "Output";
  std::vector<FlagSpec> specs = {
      {"source", "ID|PATH",
       "wire-copy mode: report only documents that reuse this one (an id, or a "
       "file to compare the inputs with)",
       m},
      {"source-outlet", "NAME",
       "wire-copy mode for a whole feed: report only documents of other "
       "outlets that reuse a document of outlet NAME (a source field, a url's "
       "site, or a folder with --outlet-from-dir; a host name or address such "
       "as www.apnews.com stands for its site)",
       m},
      {"max-df", "N",
       "passages found in more than N documents are boilerplate, never reuse, "
       "except among documents made mostly of such text: copies of a story "
       "carried more widely (default: adaptive, max(50, 2*sqrt(documents)))",
       m},
      {"keep-outlet-furniture", "",
       "do not suppress text shared only among documents of one outlet (source "
       "field, else the site of url, the folder with --outlet-from-dir, or a "
       "saved mail's mailing list), nor text several outlets each repeat on "
       "their own pages, nor the header and footer that documents of no known "
       "outlet share with two or more others",
       m},
      {"min-shared", "N",
       "winnowed fingerprints a pair must share to be aligned (default 2)", m},
      {"seed-k", "K", "words per fingerprint shingle (default 5)", m},
      {"window", "W",
       "winnowing window in shingles (default 3): a shared run of W+K-1 words "
       "always yields a shared fingerprint; a pair needs --min-shared of them",
       m},
      {"anchor-k", "K", "words per alignment anchor (default 3)", m},
      {"max-gap", "N",
       "longest reworded stretch bridged inside one passage, in words (default "
       "12)",
       m},
      {"max-bridge", "N",
       "longest stretch, in words, that joins the passages around it into one "
       "when at least 40% of its words are the same in both (a densely "
       "reworded stretch; passage ends grow through such stretches too; "
       "default 200, 0: neither)",
       m},
      {"max-insert", "N",
       "longest stretch, in words, that one document inserts into text both "
       "share (a caption, a \"Read more\" link, a promotion) and that one "
       "passage spans, shown as an insertion and not counted as reuse "
       "(default 50, 0: none)",
       m},
      {"min-words", "N",
       "aligned equal words a pair needs to be reported (default 20)", m},
      {"no-heavy-rewrites", "",
       "report passages only: no pair found only through short shared phrases "
       "kept in the same order, with reworded text between them (heavy "
       "rewrites)",
       m},
      {"min-cluster-coverage", "F",
       "share of the shorter document a pair must cover to join clusters "
       "(default 0.1)",
       m},
      {"format", "FMT",
       "text (default), jsonl, or html: a page with each passage side by side, "
       "to open in a browser",
       o},
      {"color", "WHEN",
       "colour word diffs: auto (default; off when NO_COLOR is set or stdout "
       "is not a terminal), always, never",
       o},
      {"fail-on-duplicates", "", "exit 1 when any reuse is found", o},
  };
  for (auto& f : CommonFlags()) {
    specs.push_back(f);
    if (f.name == "source-field") {
      specs.push_back({"outlet-from-dir", "", "a file's outlet is its first folder below the directory walked (pages/bbc/2024/a.txt from pages: bbc), or the folder holding it, so that one site's furniture is not reuse", f.group});
      specs.push_back({"url-field", "NAME", "JSONL field holding the page address: a record without a source takes its site (registrable domain) as its outlet, \"https://edition.example.co.uk/a\" giving example.co.uk; without one, an id that is an http(s) address counts (default: url; \"\" for none)", f.group});
    }
  }
  return specs;
}

const char kUsage[] =
    "reprint report: find reused passages, even reworded, with word diffs\n"
    "\n"
    "Usage: reprint report [FLAGS] PATH...\n"
    "\n"
    "Finds documents that share passages (wire copy, press releases,\n"
    "syndicated or spun articles) even when the documents as a whole differ.\n"
    "For every pair: how much of each document is reused (both directions),\n"
    "which one is the source (the earlier date: a date field, or a saved\n"
    "mail's Date), and each passage as a word diff: [-removed-]{+added+}.\n"
    "Passages that only appear among documents of one outlet (their source\n"
    "field, the site of their url, their folder with --outlet-from-dir, or a\n"
    "saved mail's mailing list, whose footer is the list's furniture), that\n"
    "several outlets each repeat on their own pages (a network's footer), or\n"
    "in very many documents, are boilerplate and never count as reuse; so\n"
    "are a header and a footer that documents of no known outlet share with\n"
    "two or more others around different texts (one site's pages). Words\n"
    "are compared without case, accents, punctuation, HTML markup or mail\n"
    "headers (\"São\" matches \"Sao\"; tags in saved pages, and a saved\n"
    "message's header fields but its subject, are not words).\n"
    "\n"
    "Examples:\n"
    // clang-format off
    "  reprint report articles/                      every pair that shares text\n"
    "  reprint report --source wire.txt outlets/     which articles reuse wire.txt\n"
    "  reprint report --format jsonl docs.jsonl      pairs, passages, clusters as JSON Lines\n"
    "  reprint report --format html outlets/ > reuse.html\n"
    "                                                side-by-side diffs for a browser\n"
    "  reprint report --outlet-from-dir sites/       pages saved one folder per site:\n"
    "                                                each site's furniture is not reuse\n"
    // clang-format on
    "\n"
    "Exit codes: 0 success, 1 reuse found with --fail-on-duplicates,\n"
    "2 an error occurred (bad input included; the run goes on where it can).\n";

// Replaces control characters (but newline and tab) so that a document
// cannot drive the terminal; the length, and so byte offsets, stay.
void MakePrintable(std::string* s) {
  for (char& c : *s) {  // branch-free, so that it vectorises
    const unsigned char u = static_cast<unsigned char>(c);
    const bool control = (u < 0x20 && u != '\n' && u != '\t') || u == 0x7F;
    c = control ? '?' : c;
  }
}

std::string Percent(double x) { return absl::StrFormat("%.0f%%", 100 * x); }

// Appends `s` to *out with `pad` before each of its lines.
void AppendIndented(absl::string_view s, absl::string_view pad, std::string* out) {
  out->append(pad.data(), pad.size());
  for (size_t nl; (nl = s.find('\n')) != absl::string_view::npos;) {
    out->append(s.data(), nl + 1);
    out->append(pad.data(), pad.size());
    s.remove_prefix(nl + 1);
  }
  out->append(s.data(), s.size());
}

void AppendPassagesJson(const ReportPair& p, std::string* out) {
  // Written through a cursor into room for the longest such text: a
  // passage's fields but its edits take at most kPassage bytes, an edit
  // (four offsets) kEdit. Appending each piece to the string instead made
  // formatting the benchmark corpus's report about a third slower.
  using internal::JsonCursor;
  constexpr size_t kPassage =
      160 + 9 * JsonCursor::kMaxUint + JsonCursor::kMaxNumber;
  constexpr size_t kEdit = 6 + 4 * JsonCursor::kMaxUint;
  size_t room = 2;
  for (const Passage& q : p.passages) room += kPassage + q.edits.size() * kEdit;
  internal::AppendThroughCursor(out, room, [&p](JsonCursor& c) {
    c.Char('[');
    for (size_t i = 0; i < p.passages.size(); ++i) {
      const Passage& q = p.passages[i];
      if (i) c.Char(',');
      c.Raw("{\"a\":[").Uint(q.a.begin).Char(',').Uint(q.a.end);
      c.Raw("],\"b\":[").Uint(q.b.begin).Char(',').Uint(q.b.end);
      c.Raw(q.kind == Passage::kVerbatim ? "],\"kind\":\"verbatim\""
                                         : "],\"kind\":\"rewritten\"");
      c.Raw(q.from_phrases ? ",\"heavy\":true" : ",\"heavy\":false");
      c.Raw(",\"similarity\":").Number(q.similarity);
      c.Raw(",\"words_a\":").Uint(q.ta.size());
      c.Raw(",\"words_b\":").Uint(q.tb.size());
      c.Raw(",\"equal_words\":").Uint(q.equal_tokens);
      c.Raw(",\"inserted_a\":").Uint(q.inserted_a);
      c.Raw(",\"inserted_b\":").Uint(q.inserted_b);
      c.Raw(",\"edits\":[");
      for (size_t e = 0; e < q.edits.size(); ++e) {
        const auto& d = q.edits[e];
        c.Raw(e ? ",[" : "[").Uint(d.a.begin).Char(',').Uint(d.a.end);
        c.Char(',').Uint(d.b.begin).Char(',').Uint(d.b.end).Char(']');
      }
      c.Raw("]}");
    }
    c.Char(']');
  });
}

// Appends one pair's JSON Lines record.
void AppendPairJson(const ReportResult& r, const ReportPair& p, std::string* out) {
  JsonObject obj(out);
  obj.Str("type", "pair")
      .Str("a", r.docs[p.a].id)
      .Str("b", r.docs[p.b].id)
      .Num("coverage_a", p.coverage_a)
      .Num("coverage_b", p.coverage_b);
  if (p.source) {
    obj.Str("source", r.docs[*p.source].id);
  } else {
    obj.Null("source");
  }
  // The outlets, where known (a source field, a url's site, a folder).
  if (!r.docs[p.a].source.empty()) obj.Str("outlet_a", r.docs[p.a].source);
  if (!r.docs[p.b].source.empty()) obj.Str("outlet_b", r.docs[p.b].source);
  obj.Field("passages");
  AppendPassagesJson(p, out);
  obj.End();
  out->push_back('\n');
}

// Writes the JSON Lines records to `f` in chunks of about a megabyte, so
// that a report of hundreds of thousands of pairs is never one string.
// Pair records are formatted in parallel, a round of blocks at a time,
// and written in order. With more than one thread, one round is written
// while the next is formatted: on the benchmark corpus, formatting its
// 127 MB takes 0.19-0.22 s on two threads, and writing them to a new
// file (nearly all of it in the kernel) then adds little.
bool WriteJsonl(const ReportResult& r, int threads, FILE* f) {
  ChunkedWriter writer(f);
  std::string* out = writer.buffer();
  threads = std::max(1, threads);
  // Pairs formatted by one task. Pairs differ in size by orders of
  // magnitude (a licence file's many passages and edits), and a round
  // waits for its slowest block: small blocks, many to a round, keep both
  // threads busy (writing the benchmark corpus's report to /dev/null,
  // 2 threads: 0.35-0.43 s with rounds of 8 blocks of 1,024 pairs,
  // 0.34 s with 32 blocks of 256 and the same memory).
  constexpr size_t kBlock = 256;
  const size_t blocks = (r.pairs.size() + kBlock - 1) / kBlock;
  const size_t round = 16 * static_cast<size_t>(threads);
  // Two rounds of formatted blocks: one being formatted, one being written.
  std::vector<std::string> formatted[2] = {std::vector<std::string>(round),
                                           std::vector<std::string>(round)};
  size_t pending = 0;  // blocks of the round in formatted[1] left to write
  bool ok = true;
  int write_errno = 0;  // errno of a failed write, for the caller (EPIPE)
  auto write_pending = [&] {
    for (size_t k = 0; k < pending && ok; ++k) ok = WriteAll(f, formatted[1][k]);
    if (!ok) write_errno = errno;
    pending = 0;
  };
  for (size_t first = 0; first < blocks; first += round) {
    const size_t n = std::min(round, blocks - first);
    std::thread background;
    if (threads > 1) {
      background = std::thread(write_pending);
    } else {
      write_pending();
    }
    internal::ParallelFor(n, threads, [&](size_t k, int) {
      std::string& text = formatted[0][k];
      text.clear();
      const size_t begin = (first + k) * kBlock;
      const size_t end = std::min(r.pairs.size(), begin + kBlock);
      for (size_t i = begin; i < end; ++i) AppendPairJson(r, r.pairs[i], &text);
    });
    if (background.joinable()) background.join();
    if (!ok) {
      errno = write_errno;
      return false;
    }
    formatted[0].swap(formatted[1]);
    pending = n;
  }
  write_pending();
  if (!ok) return false;
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    const ReportCluster& cl = r.clusters[c];
    std::string members = JsonIdArray(cl.members, r.docs);
    JsonObject obj(out);
    obj.Str("type", "cluster").Int("id", c + 1).Raw("members", members);
    if (cl.source) {
      obj.Str("source", r.docs[*cl.source].id);
    } else {
      obj.Null("source");
    }
    obj.End();
    out->push_back('\n');
  }
  const ReportStats& s = r.stats;
  JsonObject(out)
      .Str("type", "summary")
      .Str("command", "report")
      .Int("schema", 1)
      .Int("documents", s.documents)
      .Int("skipped", s.skipped)
      .Int("errors", s.errors)
      .Int("bytes", s.bytes)
      .Int("fingerprints", s.seeds)
      .Int("max_df", s.max_df)
      .Int("suppressed_df", s.suppressed_df)
      .Int("suppressed_outlet", s.suppressed_outlet)
      .Int("suppressed_shared", s.suppressed_shared)
      .Int("carried", s.carried)
      .Int("carried_documents", s.carried_docs)
      .Int("candidates", s.candidates)
      .Int("aligned", s.aligned)
      .Int("pairs", s.pairs)
      .Int("heavy_rewrites", s.heavy_rewrites)
      .Int("frame_pairs", s.frame_pairs)
      .Int("frame_passages", s.frame_passages)
      .Int("frame_cuts", s.frame_cuts)
      .Int("clusters", s.clusters)
      .Num("seconds", s.seconds)
      .End();
  out->push_back('\n');
  return writer.Finish();
}

// Hides the markup `spans` of *text from a reader (a passage of a page
// shows its words, not its tags), keeping every byte offset: each run of
// adjacent spans becomes NUL bytes, which rendering drops, the first of
// them a space where it stands between two words ("word<br>word").
// REQUIRES: *text holds no NUL of its own (MakePrintable()).
void HideMarkup(const std::vector<ByteRange>& spans, std::string* text) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  for (size_t s = 0; s < spans.size();) {
    const size_t begin = spans[s].begin;
    size_t end = spans[s].end;
    for (++s; s < spans.size() && spans[s].begin == end; ++s) end = spans[s].end;
    std::fill(text->begin() + begin, text->begin() + end, '\0');
    if (begin > 0 && end < text->size() && !space((*text)[begin - 1]) &&
        !space((*text)[end])) {
      (*text)[begin] = ' ';
    }
  }
}

// A document's text read again for rendering, made printable, its markup
// hidden.
struct RenderDoc {
  absl::Status status;
  std::string text;
  // Its markup, as the tokeniser finds it in the whole text as read.
  std::vector<ByteRange> markup;

  void Load(const TextStore& store, const DocumentInfo& info) {
    status = store.Fetch(info.origin, &text);
    if (!status.ok()) return;
    markup = internal::MarkupSpans(text);
    MakePrintable(&text);
    HideMarkup(markup, &text);
  }
};

// Texts read again for rendering, kept from one block of pairs to the
// next while they hold at most `budget` bytes: a document in pairs of many
// blocks (a licence, a message of a busy mailing list) is read once, not
// once a block. On the benchmark corpus, the blocks ask for 2.8 GB of
// texts, 111 MB of them distinct.
class TextCache {
 public:
  TextCache(const TextStore& store, const ReportResult& r, uint64_t budget)
      : store_(store), r_(r), budget_(budget) {}

  // Makes the texts of `docs` (distinct) available to Get(), reading the
  // missing ones in parallel.
  void Fetch(absl::Span<const DocIndex> docs, int threads) {
    ++round_;
    missing_.clear();
    for (DocIndex d : docs) {
      std::unique_ptr<Entry>& e = entries_[d];
      if (e == nullptr) {
        e = std::make_unique<Entry>();
        missing_.emplace_back(d, e.get());
      }
      e->round = round_;
    }
    internal::ParallelFor(missing_.size(), threads, [&](size_t i, int) {
      missing_[i].second->doc.Load(store_, r_.docs[missing_[i].first]);
    });
    for (const auto& m : missing_) bytes_ += m.second->doc.text.size();
  }

  // A text fetched, valid until the next Trim(). Safe from many threads
  // between Fetch() and Trim().
  const RenderDoc& Get(DocIndex d) const { return entries_.find(d)->second->doc; }

  // Drops texts the last Fetch() did not ask for, the least recently asked
  // for first, until the rest hold at most the budget.
  void Trim() {
    if (bytes_ <= budget_) return;
    std::vector<std::pair<uint64_t, DocIndex>> old;  // (round, document)
    for (const auto& [d, e] : entries_) {
      if (e->round < round_) old.emplace_back(e->round, d);
    }
    std::sort(old.begin(), old.end());
    for (const auto& [round, d] : old) {
      if (bytes_ <= budget_) break;
      auto it = entries_.find(d);
      bytes_ -= it->second->doc.text.size();
      entries_.erase(it);
    }
  }

 private:
  struct Entry {
    RenderDoc doc;
    uint64_t round = 0;  // the last Fetch() that asked for it
  };
  const TextStore& store_;
  const ReportResult& r_;
  const uint64_t budget_;
  absl::flat_hash_map<DocIndex, std::unique_ptr<Entry>> entries_;
  std::vector<std::pair<DocIndex, Entry*>> missing_;
  uint64_t bytes_ = 0;
  uint64_t round_ = 0;
};

// The tokens of a passage's side (their byte ranges: rendering needs no
// hashes), `bytes` of document `d` holding the tokens `range`. They are
// those alignment read (ReportResult::token_sets) when the result kept
// them and they still bound `bytes`; else the passage alone is tokenised:
// it starts on a token and ends on one, so its bytes give the document's
// tokens there (MakePrintable() turns separators into separators), once
// the words of the whole document's markup are left out. False if the
// count does not match (a text changed since it was aligned). *scratch
// holds tokens found afresh; the result may point into it.
bool PassageTokens(const ReportResult& r, DocIndex d, const RenderDoc& doc,
                   ByteRange bytes, TokenRange range,
                   std::vector<Token>* scratch,
                   absl::Span<const Token>* tokens) {
  if (bytes.end > doc.text.size() || bytes.begin > bytes.end) return false;
  if (d < r.token_set.size() && r.token_set[d] != ReportResult::kNoTokens &&
      range.begin < range.end) {
    const std::vector<Token>& all = r.token_sets[r.token_set[d]];
    if (range.end <= all.size() && all[range.begin].begin == bytes.begin &&
        all[range.end - 1].end == bytes.end) {
      *tokens = absl::MakeConstSpan(all).subspan(range.begin, range.size());
      return true;
    }
  }
  internal::TokenBoundsOutside(doc.text, bytes, doc.markup, scratch);
  *tokens = *scratch;
  return scratch->size() == range.size();
}

// How pairs are written: text with word diffs, or an HTML page with each
// passage side by side.
enum class Style { kText, kHtml };

std::string Html(absl::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

// A document's id, with its outlet and date where known: "id (outlet, date)".
// Control characters shown as '?' (PrintableName()).
std::string Described(const DocumentInfo& d) {
  std::string out = d.id;
  if (!d.source.empty() || !d.date.empty()) {
    const bool both = !d.source.empty() && !d.date.empty();
    absl::StrAppend(&out, " (", d.source, both ? ", " : "", d.date, ")");
  }
  return PrintableName(out);
}

// What the header of a pair says, one line each: its documents, how much
// of each the passages cover, and the direction.
std::vector<std::string> PairFacts(const ReportResult& r, const ReportPair& p) {
  std::vector<std::string> facts = {
      absl::StrCat("A ", Described(r.docs[p.a])), absl::StrCat("B ", Described(r.docs[p.b])),
      absl::StrCat("shared: ", Percent(p.coverage_a), " of A, ",
                   Percent(p.coverage_b), " of B")};
  if (p.source) {
    bool a_is_source = *p.source == p.a;
    const char* src = a_is_source ? "A" : "B";
    const char* copy = a_is_source ? "B" : "A";
    double used = a_is_source ? p.coverage_a : p.coverage_b;
    double made = a_is_source ? p.coverage_b : p.coverage_a;
    facts.push_back(absl::StrCat("source: ", src, "; ", copy, " reuses ",
                                 Percent(used), " of ", src,
                                 ", which makes up ", Percent(made), " of ",
                                 copy));
  } else {
    facts.push_back("direction: unknown (no distinct dates)");
  }
  return facts;
}

std::string PassageTitle(size_t i, const Passage& q) {
  // Lines one side holds and the other lacks (a caption, an attribution,
  // a sentence a copy dropped) are that side's own text.
  const std::string inserted =
      q.inserted_a + q.inserted_b == 0
          ? ""
          : absl::StrCat(", ", q.inserted_a, "/", q.inserted_b,
                         " not in the other");
  return absl::StrFormat(
      "passage %d: %s, %u/%u words%s, similarity %.2f; A bytes %u-%u, B "
      "bytes %u-%u",
      static_cast<int>(i + 1),
      q.kind == Passage::kVerbatim ? "verbatim"
      : q.from_phrases             ? "rewritten heavily (phrases kept in order)"
                                   : "rewritten",
      q.ta.size(), q.tb.size(), inserted, q.similarity, q.a.begin, q.a.end,
      q.b.begin, q.b.end);
}

// One pair, `number`: its header and every passage, as a word diff (text)
// or side by side (HTML), into *out; or the reason a text could not be
// read into *error.
void RenderPair(const ReportResult& r, const ReportPair& p, size_t number,
                Style style, bool color, const RenderDoc& a,
                const RenderDoc& b, std::string* out, std::string* error) {
  const std::vector<std::string> facts = PairFacts(r, p);
  if (style == Style::kHtml) {
    absl::StrAppend(out, "<section class=\"pair\" id=\"pair-", number,
                    "\">\n<h3>pair ", number, "</h3>\n<ul class=\"facts\">\n");
    for (const std::string& f : facts) absl::StrAppend(out, "<li>", Html(f), "</li>\n");
    out->append("</ul>\n");
  } else {
    std::string bold = color ? "\x1b[1m" : "", reset = color ? "\x1b[m" : "";
    absl::StrAppend(out, bold, "pair ", number, reset, "\n");
    for (const std::string& f : facts) absl::StrAppend(out, "  ", f, "\n");
  }
  if (!a.status.ok() || !b.status.ok()) {
    *error = std::string((!a.status.ok() ? a.status : b.status).message());
    out->clear();
    return;
  }
  const std::string& id_a = r.docs[p.a].id;
  const std::string& id_b = r.docs[p.b].id;
  for (size_t i = 0; i < p.passages.size(); ++i) {
    const Passage& q = p.passages[i];
    // The passage's edit script, its token numbers made relative to its
    // first tokens.
    thread_local std::vector<Token> scratch_a, scratch_b;
    thread_local Passage local;
    absl::Span<const Token> tokens_a, tokens_b;
    if (!PassageTokens(r, p.a, a, q.a, q.ta, &scratch_a, &tokens_a) ||
        !PassageTokens(r, p.b, b, q.b, q.tb, &scratch_b, &tokens_b)) {
      *error = absl::StrCat(PrintableName(id_a), " or ", PrintableName(id_b),
                            ": the text changed since it was aligned");
      out->clear();
      return;
    }
    local.ops.assign(q.ops.begin(), q.ops.end());
    for (DiffOp& op : local.ops) {
      op.a_begin -= q.ta.begin;
      op.a_end -= q.ta.begin;
      op.b_begin -= q.tb.begin;
      op.b_end -= q.tb.begin;
    }
    if (style == Style::kHtml) {
      const SideBySideHtml sides =
          RenderSideBySideHtml(a.text, tokens_a, b.text, tokens_b, local);
      absl::StrAppend(out, "<h4>", Html(PassageTitle(i, q)),
                      "</h4>\n<table class=\"sbs\"><tr><th>A: ", Html(id_a),
                      "</th><th>B: ", Html(id_b), "</th></tr>\n<tr><td>",
                      sides.a, "</td><td>", sides.b, "</td></tr></table>\n");
    } else {
      absl::StrAppend(out, "\n  ", PassageTitle(i, q), "\n");
      std::string diff =
          RenderWordDiff(a.text, tokens_a, b.text, tokens_b, local, color);
      diff.erase(std::remove(diff.begin(), diff.end(), '\0'), diff.end());
      std::string shown;
      internal::AppendReadableUtf8(diff, &shown);
      AppendIndented(shown, "    ", out);
      out->push_back('\n');
    }
  }
  out->append(style == Style::kHtml ? "</section>\n" : "\n");
}

const char kHtmlHead[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>reprint report</title>\n<style>\n"
    "body{font-family:system-ui,sans-serif;margin:1.5em;line-height:1.4}\n"
    ".pair{border-top:1px solid #bbb;margin-top:1.5em}\n"
    ".facts{list-style:none;padding:0}\n"
    "table.sbs{width:100%;table-layout:fixed;border-collapse:collapse}\n"
    "table.reuse td,table.reuse th{text-align:left;padding:.1em .8em .1em 0}\n"
    "table.sbs th{text-align:left;font-weight:normal;color:#555;"
    "overflow-wrap:anywhere}\n"
    "table.sbs td{vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere;"
    "border:1px solid #ddd;padding:.4em;font-family:ui-monospace,monospace}\n"
    "del{background:#fdd;color:#900}\n"
    "ins{background:#dfd;color:#060;text-decoration:none}\n"
    "</style>\n</head>\n<body>\n<h1>reprint report</h1>\n";

std::string SummaryLine(const ReportResult& r) {
  return absl::StrCat(r.stats.documents,
                      r.stats.documents == 1 ? " document read, " : " documents read, ",
                      r.stats.skipped,
                      " skipped; ", r.pairs.size(),
                      r.pairs.size() == 1 ? " pair, " : " pairs, ",
                      r.clusters.size(),
                      r.clusters.size() == 1 ? " cluster" : " clusters");
}

// The clusters, each with its size, probable source and members; on the
// page also links to the pairs inside it.
std::string ClustersPart(const ReportResult& r, Style style) {
  std::string out;
  std::vector<std::vector<size_t>> pairs_of;  // cluster -> pair numbers
  if (style == Style::kHtml) {
    absl::StrAppend(&out, "<p>", SummaryLine(r),
                    "</p>\n<h2>Clusters</h2>\n<ol class=\"clusters\">\n");
    constexpr uint32_t kNone = UINT32_MAX;
    std::vector<uint32_t> cluster_of(r.docs.size(), kNone);
    for (size_t c = 0; c < r.clusters.size(); ++c) {
      for (DocIndex d : r.clusters[c].members) cluster_of[d] = static_cast<uint32_t>(c);
    }
    pairs_of.resize(r.clusters.size());
    for (size_t i = 0; i < r.pairs.size(); ++i) {
      const uint32_t c = cluster_of[r.pairs[i].a];
      if (c != kNone && c == cluster_of[r.pairs[i].b]) pairs_of[c].push_back(i + 1);
    }
  }
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    const ReportCluster& cl = r.clusters[c];
    const std::string source = cl.source ? PrintableName(r.docs[*cl.source].id)
                                         : std::string("unknown (no dates)");
    if (style == Style::kHtml) {
      absl::StrAppend(&out, "<li>", cl.members.size(), " documents, source ",
                      Html(source), "\n<ul>\n");
      for (DocIndex d : cl.members) {
        absl::StrAppend(&out, "<li>", Html(Described(r.docs[d])), "</li>\n");
      }
      out.append("</ul>\n<p>pairs:");
      for (size_t n : pairs_of[c]) {
        absl::StrAppend(&out, " <a href=\"#pair-", n, "\">", n, "</a>");
      }
      out.append("</p></li>\n");
      continue;
    }
    absl::StrAppend(&out, "cluster ", c + 1, ": ", cl.members.size(),
                    " documents, source ", source, "\n");
    for (DocIndex d : cl.members) {
      absl::StrAppend(&out, "  ", Described(r.docs[d]), "\n");
    }
    out.push_back('\n');
  }
  if (style == Style::kHtml) out.append("</ol>\n");
  return out;
}

// How a pair's passages were copied, in a word or three.
const char* ReuseKind(const ReportPair& p) {
  bool rewritten = false;
  for (const Passage& q : p.passages) {
    if (q.from_phrases) return "rewritten heavily";
    rewritten = rewritten || q.kind != Passage::kVerbatim;
  }
  return rewritten ? "rewritten" : "verbatim";
}

// Wire-copy mode: the documents reusing the source (or, for an outlet,
// one of its documents), the most of it used first, each with how much of
// it the reuse makes up and its pair. Every pair of a wire-copy report has
// its source document in ReportPair::source.
std::string ReuseOverview(const ReportResult& r, Style style) {
  const bool outlet = !r.source_outlet.empty();
  std::vector<size_t> order;  // indices into r.pairs
  for (size_t i = 0; i < r.pairs.size(); ++i) {
    if (r.pairs[i].source) order.push_back(i);
  }
  auto source_of = [&](size_t i) { return *r.pairs[i].source; };
  auto used = [&](size_t i) {
    const ReportPair& p = r.pairs[i];
    return p.a == source_of(i) ? p.coverage_a : p.coverage_b;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return used(x) > used(y); });
  const std::string what =
      PrintableName(outlet ? absl::StrCat("outlet ", r.source_outlet)
                           : r.docs[*r.source].id);
  std::string out;
  if (style == Style::kHtml) {
    absl::StrAppend(&out, "<h2>Documents reusing ", Html(what), ": ", order.size(),
                    "</h2>\n<table class=\"reuse\"><tr><th>document</th>",
                    outlet ? "<th>source</th>" : "",
                    "<th>of the source used</th><th>of the document</th>"
                    "<th>kind</th><th>pair</th></tr>\n");
  } else {
    absl::StrAppend(&out, "documents reusing ", what, ": ", order.size(),
                    "\n  used  makes up  kind               document\n");
  }
  for (size_t i : order) {
    const ReportPair& p = r.pairs[i];
    const DocIndex source = source_of(i);
    const std::string name = Described(r.docs[p.a == source ? p.b : p.a]);
    const std::string made = Percent(p.a == source ? p.coverage_b : p.coverage_a);
    if (style == Style::kHtml) {
      absl::StrAppend(&out, "<tr><td>", Html(name), "</td>");
      if (outlet) {
        absl::StrAppend(&out, "<td>", Html(Described(r.docs[source])), "</td>");
      }
      absl::StrAppend(&out, "<td>", Percent(used(i)), "</td><td>", made,
                      "</td><td>", ReuseKind(p), "</td><td><a href=\"#pair-",
                      i + 1, "\">", i + 1, "</a></td></tr>\n");
    } else {
      const std::string from =
          outlet ? absl::StrCat(" from ", Described(r.docs[source])) : "";
      absl::StrAppend(&out, absl::StrFormat("  %4s  %8s  %-17s  %s%s, pair %d\n",
                                            Percent(used(i)), made, ReuseKind(p),
                                            name, from, i + 1));
    }
  }
  out.append(style == Style::kHtml ? "</table>\n" : "\n");
  return out;
}

// Text or HTML output: clusters first, then every pair with its passages.
// Texts are read again for rendering, once per block of pairs; pairs are
// rendered in blocks, in parallel, and written in order.
// In wire-copy mode, an overview of the documents reusing the source comes
// before the pairs.
bool WriteRendered(const ReportResult& r, const TextStore& store, Style style,
                   bool color, int threads, Console* console) {
  std::string out = style == Style::kHtml ? kHtmlHead : "";
  out += ClustersPart(r, style);
  if (r.source || !r.source_outlet.empty()) out += ReuseOverview(r, style);
  if (style == Style::kHtml) out.append("<h2>Pairs</h2>\n");
  if (!WriteAll(stdout, out)) return false;
  // Progress on a terminal, unless the report itself goes there.
  const ProgressFn progress =
      isatty(STDOUT_FILENO) ? nullptr : console->Progress();
  threads = std::max(1, threads);
  // A block: up to kBlock pairs whose distinct documents hold at most
  // kBlockBytes of text (or one pair). Each of those documents is read
  // once for the block, and kept for the next ones within kCacheBytes.
  constexpr size_t kBlock = 2048;
  constexpr uint64_t kBlockBytes = 64u << 20;
  constexpr uint64_t kCacheBytes = 256u << 20;
  std::vector<std::string> texts(kBlock), errors(kBlock);
  absl::flat_hash_set<DocIndex> in_block;
  std::vector<DocIndex> block_docs;
  TextCache cache(store, r, kCacheBytes);
  uint64_t written = 0;
  for (size_t start = 0; start < r.pairs.size();) {
    in_block.clear();
    block_docs.clear();
    uint64_t bytes = 0;
    size_t count = 0;
    auto add = [&](DocIndex d) {
      if (in_block.insert(d).second) {
        block_docs.push_back(d);
        bytes += r.docs[d].text_bytes;
      }
    };
    while (start + count < r.pairs.size() && count < kBlock &&
           (count == 0 || bytes < kBlockBytes)) {
      const ReportPair& p = r.pairs[start + count];
      add(p.a);
      add(p.b);
      ++count;
    }
    cache.Fetch(block_docs, threads);
    internal::ParallelFor(
        count, threads,
        [&](size_t i, int) {
          texts[i].clear();
          errors[i].clear();
          const ReportPair& p = r.pairs[start + i];
          RenderPair(r, p, start + i + 1, style, color, cache.Get(p.a),
                     cache.Get(p.b), &texts[i], &errors[i]);
        },
        32);
    for (size_t i = 0; i < count; ++i) {
      if (!errors[i].empty()) {
        console->Error(errors[i]);
      } else if (!WriteAll(stdout, texts[i])) {
        return false;
      }
      written += texts[i].size();
    }
    cache.Trim();
    start += count;
    if (progress) progress("pairs written", start, r.pairs.size());
  }
  console->EndProgress();
  // A page this large is more than a browser opens comfortably.
  constexpr uint64_t kLargePage = 256u << 20;
  if (style == Style::kHtml && written > kLargePage) {
    console->Warning(absl::StrFormat(
        "the page holds %d pairs in %d MB, more than a browser opens "
        "comfortably; --source narrows it to one document's reuse, and "
        "--format jsonl suits tools",
        static_cast<long long>(r.pairs.size()),
        static_cast<long long>(written >> 20)));
  }
  out = style == Style::kHtml ? "</body>\n</html>\n"
                              : absl::StrCat(SummaryLine(r), "\n");
  return WriteAll(stdout, out);
}

// A passage over the document-frequency cap this long is more likely a
// widely carried story (or a licence) than a phrase: it is worth a warning.
constexpr uint32_t kLongSuppressedWords = 100;

bool IsFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

int RunReportCommand(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = ReportFlags();
  int code = kExitSuccess;
  std::optional<ParsedArgs> args =
      ParseCommandLine("report", kUsage, specs, argv, &code);
  if (!args) return code;
  ReportOptions o;
  absl::Status bad;
  auto get_int = [&](const char* name, uint32_t* field, long lo, long hi) {
    auto v = args->GetInt(name, *field, lo, hi);
    if (!v.ok()) {
      if (bad.ok()) bad = v.status();
      return;
    }
    *field = static_cast<uint32_t>(*v);
  };
  get_int("max-df", &o.max_df, 2, 1L << 31);
  get_int("min-shared", &o.min_shared, 1, 1000);
  get_int("seed-k", &o.seed_k, 1, 32);
  get_int("window", &o.window, 1, 1024);
  get_int("anchor-k", &o.align.anchor_k, 1, 16);
  get_int("max-gap", &o.align.max_gap, 0, 1000);
  get_int("max-bridge", &o.align.max_bridge, 0, 1000);
  get_int("max-insert", &o.align.max_insert, 0, 1000);
  get_int("min-words", &o.min_pair_tokens, 1, 1000000);
  auto cov = args->GetDouble("min-cluster-coverage", o.min_cluster_coverage, 0, 1);
  if (!cov.ok() && bad.ok()) bad = cov.status();
  if (cov.ok()) o.min_cluster_coverage = *cov;
  auto threads = ThreadsFrom(*args);
  if (!threads.ok() && bad.ok()) bad = threads.status();
  if (threads.ok()) o.threads = *threads;
  o.outlet_furniture = !args->Has("keep-outlet-furniture");
  o.phrase_chains = !args->Has("no-heavy-rewrites");
  auto format_or = FormatFrom(*args, /*allow_html=*/true);
  if (!format_or.ok() && bad.ok()) bad = format_or.status();
  std::string format = format_or.ok() ? *format_or : "text";
  std::string color_when = args->Get("color", "auto");
  if (color_when != "auto" && color_when != "always" && color_when != "never" &&
      bad.ok()) {
    bad = absl::InvalidArgumentError(absl::StrCat(
        "--color: expected auto, always or never, got \"", color_when, "\""));
  }
  if (!bad.ok()) return UsageError("report", std::string(bad.message()));
  std::vector<std::string> inputs = args->positional;
  o.source_outlet = args->Get("source-outlet", "");
  if (args->Has("source") && args->Has("source-outlet")) {
    return UsageError("report", "--source and --source-outlet cannot be used together");
  }
  if (args->Has("source-outlet") && o.source_outlet.empty()) {
    return UsageError("report", "--source-outlet needs an outlet name");
  }
  if (args->Has("source")) {
    o.source_id = args->Get("source", "");
    bool listed = false;
    for (const auto& in : inputs) listed = listed || in == o.source_id;
    if (!listed && IsFile(o.source_id)) inputs.insert(inputs.begin(), o.source_id);
  }
  bool color = color_when == "always" ||
               (color_when == "auto" && std::getenv("NO_COLOR") == nullptr &&
                isatty(STDOUT_FILENO));

  Console console(args->Has("verbose"), args->Has("quiet"));
  IngestOptions ingest = IngestOptionsFrom(*args);
  ingest.url_field = args->Get("url-field", "url");
  ingest.outlet_from_dir = args->Has("outlet-from-dir");
  std::unique_ptr<DocumentReader> reader =
      OpenInputs(inputs, std::move(ingest), &console);
  if (reader == nullptr) return kExitError;
  // JSON Lines carries byte-level edits only; word diffs need the scripts.
  o.keep_ops = format != "jsonl";
  // Examples of boilerplate: shown with --verbose, and read always so that
  // a long passage over the cap (a widely carried story?) is never lost
  // without a word.
  o.suppressed_examples = 3;
  auto result = RunReport(reader.get(), o, console.Progress());
  console.EndProgress();
  if (!result.ok()) {
    console.Error(std::string(result.status().message()));
    return kExitError;
  }
  for (const auto& e : result->errors) console.Error(e);
  if (o.outlet_furniture && result->docs.size() > 1) {
    // One outlet for everything (one folder with --outlet-from-dir, say):
    // all the text they share is that outlet's furniture.
    const std::string& first = result->docs[0].source;
    bool one = !first.empty();
    for (const DocumentInfo& d : result->docs) one = one && d.source == first;
    if (one) {
      console.Warning(absl::StrCat(
          "every document is from outlet \"", first,
          "\": the text they share counts as its furniture, never as reuse "
          "(--keep-outlet-furniture to compare them)"));
    }
  }
  const IngestStats& read = reader->stats();
  if (read.outlets_from_url > 0 || read.outlets_from_folder > 0 ||
      read.outlets_from_mail > 0) {
    console.Info(absl::StrFormat(
        "outlets: %llu documents named by the site of their url, %llu by "
        "their folder, %llu by the mailing list in their header",
        static_cast<unsigned long long>(read.outlets_from_url),
        static_cast<unsigned long long>(read.outlets_from_folder),
        static_cast<unsigned long long>(read.outlets_from_mail)));
  }
  if (read.dates_from_mail > 0) {
    console.Info(absl::StrFormat(
        "dates: %llu documents dated by the Date field of their mail header",
        static_cast<unsigned long long>(read.dates_from_mail)));
  }
  const ReportStats& s = result->stats;
  console.Info(absl::StrFormat(
      "texts: %llu documents repeat an earlier one's text exactly (each "
      "text sketched once); %llu read again for alignment",
      static_cast<unsigned long long>(s.exact_copies),
      static_cast<unsigned long long>(s.reread)));
  console.Info(absl::StrFormat(
      "%llu fingerprints; boilerplate suppressed: %llu over the document-"
      "frequency cap %u, %llu outlet furniture (%llu of it repeated by each "
      "of several outlets on its own pages); %llu over the cap kept "
      "among %llu widely carried documents (made mostly of such text); "
      "%llu candidate pairs, %llu "
      "aligned (the others copy the alignment of identical texts), "
      "%llu reported (%llu of them heavy rewrites, found through short "
      "phrases kept in order); %llu pairs of documents with no known "
      "outlet left out, sharing only a header and a footer that a third "
      "document repeats (a site's furniture), and %llu passages of such a "
      "frame left out of pairs that share a story beside it (%llu more cut "
      "back to the story)",
      static_cast<unsigned long long>(s.seeds),
      static_cast<unsigned long long>(s.suppressed_df), s.max_df,
      static_cast<unsigned long long>(s.suppressed_outlet),
      static_cast<unsigned long long>(s.suppressed_shared),
      static_cast<unsigned long long>(s.carried),
      static_cast<unsigned long long>(s.carried_docs),
      static_cast<unsigned long long>(s.candidates),
      static_cast<unsigned long long>(s.aligned),
      static_cast<unsigned long long>(s.pairs),
      static_cast<unsigned long long>(s.heavy_rewrites),
      static_cast<unsigned long long>(s.frame_pairs),
      static_cast<unsigned long long>(s.frame_passages),
      static_cast<unsigned long long>(s.frame_cuts)));

  // One warning, for the long passage over the cap in the most documents.
  for (const SuppressedExample& e : result->suppressed) {
    if (e.kind == SuppressedExample::kOverMaxDf &&
        e.words >= kLongSuppressedWords) {
      const std::string except =
          e.carried == 0
              ? ""
              : absl::StrFormat(", except among the %u of them made mostly "
                                "of such text (copies of one widely carried "
                                "text, paired with each other)",
                                e.carried);
      console.Warning(absl::StrFormat(
          "a passage of %u words (e.g. %s, bytes %u-%u) is in %u documents, "
          "over the document-frequency cap %u: it counts as boilerplate, never "
          "as reuse%s. If it is a story they all carry (not a licence or a "
          "template), raise --max-df above %u, or find who reuses one copy "
          "with --source",
          e.words, PrintableName(result->docs[e.doc].id), e.bytes.begin,
          e.bytes.end,
          e.documents, s.max_df, except, e.documents));
      break;
    }
  }
  for (const SuppressedExample& e : result->suppressed) {
    if (e.kind == SuppressedExample::kFrame) {
      console.Info(absl::StrFormat(
          "a site's frame, shared by documents of no known outlet: %llu "
          "pairs left out (one document shares it with %u others); e.g. %s, "
          "bytes %u-%u: \"%s\"",
          static_cast<unsigned long long>(s.frame_pairs), e.documents - 1,
          PrintableName(result->docs[e.doc].id), e.bytes.begin, e.bytes.end,
          OneLineExcerpt(e.text, 150)));
      continue;
    }
    console.Info(absl::StrFormat(
        "%s: %llu fingerprints (the most widespread in %u documents); e.g. %s, bytes %u-%u: "
        "\"%s\"",
        e.kind != SuppressedExample::kOutlet
            ? absl::StrCat("over the document-frequency cap ", s.max_df)
        : e.outlets > 1
            ? absl::StrCat("outlet furniture of ", PrintableName(e.source),
                           " (some shared by ",
                           e.outlets,
                           " outlets, each repeating it on its own pages)")
            : absl::StrCat("outlet furniture of ", PrintableName(e.source)),
        static_cast<unsigned long long>(e.fingerprints), e.documents,
        PrintableName(result->docs[e.doc].id), e.bytes.begin, e.bytes.end,
        OneLineExcerpt(e.text, 150)));
  }
  console.Info(absl::StrFormat(
      "time: read+sketch %.3f s, candidates %.3f s, re-read+prepare %.3f s, "
      "align %.3f s, pairs+clusters %.3f s",
      s.sketch_seconds, s.candidate_seconds, s.fetch_seconds, s.align_seconds,
      s.finish_seconds));
  const auto write_start = std::chrono::steady_clock::now();
  const int workers = o.threads > 0 ? o.threads : internal::HardwareThreads();
  bool ok;
  if (format == "jsonl") {
    ok = WriteJsonl(*result, workers, stdout);
  } else {
    ok = WriteRendered(*result, reader->store(),
                       format == "html" ? Style::kHtml : Style::kText,
                       color && format == "text", workers, &console);
  }
  if (!ok || std::fflush(stdout) != 0) {
    if (errno == EPIPE) return kExitSuccess;
    console.Error("stdout: write failed");
  }
  console.Info(absl::StrFormat(
      "time: writing %s %.3f s", format == "jsonl" ? "JSON Lines" : format,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start)
          .count()));
  if (console.errors() > 0 || result->stats.errors > 0) return kExitError;
  if (args->Has("fail-on-duplicates") && !result->pairs.empty()) {
    return kExitFound;
  }
  return kExitSuccess;
}

}  // namespace cli
}  // namespace reprint
