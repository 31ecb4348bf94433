// `reprint dedupe`: document-level near-duplicate clusters.

#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "reprint/dedupe.h"
#include "src/cli/commands.h"
#include "src/cli/common.h"
#include "src/util/json_writer.h"

namespace reprint {
namespace cli {
namespace {

using internal::JsonObject;

std::vector<FlagSpec> DedupeFlags() {
  const std::string m = "Matching";
  const std::string o = "Output";
  std::vector<FlagSpec> specs = {
      {"threshold", "J", "Jaccard of shingle sets at or above which two documents are duplicates (default 0.7)", m},
      {"containment", "C", "share of the shorter document's shingles inside the longer one at or above which it is a duplicate, e.g. a trimmed copy (default 0.9; 0 turns it off)", m},
      {"shingle-k", "K", "words per shingle (default 5)", m},
      {"num-perm", "N", "MinHash slots, a power of two (default 128)", m},
      {"lsh-threshold", "J", "Jaccard the LSH banding is tuned for (default: min(threshold, 0.5) with containment on)", m},
      {"seed", "S", "MinHash seed (default 1592614381)", m},
      {"keep", "POLICY", "which member of a cluster survives: first (input order), longest, earliest (by date field, or a saved mail's Date) (default first)", o},
      {"format", "FMT", "text (default) or jsonl", o},
      {"drop-list", "FILE", "write the ids to drop, each with the id it duplicates (tab-separated)", o},
      {"write-deduped", "FILE", "write the collection without the dropped documents as JSON Lines", o},
      {"fail-on-duplicates", "", "exit 1 when any duplicate is found", o},
  };
  for (auto& f : CommonFlags()) specs.push_back(f);
  return specs;
}

const char kUsage[] =
    "reprint dedupe: find near-duplicate documents and cluster them\n"
    "\n"
    "Usage: reprint dedupe [FLAGS] PATH... \n"
    "\n"
    "PATH is a file (one document), a directory (walked recursively, sorted),\n"
    "a JSON Lines file (.jsonl/.ndjson: one {\"id\",\"text\"} object a line), or\n"
    "- for standard input. Documents are shingled into overlapping word\n"
    "k-grams, sketched with MinHash, bucketed by LSH, and every candidate pair\n"
    "is verified by exact Jaccard and containment before it counts. Words\n"
    "are compared without case, accents, punctuation, HTML markup or mail\n"
    "headers (a saved message's fields but its subject).\n"
    "\n"
    "Examples:\n"
    "  reprint dedupe crawl/                       clusters, readable\n"
    "  reprint dedupe --format jsonl docs.jsonl    clusters and pairs as JSON Lines\n"
    "  reprint dedupe --keep longest --drop-list drop.tsv --write-deduped clean.jsonl docs.jsonl\n"
    "\n"
    "Exit codes: 0 success, 1 duplicates found with --fail-on-duplicates,\n"
    "2 an error occurred (bad input included; the run goes on where it can).\n";

absl::StatusOr<DedupeOptions> OptionsFrom(const ParsedArgs& args) {
  DedupeOptions o;
  auto threshold = args.GetDouble("threshold", o.threshold, 0.01, 1.0);
  if (!threshold.ok()) return threshold.status();
  o.threshold = *threshold;
  auto containment = args.GetDouble("containment", o.containment, 0.0, 1.0);
  if (!containment.ok()) return containment.status();
  o.containment = *containment;
  auto lsh = args.GetDouble("lsh-threshold", 0.0, 0.0, 0.99);
  if (!lsh.ok()) return lsh.status();
  o.lsh_threshold = *lsh;
  auto k = args.GetInt("shingle-k", o.minhash.shingle_k, 1, 32);
  if (!k.ok()) return k.status();
  o.minhash.shingle_k = static_cast<uint32_t>(*k);
  auto perm = args.GetInt("num-perm", o.minhash.num_perm, 8, 4096);
  if (!perm.ok()) return perm.status();
  o.minhash.num_perm = static_cast<uint32_t>(*perm);
  auto seed = args.GetInt("seed", static_cast<long>(o.minhash.seed), 0,
                          (1L << 62));
  if (!seed.ok()) return seed.status();
  o.minhash.seed = static_cast<uint64_t>(*seed);
  absl::Status st = o.minhash.Validate();
  if (!st.ok()) return st;
  std::string keep = args.Get("keep", "first");
  if (keep == "first") {
    o.keep = KeepPolicy::kFirst;
  } else if (keep == "longest") {
    o.keep = KeepPolicy::kLongest;
  } else if (keep == "earliest") {
    o.keep = KeepPolicy::kEarliest;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "--keep: expected first, longest or earliest, got \"", keep, "\""));
  }
  auto threads = ThreadsFrom(args);
  if (!threads.ok()) return threads.status();
  o.threads = *threads;
  return o;
}

std::string FormatText(const DedupeResult& r) {
  std::string out;
  // Pairs by cluster: map each document to its cluster number.
  absl::flat_hash_map<DocIndex, size_t> cluster_of;
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    for (DocIndex d : r.clusters[c].members) cluster_of[d] = c;
  }
  std::vector<std::vector<const DedupePair*>> pairs_of(r.clusters.size());
  for (const auto& p : r.pairs) pairs_of[cluster_of[p.a]].push_back(&p);
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    const DedupeCluster& cl = r.clusters[c];
    absl::StrAppend(&out, "cluster ", c + 1, ": ", cl.members.size(),
                    " documents, keep ", PrintableName(r.docs[cl.keep].id),
                    "\n");
    for (DocIndex d : cl.members) {
      absl::StrAppend(&out, d == cl.keep ? "  keep  " : "  drop  ",
                      PrintableName(r.docs[d].id), "\n");
    }
    for (const DedupePair* p : pairs_of[c]) {
      absl::StrAppend(
          &out,
          absl::StrFormat("    %s ~ %s: jaccard %.3f, containment %.3f / %.3f\n",
                          PrintableName(r.docs[p->a].id),
                          PrintableName(r.docs[p->b].id),
                          p->overlap.jaccard(), p->overlap.containment_a(),
                          p->overlap.containment_b()));
    }
    out.push_back('\n');
  }
  absl::StrAppend(&out, r.stats.documents,
                  r.stats.documents == 1 ? " document read, " : " documents read, ",
                  r.stats.skipped, " skipped; ", r.clusters.size(),
                  r.clusters.size() == 1 ? " cluster, " : " clusters, ",
                  r.stats.duplicates, " to drop, ", r.pairs.size(),
                  r.pairs.size() == 1 ? " pair\n" : " pairs\n");
  return out;
}

bool WriteJsonl(const DedupeResult& r, FILE* f) {
  ChunkedWriter writer(f);
  std::string& out = *writer.buffer();
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    const DedupeCluster& cl = r.clusters[c];
    std::string members = JsonIdArray(cl.members, r.docs);
    JsonObject(&out)
        .Str("type", "cluster")
        .Int("id", static_cast<int64_t>(c + 1))
        .Raw("members", members)
        .Str("keep", r.docs[cl.keep].id)
        .End();
    out.push_back('\n');
    if (!writer.Step()) return false;
  }
  for (const auto& p : r.pairs) {
    JsonObject(&out)
        .Str("type", "pair")
        .Str("a", r.docs[p.a].id)
        .Str("b", r.docs[p.b].id)
        .Num("jaccard", p.overlap.jaccard())
        .Num("containment_a", p.overlap.containment_a())
        .Num("containment_b", p.overlap.containment_b())
        .Int("shared_shingles", static_cast<int64_t>(p.overlap.intersection))
        .End();
    out.push_back('\n');
    if (!writer.Step()) return false;
  }
  JsonObject(&out)
      .Str("type", "summary")
      .Str("command", "dedupe")
      .Int("schema", 1)
      .Int("documents", static_cast<int64_t>(r.stats.documents))
      .Int("skipped", static_cast<int64_t>(r.stats.skipped))
      .Int("errors", static_cast<int64_t>(r.stats.errors))
      .Int("bytes", static_cast<int64_t>(r.stats.bytes))
      .Int("candidates", static_cast<int64_t>(r.stats.candidates))
      .Int("pairs", static_cast<int64_t>(r.stats.pairs))
      .Int("clusters", static_cast<int64_t>(r.stats.clusters))
      .Int("duplicates", static_cast<int64_t>(r.stats.duplicates))
      .Num("seconds", r.stats.seconds)
      .End();
  out.push_back('\n');
  return writer.Finish();
}

// The id each dropped document duplicates: its cluster's survivor.
std::vector<std::pair<DocIndex, DocIndex>> DropList(const DedupeResult& r) {
  std::vector<std::pair<DocIndex, DocIndex>> drops;
  for (const auto& c : r.clusters) {
    for (DocIndex d : c.members) {
      if (d != c.keep) drops.emplace_back(d, c.keep);
    }
  }
  std::sort(drops.begin(), drops.end());
  return drops;
}

absl::Status WriteDeduped(const std::string& path, const DedupeResult& r,
                          const TextStore& store, Console* console) {
  auto file = OpenOutput(path);
  if (!file.ok()) return file.status();
  std::vector<bool> dropped(r.docs.size(), false);
  for (const auto& d : DropList(r)) dropped[d.first] = true;
  std::string text, line;
  for (DocIndex d = 0; d < r.docs.size(); ++d) {
    if (dropped[d]) continue;
    const DocumentInfo& info = r.docs[d];
    absl::Status st = store.Fetch(info.origin, &text);
    if (!st.ok()) {
      console->Error(std::string(st.message()));
      continue;
    }
    line.clear();
    JsonObject obj(&line);
    obj.Str("id", info.id).Str("text", text);
    if (!info.source.empty()) obj.Str("source", info.source);
    if (!info.date.empty()) obj.Str("date", info.date);
    obj.End();
    if (obj.lossy()) {
      console->Warning(absl::StrCat(path, ": document ", info.id,
                                    ": bytes that are not UTF-8 written as "
                                    "their Windows-1252 characters"));
    }
    line.push_back('\n');
    if (!WriteAll(file->get(), line)) {
      return absl::DataLossError(absl::StrCat(path, ": write failed"));
    }
  }
  if (std::fflush(file->get()) != 0) {
    return absl::DataLossError(absl::StrCat(path, ": write failed"));
  }
  return absl::OkStatus();
}

}  // namespace

int RunDedupeCommand(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = DedupeFlags();
  int code = kExitSuccess;
  std::optional<ParsedArgs> args =
      ParseCommandLine("dedupe", kUsage, specs, argv, &code);
  if (!args) return code;
  auto options = OptionsFrom(*args);
  if (!options.ok()) return UsageError("dedupe", std::string(options.status().message()));
  auto format = FormatFrom(*args);
  if (!format.ok()) return UsageError("dedupe", std::string(format.status().message()));
  Console console(args->Has("verbose"), args->Has("quiet"));
  std::unique_ptr<DocumentReader> reader =
      OpenInputs(args->positional, IngestOptionsFrom(*args), &console);
  if (reader == nullptr) return kExitError;
#ifdef M_ARENA_MAX
  // Dedupe's threads allocate little of their own; two malloc arenas
  // instead of one per thread keep 22 MB less resident on the 138 MB
  // benchmark corpus at the same speed (report, whose alignment threads
  // allocate constantly, is slower with fewer arenas and keeps the default).
  mallopt(M_ARENA_MAX, 2);
#endif
  auto result = RunDedupe(reader.get(), *options, console.Progress());
  console.EndProgress();
  if (!result.ok()) {
    console.Error(std::string(result.status().message()));
    return kExitError;
  }
  for (const auto& e : result->errors) console.Error(e);
  const Banding& b = result->stats.banding;
  console.Info(absl::StrFormat(
      "LSH: %u slots as %u bands x %u rows (false positive mass %.4f, false "
      "negative mass %.4f); %llu candidate pairs, %llu verified",
      options->minhash.num_perm, b.bands, b.rows, b.false_positive,
      b.false_negative, static_cast<unsigned long long>(result->stats.candidates),
      static_cast<unsigned long long>(result->stats.pairs)));
  console.Info(absl::StrFormat(
      "texts: %llu documents repeat an earlier one's text exactly; %llu read "
      "again for verification",
      static_cast<unsigned long long>(result->stats.exact_copies),
      static_cast<unsigned long long>(result->stats.reread)));

  console.Info(absl::StrFormat(
      "time: read+sketch %.3f s, candidates %.3f s, re-read+shingle %.3f s, "
      "verify+cluster %.3f s",
      result->stats.sketch_seconds, result->stats.candidate_seconds,
      result->stats.fetch_seconds, result->stats.verify_seconds));
  bool written = *format == "jsonl" ? WriteJsonl(*result, stdout)
                                     : WriteAll(stdout, FormatText(*result));
  if (!written || std::fflush(stdout) != 0) {
    if (errno == EPIPE) return kExitSuccess;
    console.Error("stdout: write failed");
  }
  if (args->Has("drop-list")) {
    std::string path = args->Get("drop-list", "");
    auto file = OpenOutput(path);
    if (!file.ok()) {
      console.Error(std::string(file.status().message()));
    } else {
      std::string list;
      for (const auto& d : DropList(*result)) {
        absl::StrAppend(&list, result->docs[d.first].id, "\t",
                        result->docs[d.second].id, "\n");
      }
      if (!WriteAll(file->get(), list)) console.Error(path + ": write failed");
    }
  }
  if (args->Has("write-deduped")) {
    absl::Status st = WriteDeduped(args->Get("write-deduped", ""), *result,
                                   reader->store(), &console);
    if (!st.ok()) console.Error(std::string(st.message()));
  }
  if (console.errors() > 0 || result->stats.errors > 0) return kExitError;
  if (args->Has("fail-on-duplicates") && !result->clusters.empty()) {
    return kExitFound;
  }
  return kExitSuccess;
}

}  // namespace cli
}  // namespace reprint
