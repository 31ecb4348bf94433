// Whole-program tests: run the reprint binary on fixtures and check its
// output, its messages and its exit code.

#include <algorithm>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <regex>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Result {
  int code = -1;
  std::string out, err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/reprint_cli_" + std::to_string(getpid()) +
         "_" + name;
}

// Runs `reprint ARGS` from the source directory (so fixture paths are
// relative, as a user would type them); `stdin_file` feeds standard input.
Result RunReprint(const std::string& args, const std::string& stdin_file = "") {
  std::string out = TempPath("out"), err = TempPath("err");
  std::string cmd = std::string("cd '") + REPRINT_SOURCE_DIR + "' && NO_COLOR=1 '" +
                    REPRINT_BINARY + "' " + args + " >'" + out + "' 2>'" + err +
                    "'" + (stdin_file.empty() ? " </dev/null" : " <'" + stdin_file + "'");
  int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

std::string Golden(const std::string& name) {
  return ReadFile(std::string(REPRINT_SOURCE_DIR) + "/fixtures/golden/" + name);
}

size_t Occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t f = s.find(what); f != std::string::npos; f = s.find(what, f + 1)) ++n;
  return n;
}

// `n` distinct words, each followed by a space: stem0 stem1 ...
std::string Words(const std::string& stem, int n) {
  std::string text;
  for (int w = 0; w < n; ++w) text += stem + std::to_string(w) + " ";
  return text;
}

// The "pair" records of JSON Lines output.
std::vector<std::string> PairLines(const std::string& out) {
  std::vector<std::string> pairs;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"type\":\"pair\"") != std::string::npos) pairs.push_back(line);
  }
  return pairs;
}

// The path of fixture `name` (under fixtures/).
std::string Fixture(const std::string& name) {
  return std::string(REPRINT_SOURCE_DIR) + "/fixtures/" + name;
}

// Writes the lines of file `from` to `out`, each with its first `field`
// replaced by edit(n) (n counts lines from 1), or unchanged where it has
// no such field.
void RewriteLines(const std::string& from, const std::string& out,
                  const std::string& field,
                  const std::function<std::string(int)>& edit) {
  std::istringstream fixture(ReadFile(from));
  std::ofstream to(out);
  std::string line;
  for (int n = 1; std::getline(fixture, line); ++n) {
    const size_t at = line.find(field);
    if (at != std::string::npos) line.replace(at, field.size(), edit(n));
    to << line << "\n";
  }
}

// Timing varies from run to run; golden files hold 0 there.
std::string StripSeconds(const std::string& s) {
  return std::regex_replace(s, std::regex("\"seconds\":[0-9.e-]+"),
                            "\"seconds\":0");
}

// --- golden outputs ---------------------------------------------------------

TEST(Golden, DedupeSeedsAndNearDuplicatesText) {
  Result r = RunReprint("dedupe --threads 2 fixtures/seeds fixtures/near");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("dedupe_seeds.txt"));
}

TEST(Golden, DedupeSeedsAndNearDuplicatesJsonl) {
  Result r = RunReprint("dedupe --format jsonl fixtures/seeds fixtures/near");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(StripSeconds(r.out), Golden("dedupe_seeds.jsonl"));
}

TEST(Golden, ReportSeedsText) {
  Result r = RunReprint("report fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("report_seeds.txt"));
}

TEST(Golden, ReportSeedsJsonl) {
  Result r = RunReprint("report --format jsonl fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(StripSeconds(r.out), Golden("report_seeds.jsonl"));
}

TEST(Golden, ReportSeedsHtml) {
  Result r = RunReprint("report --format html fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, Golden("report_seeds.html"));
}

// --- what the outputs must say, independent of the golden files -----------

TEST(Dedupe, SeedArticlesAloneFormNoCluster) {
  Result r = RunReprint("dedupe --format jsonl fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("\"type\":\"cluster\"")));
  EXPECT_THAT(r.out, HasSubstr("\"documents\":5"));
}

TEST(Dedupe, EachVariantPairsWithItsSeed) {
  Result r = RunReprint("dedupe --format jsonl fixtures/seeds fixtures/near");
  EXPECT_THAT(r.out, HasSubstr("\"members\":[\"fixtures/seeds/001_huffpost_met_armed_patrols_2018.txt\",\"fixtures/near/001_huffpost_recrawl_other_furniture.txt\"]"));
  EXPECT_THAT(r.out, HasSubstr("\"members\":[\"fixtures/seeds/002_business_standard_wire_2018.txt\",\"fixtures/near/002_business_standard_trimmed.txt\"]"));
  EXPECT_THAT(r.out, HasSubstr("\"members\":[\"fixtures/seeds/003_met_federation_survey_2016.txt\",\"fixtures/near/003_federation_survey_typography.txt\"]"));
}

TEST(Dedupe, OutputIsTheSameForAnyThreadCount) {
  Result one = RunReprint("dedupe --format jsonl --threads 1 fixtures/seeds fixtures/near fixtures/outlet");
  Result four = RunReprint("dedupe --format jsonl --threads 4 fixtures/seeds fixtures/near fixtures/outlet");
  EXPECT_EQ(StripSeconds(one.out), StripSeconds(four.out));
}

TEST(Dedupe, DropListAndDedupedJsonl) {
  std::string drop = TempPath("drop.tsv"), clean = TempPath("clean.jsonl");
  Result r = RunReprint("dedupe --keep longest --drop-list '" + drop +
                 "' --write-deduped '" + clean + "' fixtures/seeds fixtures/near");
  EXPECT_EQ(r.code, 0) << r.err;
  std::string list = ReadFile(drop);
  // The trimmed copy is shorter than its seed, so it is the one dropped.
  EXPECT_THAT(list, HasSubstr("fixtures/near/002_business_standard_trimmed.txt\t"
                              "fixtures/seeds/002_business_standard_wire_2018.txt\n"));
  std::string deduped = ReadFile(clean);
  EXPECT_EQ(std::count(deduped.begin(), deduped.end(), '\n'), 5);
  EXPECT_THAT(deduped, Not(HasSubstr("002_business_standard_trimmed")));
  std::remove(drop.c_str());
  std::remove(clean.c_str());
}

TEST(Dedupe, KeepEarliestUsesDates) {
  std::string in = TempPath("dated.jsonl");
  std::ofstream(in) << "{\"id\":\"late\",\"date\":\"2024-05-02\",\"text\":\"one two three four five six seven eight nine ten eleven twelve\"}\n"
                    << "{\"id\":\"early\",\"date\":\"2024-05-01\",\"text\":\"one two three four five six seven eight nine ten eleven twelve\"}\n";
  Result r = RunReprint("dedupe --format jsonl --keep earliest '" + in + "'");
  EXPECT_THAT(r.out, HasSubstr("\"keep\":\"early\""));
  std::remove(in.c_str());
}

TEST(Report, TheSourceIsTheEarlierInstantAcrossZonesAndFormats) {
  // 10:00+01:00 is 09:00Z, before 09:30Z (string order says otherwise);
  // an RFC 2822 date is read, and one written out as a page shows it (09:50Z
  // here); an unreadable date warns and counts as none.
  const std::string story =
      "the harbour authority said on tuesday that the new ferry terminal would "
      "open next spring after two years of delays caused by flooding and a "
      "shortage of steel, and that fares would stay the same for a year";
  std::string in = TempPath("zones.jsonl");
  std::ofstream(in)
      << "{\"id\":\"utc\",\"date\":\"2018-06-05T09:30:00Z\",\"text\":\"Reported: " << story << "\"}\n"
      << "{\"id\":\"paris\",\"date\":\"2018-06-05T10:00:00+01:00\",\"text\":\"Wire: " << story << "\"}\n"
      << "{\"id\":\"rss\",\"date\":\"Tue, 05 Jun 2018 05:45:00 EDT\",\"text\":\"Feed: " << story << "\"}\n"
      << "{\"id\":\"odd\",\"date\":\"June 5th\",\"text\":\"Blog: " << story << "\"}\n"
      << "{\"id\":\"page\",\"date\":\"June 5, 2018 at 5:50 a.m. EDT\",\"text\":\"Page: "
      << story << "\"}\n";
  Result r = RunReprint("report --format jsonl '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(":4: field \"date\" \"June 5th\" is not a date read "
                               "(ISO 8601, RFC 2822, \"June 5, 2018\" or Unix time): "
                               "the document counts as undated"));
  EXPECT_THAT(r.out, HasSubstr("\"type\":\"cluster\",\"id\":1,\"members\":"));
  EXPECT_THAT(r.out, HasSubstr("\"source\":\"paris\"}"));  // the cluster's
  const std::vector<std::string> pairs = PairLines(r.out);
  for (const std::string& line : pairs) {
    const bool has_paris = line.find("\"paris\"") != std::string::npos;
    const bool has_odd = line.find("\"odd\"") != std::string::npos;
    if (has_odd) {  // no direction without two dates
      EXPECT_THAT(line, HasSubstr("\"source\":null")) << line;
    } else if (has_paris) {
      EXPECT_THAT(line, HasSubstr("\"source\":\"paris\"")) << line;
    } else if (line.find("\"utc\"") != std::string::npos) {
      // 09:30Z before rss (09:45Z) and page (09:50Z)
      EXPECT_THAT(line, HasSubstr("\"source\":\"utc\"")) << line;
    } else {  // rss and page
      EXPECT_THAT(line, HasSubstr("\"source\":\"rss\"")) << line;
    }
  }
  EXPECT_EQ(pairs.size(), 10u);
  std::remove(in.c_str());
}

TEST(Dedupe, FailOnDuplicatesExitsOne) {
  EXPECT_EQ(RunReprint("dedupe --fail-on-duplicates fixtures/seeds fixtures/near").code, 1);
  EXPECT_EQ(RunReprint("dedupe --fail-on-duplicates fixtures/seeds").code, 0);
}

TEST(Report, SeedsFormOneClusterOfTheSyndicatedStory) {
  Result r = RunReprint("report --format jsonl fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("{\"type\":\"cluster\",\"id\":1,\"members\":["
                               "\"fixtures/seeds/001_huffpost_met_armed_patrols_2018.txt\","
                               "\"fixtures/seeds/002_business_standard_wire_2018.txt\","
                               "\"fixtures/seeds/004_spun_rewrite_2018.txt\"]"));
  EXPECT_THAT(r.out, Not(HasSubstr("\"id\":2")));
  EXPECT_THAT(r.out, Not(HasSubstr("000_met_handguns")));
  EXPECT_THAT(r.out, Not(HasSubstr("003_met_federation")));
}

TEST(Report, HousesStatementIsSharedVerbatimAndTheSpunWordsShowInTheDiff) {
  Result r = RunReprint("report fixtures/seeds");
  EXPECT_THAT(r.out, HasSubstr("we are examining how our armed officers can provide extra support"));
  EXPECT_THAT(r.out, HasSubstr("rewritten"));
  EXPECT_THAT(r.out, HasSubstr("[-prevent-]{+hinder+}"));
  // Outlet furniture never appears inside a passage.
  EXPECT_THAT(r.out, Not(HasSubstr("What's Hot")));
  EXPECT_THAT(r.out, Not(HasSubstr("Related Articles")));
  EXPECT_THAT(r.out, Not(HasSubstr("subscription")));
}

TEST(Report, OutletFurnitureIsNotReuse) {
  Result r = RunReprint("report --format jsonl --verbose fixtures/outlet/outlet.jsonl");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("\"type\":\"pair\"")));
  EXPECT_THAT(r.err, HasSubstr("outlet furniture"));
  // --verbose shows what was suppressed, by example.
  EXPECT_THAT(r.err, HasSubstr("outlet furniture of harbourside-courier: "));
  EXPECT_THAT(r.err, HasSubstr("Registered office"));
  // All from one outlet: a warning says why nothing can count as reuse.
  EXPECT_THAT(r.err, HasSubstr("warning: every document is from outlet "
                               "\"harbourside-courier\""));
  Result kept = RunReprint("report --format jsonl --keep-outlet-furniture "
                           "fixtures/outlet/outlet.jsonl");
  EXPECT_THAT(kept.err, Not(HasSubstr("every document")));
  EXPECT_EQ(PairLines(kept.out).size(), 15u);
}

TEST(Report, OutletIsTheHostOfTheAddressWhenNoSourceIsGiven) {
  // The outlet fixture as a crawl records it: each page's address, no
  // outlet name, on one of the site's host names (its desktop, edition and
  // AMP pages). Its furniture is still the outlet's, not reuse.
  const std::string in = TempPath("crawl.jsonl");
  RewriteLines(Fixture("outlet/outlet.jsonl"), in,
               "\"source\": \"harbourside-courier\"", [](int n) {
                 const std::string hosts[] = {"www.", "edition.", "amp."};
                 return "\"url\": \"https://" + hosts[n % 3] +
                        "harbourside-courier.example/news/" + std::to_string(n) + "\"";
               });
  Result r = RunReprint("report --format jsonl --verbose '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(PairLines(r.out), ::testing::IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("outlet furniture of harbourside-courier.example: "));
  EXPECT_THAT(r.err, HasSubstr("outlets: 6 documents named by the site of their url"));
  // Told not to read addresses, the pages have no outlet; the header and
  // footer all six share around their stories are still the site's.
  Result unread =
      RunReprint("report --format jsonl --verbose --url-field '' '" + in + "'");
  EXPECT_EQ(unread.code, 0) << unread.err;
  EXPECT_THAT(PairLines(unread.out), ::testing::IsEmpty());
  EXPECT_THAT(unread.err,
              HasSubstr("15 pairs of documents with no known outlet left out"));
  // Shown by example, as other furniture is.
  EXPECT_THAT(
      unread.err,
      HasSubstr("a site's frame, shared by documents of no known outlet: "
                "15 pairs left out (one document shares it with 5 others)"));
  EXPECT_THAT(unread.err, HasSubstr("Registered office"));
  EXPECT_THAT(unread.out, HasSubstr("\"frame_pairs\":15"));
  Result kept = RunReprint(
      "report --format jsonl --keep-outlet-furniture --url-field '' '" + in +
      "'");
  EXPECT_EQ(PairLines(kept.out).size(), 15u);  // every pair of the six
  std::remove(in.c_str());
}

TEST(Report, OutletIsTheSiteOfAnIdThatIsAnAddress) {
  // Pages keyed by their address, with no source or url field.
  const std::string in = TempPath("keyed.jsonl");
  RewriteLines(Fixture("outlet/outlet.jsonl"), in,
               "\"source\": \"harbourside-courier\"",
               [](int) { return std::string("\"kind\": \"page\""); });
  const std::string keyed = TempPath("keyed-ids.jsonl");
  RewriteLines(in, keyed, "\"id\": \"courier-", [](int n) {
    return "\"id\": \"https://www.harbourside-courier.example/" + std::to_string(n) +
           "/courier-";
  });
  Result r = RunReprint("report --format jsonl --verbose '" + keyed + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(PairLines(r.out), ::testing::IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("outlets: 6 documents named by the site of their url"));
  // An id that is no address names no outlet, and the frame the six share
  // is what tells their furniture.
  EXPECT_THAT(PairLines(RunReprint("report --format jsonl '" + in + "'").out),
              ::testing::IsEmpty());
  EXPECT_EQ(
      PairLines(RunReprint("report --format jsonl --keep-outlet-furniture '" +
                           in + "'")
                    .out)
          .size(),
      15u);
  std::remove(in.c_str());
  std::remove(keyed.c_str());
}

TEST(Report, OutletFromTheFolderOfPlainFiles) {
  // Four pages of one site, saved as plain files in its folder: the same
  // masthead and footer around stories that share nothing.
  const std::string root = TempPath("site");
  const std::string folder = root + "/gazette";
  ASSERT_EQ(std::system(("mkdir -p '" + folder + "'").c_str()), 0);
  const std::string header =
      "THE TESTVILLE GAZETTE | News | Sport | Weather | Letters | Puzzles\n"
      "Advertisement\n\n";
  const std::string footer =
      "\n\nSupport independent local reporting in Testville and the valley by "
      "taking out a subscription today for less than the price of a coffee a "
      "week. You may also like: Council approves the new bridge budget; Rovers "
      "sign a goalkeeper from the coast; Weekend markets return to the square. "
      "Copyright Testville Gazette Limited, all rights reserved.\n";
  for (int page = 0; page < 4; ++page) {
    std::string story;
    for (int word = 0; word < 80; ++word) {
      story += "page" + std::to_string(page) + "word" + std::to_string(word) + " ";
    }
    std::ofstream(folder + "/" + std::to_string(page) + ".txt") << header << story << footer;
  }
  Result plain = RunReprint("report --format jsonl '" + root + "'");
  EXPECT_EQ(plain.code, 0) << plain.err;
  // Every pair shares the footer: the ten-word masthead is too short to
  // be a passage, so no header and footer frame tells the site's pages.
  EXPECT_EQ(PairLines(plain.out).size(), 6u);
  // A second site's page, with none of that furniture.
  std::ofstream(root + "/wire.txt") << "A wire story of its own, with words of its own.\n";
  Result r = RunReprint("report --format jsonl --verbose --outlet-from-dir '" + root + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(PairLines(r.out), ::testing::IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("outlet furniture of gazette: "));
  EXPECT_THAT(r.err, HasSubstr("outlets: 0 documents named by the site of their url, 5 by their folder"));
  EXPECT_THAT(r.err, Not(HasSubstr("every document")));
  ASSERT_EQ(std::system(("rm -rf '" + root + "'").c_str()), 0);
}

TEST(Report, StoryCarriedByMoreDocumentsThanTheCapStaysReuse) {
  // One 150-word story carried by 70 documents, over the cap of max(50,
  // 2 sqrt(70)) = 50. In d0-d59 it is most of the text (20 words of their
  // own on each side): copies of the story. In d60-d69 it is a minor part
  // (200 words of their own on each side, and a word in 15 reworded), as
  // a phrase all documents share would be. d0, the wire story, is dated
  // first.
  const std::string in = TempPath("wide.jsonl");
  {
    std::ofstream out(in);
    const std::string story = Words("storyword", 150);
    for (int d = 0; d < 70; ++d) {
      const std::string own = Words("doc" + std::to_string(d) + "word", d < 60 ? 20 : 200);
      // d60-d69 reword every 15th word of the story, which breaks the
      // stretch over the cap there into pieces of 10 to 15 words.
      std::string quoted;
      for (int w = 0; w < 150; ++w) {
        quoted += (d >= 60 && w % 15 == 7 ? "reworded" + std::to_string(d) + "x"
                                         : "storyword") +
                  std::to_string(w) + " ";
      }
      out << "{\"id\":\"d" << d << "\",\"source\":\""
          << (d == 0 ? std::string("wire") : "outlet" + std::to_string(d))
          << "\",\"date\":\"2024-03-0" << (d == 0 ? 1 : 2)
          << "\",\"text\":\"" << own << (d < 60 ? story : quoted) << own << "\"}\n";
    }
  }
  auto id_of = [](const std::string& line, const std::string& field) {
    const std::string key = "\"" + field + "\":\"d";
    const size_t at = line.find(key) + key.size();
    return std::stoi(line.substr(at, line.find('"', at) - at));
  };
  Result capped = RunReprint("report --format jsonl --verbose '" + in + "'");
  EXPECT_EQ(capped.code, 0) << capped.err;
  // The copies pair (each with the hubs of the group: d0, the earliest,
  // among them); the documents that only quote the story among much of
  // their own do not.
  const std::vector<std::string> copies = PairLines(capped.out);
  EXPECT_GE(copies.size(), 59u);
  std::set<int> with_d0;
  for (const std::string& line : copies) {
    const int a = id_of(line, "a"), b = id_of(line, "b");
    EXPECT_LT(a, 60) << line;
    EXPECT_LT(b, 60) << line;
    if (a == 0) with_d0.insert(b);
    if (b == 0) with_d0.insert(a);
  }
  EXPECT_EQ(with_d0.size(), 59u);
  EXPECT_THAT(capped.out, HasSubstr("\"carried_documents\":60"));
  EXPECT_THAT(capped.err, HasSubstr("kept among 60 widely carried documents"));
  EXPECT_THAT(capped.err, ::testing::ContainsRegex(
                              "warning: a passage of 1[0-9][0-9] words \\(e.g. d60, bytes "
                              "[0-9]+-[0-9]+\\) is in 70 documents, over the "
                              "document-frequency cap 50: it counts as boilerplate, "
                              "never as reuse, except among the 60 of them"));
  EXPECT_THAT(capped.err, HasSubstr("raise --max-df above 70"));
  // As the warning says: above the cap, the story is reuse everywhere.
  Result raised = RunReprint("report --format jsonl --max-df 100 '" + in + "'");
  EXPECT_EQ(raised.code, 0) << raised.err;
  EXPECT_GE(PairLines(raised.out).size(), 69u);
  EXPECT_THAT(raised.err, Not(HasSubstr("warning")));
  // Asked which documents reuse the agency's stories, every copy pairs
  // with d0, cap or no cap.
  Result feed = RunReprint("report --format jsonl --source-outlet wire '" + in + "'");
  EXPECT_EQ(feed.code, 0) << feed.err;
  const std::vector<std::string> pairs = PairLines(feed.out);
  EXPECT_EQ(pairs.size(), 69u);
  for (const std::string& line : pairs) {
    EXPECT_THAT(line, HasSubstr("\"source\":\"d0\""));
  }
  std::remove(in.c_str());
}

TEST(Report, StoryCarriedInsideLongOutletFurnitureStaysReuse) {
  // A 300-word story carried by 60 outlets, each page of which wraps it in
  // 500 words of its outlet's header and footer, as that outlet's own
  // article is wrapped: the story is a third of each copy's text, but all
  // of what is not furniture, so the copies are copies of it.
  const std::string in = TempPath("furniture.jsonl");
  {
    std::ofstream out(in);
    const std::string story = Words("storyword", 300);
    out << "{\"id\":\"wire\",\"source\":\"wire\",\"date\":\"2024-03-01\","
        << "\"text\":\"" << story << "\"}\n";
    for (int o = 0; o < 60; ++o) {
      const std::string outlet = "outlet" + std::to_string(o);
      const std::string head = Words(outlet + "nav", 250);
      const std::string foot = Words(outlet + "foot", 250);
      out << "{\"id\":\"copy" << o << "\",\"source\":\"" << outlet
          << "\",\"date\":\"2024-03-02\",\"text\":\"" << head << story << foot
          << "\"}\n";
      out << "{\"id\":\"own" << o << "\",\"source\":\"" << outlet
          << "\",\"date\":\"2024-03-02\",\"text\":\"" << head
          << Words(outlet + "article", 300) << foot << "\"}\n";
    }
  }
  Result r = RunReprint("report --format jsonl '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> pairs = PairLines(r.out);
  size_t with_wire = 0;
  for (const std::string& line : pairs) {
    EXPECT_THAT(line, Not(HasSubstr("\"own")));  // furniture is not reuse
    with_wire += line.find("\"wire\"") != std::string::npos;
  }
  EXPECT_EQ(with_wire, 60u);
  EXPECT_THAT(r.out, HasSubstr("\"carried_documents\":61"));
  std::remove(in.c_str());
}

TEST(Report, FurnitureSeveralOutletsRepeatIsNotReuse) {
  // Eight outlets of one network, four pages each: a header of the
  // outlet's own, an article, and the network's common footer. A wire
  // story is carried once by outlets 0-2, and twice by outlet 3 (a page
  // and its AMP copy); a second one by five editions of one portal. The
  // footer is each outlet's furniture, repeated on all its pages: never
  // reuse, though the outlets differ. The stories are.
  const std::string in = TempPath("network.jsonl");
  std::map<std::string, int> story_of = {{"wire/1", 1}, {"wire/2", 2}};
  {
    std::ofstream out(in);
    const std::string story[] = {"", Words("storyword", 200), Words("otherstory", 200)};
    out << "{\"id\":\"wire/1\",\"source\":\"wire\",\"text\":\"" << story[1] << "\"}\n"
        << "{\"id\":\"wire/2\",\"source\":\"wire\",\"text\":\"" << story[2] << "\"}\n";
    for (int edition = 0; edition < 5; ++edition) {
      const std::string id = "portal/" + std::to_string(edition);
      story_of[id] = 2;
      out << "{\"id\":\"" << id << "\",\"source\":\"portal\",\"text\":\""
          << Words("edition" + std::to_string(edition), 20) << story[2]
          << Words("portalfooter", 40) << "\"}\n";
    }
    const std::string footer = Words("networkfooter", 60);
    for (int o = 0; o < 8; ++o) {
      const std::string outlet = "outlet" + std::to_string(o);
      for (int page = 0; page < 4; ++page) {
        const std::string id = outlet + "/" + std::to_string(page);
        const bool carries = (o < 3 && page == 0) || (o == 3 && page < 2);
        if (carries) story_of[id] = 1;
        out << "{\"id\":\"" << id << "\",\"source\":\"" << outlet
            << "\",\"text\":\"" << Words(outlet + "header", 20)
            << (carries ? story[1] : Words(id + "article", 150)) << footer << "\"}\n";
      }
    }
  }
  Result r = RunReprint("report --format jsonl --verbose '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> pairs = PairLines(r.out);
  // Every pair of the six copies of each story, and nothing else.
  EXPECT_EQ(pairs.size(), 15u + 15u);
  const std::regex ids("\"a\":\"([^\"]+)\",\"b\":\"([^\"]+)\"");
  for (const std::string& line : pairs) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, ids)) << line;
    EXPECT_TRUE(story_of.count(m[1]) && story_of.count(m[2]) &&
                story_of[m[1]] == story_of[m[2]])
        << line;
  }
  EXPECT_THAT(r.err, HasSubstr("(some shared by 8 outlets, each repeating it on "
                               "its own pages)"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\"suppressed_shared\":[1-9]"));
  std::remove(in.c_str());
}

TEST(Report, ManyExactCopiesOverTheCapAllPairWithTheirSource) {
  // 150 identical copies of a 200-word text, the first dated earliest,
  // among 50 unrelated documents: each copy pairs with the first (and the
  // other hubs), through a few of the fingerprints they share.
  const std::string in = TempPath("copies.jsonl");
  {
    std::ofstream out(in);
    const std::string text = Words("copiedword", 200);
    for (int d = 0; d < 200; ++d) {
      out << "{\"id\":\"d" << d << "\",\"date\":\"2024-03-0" << (d == 0 ? 1 : 2)
          << "\",\"text\":\""
          << (d < 150 ? text : Words("doc" + std::to_string(d) + "word", 200))
          << "\"}\n";
    }
  }
  Result r = RunReprint("report --format jsonl '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> pairs = PairLines(r.out);
  size_t with_first = 0;
  for (const std::string& line : pairs) {
    with_first += line.find("\"source\":\"d0\"") != std::string::npos;
  }
  EXPECT_EQ(with_first, 149u);
  // Each copy pairs with the 8 hubs at most.
  EXPECT_LE(pairs.size(), 150u * 8);
  EXPECT_THAT(r.out, HasSubstr("\"carried_documents\":150"));
  std::remove(in.c_str());
}

TEST(Report, PhraseOverTheCapPairsNoDocuments) {
  // A 30-word notice in 60 otherwise unrelated documents of different
  // outlets, and two stubs that hold nothing else: over the cap, and too
  // short a text to make even the stubs copies of something carried.
  const std::string in = TempPath("notice.jsonl");
  {
    std::ofstream out(in);
    const std::string notice = Words("noticeword", 30);
    for (int d = 0; d < 62; ++d) {
      const std::string own = Words("doc" + std::to_string(d) + "word", d < 60 ? 150 : 0);
      out << "{\"id\":\"d" << d << "\",\"source\":\"outlet" << d
          << "\",\"text\":\"" << own << notice << "\"}\n";
    }
  }
  Result r = RunReprint("report --format jsonl --verbose '" + in + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(PairLines(r.out), ::testing::IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("\"carried_documents\":0"));
  EXPECT_THAT(r.err, ::testing::ContainsRegex("boilerplate suppressed: [1-9][0-9]* over"));
  std::remove(in.c_str());
}

TEST(Report, WireCopyModeReportsOnlyPairsWithTheSource) {
  Result r = RunReprint("report --format jsonl --source wire-original fixtures/syndication/wire.jsonl");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> pairs = PairLines(r.out);
  for (const std::string& line : pairs) {
    EXPECT_THAT(line, HasSubstr("\"source\":\"wire-original\""));
    // Each document's outlet, the source's among them.
    EXPECT_THAT(line, ::testing::ContainsRegex(
                          "\"outlet_a\":\"[a-z-]+\",\"outlet_b\":\"[a-z-]+\""));
    EXPECT_THAT(line, HasSubstr("\"wire-agency\""));
  }
  EXPECT_GE(pairs.size(), 3u);
}

TEST(Report, WireCopyModeForAWholeOutlet) {
  // The same question as --source wire-original, asked of the agency.
  Result r = RunReprint("report --format jsonl --source-outlet wire-agency fixtures/syndication/wire.jsonl");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> pairs = PairLines(r.out);
  EXPECT_EQ(pairs.size(), 3u);
  for (const std::string& line : pairs) {
    EXPECT_THAT(line, HasSubstr("\"source\":\"wire-original\""));
  }
  // The overview names the source each document reuses.
  Result text = RunReprint("report --source-outlet wire-agency fixtures/syndication/wire.jsonl");
  EXPECT_THAT(text.out, HasSubstr("documents reusing outlet wire-agency: 3\n"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex(
                            "  98%       82%  verbatim           lantern-verbatim "
                            "\\(daily-lantern, 2024-05-02\\) from wire-original "
                            "\\(wire-agency, 2024-05-01\\), pair [0-9]+\n"));
  Result page = RunReprint("report --format html --source-outlet wire-agency fixtures/syndication/wire.jsonl");
  EXPECT_THAT(page.out, HasSubstr("<h2>Documents reusing outlet wire-agency: 3</h2>"));
  EXPECT_THAT(page.out, HasSubstr("<tr><td>lantern-verbatim (daily-lantern, 2024-05-02)</td>"
                                  "<td>wire-original (wire-agency, 2024-05-01)</td>"));
  // Errors: an outlet no document has, and both modes at once.
  Result none = RunReprint("report --source-outlet nobody fixtures/syndication/wire.jsonl");
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("--source-outlet: no document of outlet \"nobody\""));
  Result both = RunReprint("report --source-outlet wire-agency --source wire-original "
                           "fixtures/syndication/wire.jsonl");
  EXPECT_EQ(both.code, 2);
  EXPECT_THAT(both.err, HasSubstr("cannot be used together"));
}

TEST(Report, WireCopyModeForAnOutletNamedByItsAddress) {
  // The agency's stories as a crawl records them: a page address, no
  // outlet name. Its host name, or a page's address, names its outlet.
  const std::string in = TempPath("agency.jsonl");
  RewriteLines(Fixture("syndication/wire.jsonl"), in, "\"source\": \"wire-agency\"",
               [](int) {
                 return std::string(
                     "\"url\": \"https://news.wire-agency.example/2024/ship\"");
               });
  for (const char* name : {"wire-agency.example", "www.wire-agency.example",
                           "https://wire-agency.example/about"}) {
    Result r = RunReprint("report --format jsonl --source-outlet '" +
                          std::string(name) + "' '" + in + "'");
    EXPECT_EQ(r.code, 0) << name << ": " << r.err;
    const std::vector<std::string> pairs = PairLines(r.out);
    EXPECT_EQ(pairs.size(), 3u) << name;
    for (const std::string& line : pairs) {
      EXPECT_THAT(line, HasSubstr("\"source\":\"wire-original\"")) << name;
    }
  }
  Result text = RunReprint("report --source-outlet www.wire-agency.example '" + in + "'");
  EXPECT_THAT(text.out, HasSubstr("documents reusing outlet wire-agency.example: 3\n"));
  // A site no document is from: both names are in the error.
  Result none = RunReprint("report --source-outlet www.nobody.example '" + in + "'");
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("--source-outlet: no document of outlet "
                                  "\"www.nobody.example\" or \"nobody.example\""));
  std::remove(in.c_str());
}

TEST(Report, WireCopyModeOpensWithTheDocumentsReusingTheSource) {
  // Text: one line per reusing document, the most of the source used first.
  Result r = RunReprint("report --source wire-original fixtures/syndication/wire.jsonl");
  EXPECT_EQ(r.code, 0) << r.err;
  const size_t at = r.out.find("documents reusing wire-original: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_LT(at, r.out.find("pair 1\n"));
  std::istringstream lines(r.out.substr(at));
  std::string line;
  std::getline(lines, line);
  const int count = std::stoi(line.substr(line.rfind(' ') + 1));
  EXPECT_GE(count, 3);
  std::getline(lines, line);
  EXPECT_THAT(line, HasSubstr("used  makes up  kind"));
  std::vector<int> used;
  while (std::getline(lines, line) && !line.empty()) {
    used.push_back(std::stoi(line));
    EXPECT_THAT(line, ::testing::ContainsRegex(
                          "%  +(verbatim|rewritten|rewritten heavily) +[a-z-]+ "
                          "\\([a-z-]+, [0-9-]+\\), pair [0-9]+$"));
  }
  EXPECT_EQ(static_cast<int>(used.size()), count);
  EXPECT_TRUE(std::is_sorted(used.rbegin(), used.rend())) << r.out;
  // Cluster members and pair headers name outlet and date.
  EXPECT_THAT(r.out, HasSubstr("\n  lantern-verbatim (daily-lantern, 2024-05-02)\n"));
  EXPECT_THAT(r.out, HasSubstr("\n  A wire-original (wire-agency, 2024-05-01)\n"));
  // The page: the same documents as a table of links to their pairs.
  Result page = RunReprint(
      "report --format html --source wire-original fixtures/syndication/wire.jsonl");
  EXPECT_EQ(page.code, 0) << page.err;
  const size_t table = page.out.find("<table class=\"reuse\">");
  ASSERT_NE(table, std::string::npos);
  const std::string rows =
      page.out.substr(table, page.out.find("</table>", table) - table);
  EXPECT_EQ(Occurrences(rows, "<a href=\"#pair-"), static_cast<size_t>(count));
  // Without --source there is no such overview.
  Result all = RunReprint("report fixtures/syndication/wire.jsonl");
  EXPECT_THAT(all.out, Not(HasSubstr("documents reusing")));
}

TEST(Report, WireCopyModeWithTheSourceFileInsideTheDirectory) {
  // The natural call: the wire story is one of the files walked. It is read
  // once, under the name given, and is no duplicate.
  const std::string wire = "fixtures/seeds/002_business_standard_wire_2018.txt";
  Result r = RunReprint("report --format jsonl --source " + wire + " fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("duplicate")));
  EXPECT_THAT(r.out, HasSubstr("\"documents\":5,"));
  EXPECT_THAT(r.out, HasSubstr("\"members\":[\"" + wire +
                               "\",\"fixtures/seeds/001_huffpost_met_armed_patrols_2018.txt\"]"));
}

TEST(Report, NoColorIsRespectedAndColorCanBeForced) {
  Result plain = RunReprint("report fixtures/seeds");
  EXPECT_THAT(plain.out, Not(HasSubstr("\x1b[")));
  Result forced = RunReprint("report --color always fixtures/seeds");
  EXPECT_THAT(forced.out, HasSubstr("\x1b[31m"));
}

// --- bad input --------------------------------------------------------------

TEST(BadInput, MalformedJsonlLineIsReportedWithFileAndLineAndTheRunGoesOn) {
  Result r = RunReprint("dedupe --format jsonl fixtures/jsonl/bad_json.jsonl");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("fixtures/jsonl/bad_json.jsonl:2:"));
  EXPECT_THAT(r.out, HasSubstr("\"type\":\"summary\""));
}

TEST(BadInput, MissingFieldNamesTheField) {
  Result r = RunReprint("dedupe fixtures/jsonl/missing_field.jsonl");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("fixtures/jsonl/missing_field.jsonl:"));
  EXPECT_THAT(r.err, HasSubstr("\"text\""));
}

TEST(BadInput, StrictStopsAtTheFirstError) {
  Result r = RunReprint("dedupe --strict fixtures/jsonl/bad_json.jsonl fixtures/seeds");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, Not(HasSubstr("documents read")));
}

TEST(BadInput, DuplicateIdsNameBothPlaces) {
  Result r = RunReprint("dedupe fixtures/jsonl/duplicate_ids.jsonl");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("duplicate id"));
  EXPECT_THAT(r.err, HasSubstr("first at fixtures/jsonl/duplicate_ids.jsonl:"));
}

TEST(BadInput, BinaryFileIsSkippedWithAWarning) {
  Result r = RunReprint("dedupe --format jsonl fixtures/bad/binary.bin fixtures/seeds");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("fixtures/bad/binary.bin"));
  EXPECT_THAT(r.out, HasSubstr("\"documents\":5"));
}

TEST(BadInput, UnreadablePathIsAnErrorAndTheRunGoesOn) {
  Result r = RunReprint("dedupe --format jsonl no/such/file.txt fixtures/seeds");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("no/such/file.txt"));
  EXPECT_THAT(r.out, HasSubstr("\"documents\":5"));
}

TEST(BadInput, EmptyAndTinyDocumentsAreNeverPaired) {
  std::string in = TempPath("tiny.jsonl");
  std::ofstream(in) << "{\"id\":\"e1\",\"text\":\"\"}\n{\"id\":\"e2\",\"text\":\"\"}\n"
                    << "{\"id\":\"p1\",\"text\":\"...\"}\n{\"id\":\"p2\",\"text\":\"!!!\"}\n";
  for (const char* cmd : {"dedupe", "report"}) {
    Result r = RunReprint(std::string(cmd) + " --format jsonl '" + in + "' fixtures/bad/empty.txt");
    EXPECT_EQ(r.code, 0) << cmd << ": " << r.err;
    EXPECT_THAT(r.out, Not(HasSubstr("\"type\":\"pair\""))) << cmd;
  }
  std::remove(in.c_str());
}

TEST(BadInput, InvalidUtf8KeepsByteOffsetsExact) {
  // The same passage twice, each after invalid bytes; offsets point at the
  // original bytes.
  std::string passage =
      "the quick brown fox jumps over the lazy dog while the farmer watches "
      "from the old wooden gate at the end of the long dusty lane";
  std::string a = "\xff\xfe garbage \xd7 " + passage;
  std::string b = "other words first \xe2\x80 then " + passage + " and more";
  std::string fa = TempPath("a.txt"), fb = TempPath("b.txt");
  std::ofstream(fa, std::ios::binary) << a;
  std::ofstream(fb, std::ios::binary) << b;
  Result r = RunReprint("report --format jsonl '" + fa + "' '" + fb + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  size_t start_a = a.find(passage), start_b = b.find(passage);
  EXPECT_THAT(r.out, HasSubstr("\"a\":[" + std::to_string(start_a) + "," +
                               std::to_string(start_a + passage.size()) + "]"));
  EXPECT_THAT(r.out, HasSubstr("\"b\":[" + std::to_string(start_b) + "," +
                               std::to_string(start_b + passage.size()) + "]"));
  std::remove(fa.c_str());
  std::remove(fb.c_str());
}

// One French paragraph in UTF-8 (`utf8`) and the same saved in Latin-1
// (`latin1`), as an archive page would be; both removed at the end.
struct Latin1AndUtf8Files {
  const std::string utf8_text =
      "Le caf\xC3\xA9 de la gare a ferm\xC3\xA9 ses portes apr\xC3\xA8s trente "
      "ann\xC3\xA9" "es de service, a annonc\xC3\xA9 le propri\xC3\xA9taire mardi "
      "dans un communiqu\xC3\xA9 envoy\xC3\xA9 \xC3\xA0 la presse r\xC3\xA9gionale.";
  const std::string latin1 = TempPath("latin1.txt");
  const std::string utf8 = TempPath("utf8.txt");
  Latin1AndUtf8Files() {
    std::string latin1_text;
    for (size_t i = 0; i < utf8_text.size(); ++i) {
      // Every accented letter here is U+00C0-U+00FF: C3 xx in UTF-8.
      latin1_text += static_cast<unsigned char>(utf8_text[i]) == 0xC3
                         ? static_cast<char>(0x40 + static_cast<unsigned char>(utf8_text[++i]))
                         : utf8_text[i];
    }
    std::ofstream(latin1, std::ios::binary) << latin1_text;
    std::ofstream(utf8, std::ios::binary) << utf8_text;
  }
  ~Latin1AndUtf8Files() {
    std::remove(latin1.c_str());
    std::remove(utf8.c_str());
  }
};

// The two are the same text: one verbatim passage, and a warning that names
// the file not in UTF-8.
TEST(Report, Latin1CopyOfAUtf8TextIsVerbatim) {
  Latin1AndUtf8Files files;
  Result r = RunReprint("report --format jsonl '" + files.latin1 + "' '" +
                        files.utf8 + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(files.latin1 + ": not valid UTF-8"));
  EXPECT_THAT(r.out, HasSubstr("\"coverage_a\":1,\"coverage_b\":1"));
  EXPECT_THAT(r.out, HasSubstr("\"kind\":\"verbatim\""));
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"pair\""), 1u);
}

// The text view shows a Latin-1 document's letters in UTF-8, as the
// tokeniser reads them, not as bytes a terminal cannot show.
TEST(Report, TextViewShowsLatin1LettersInUtf8) {
  Latin1AndUtf8Files files;
  Result r = RunReprint("report '" + files.utf8 + "' '" + files.latin1 + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("passage 1: verbatim"));
  EXPECT_THAT(r.out, HasSubstr(files.utf8_text.substr(0, 40)));
  EXPECT_EQ(r.out.find("caf\xE9"), std::string::npos);
}

// The same paragraph written without accents, as some feeds carry it: one
// verbatim passage over all of it.
TEST(Report, CopyWithoutAccentsIsVerbatim) {
  Latin1AndUtf8Files files;
  const std::string plain = TempPath("no-accents.txt");
  std::string text;
  for (size_t i = 0; i < files.utf8_text.size(); ++i) {
    const unsigned char c = files.utf8_text[i];
    if (c != 0xC3) {
      text += static_cast<char>(c);
      continue;
    }
    // The paragraph's accented letters: é è à.
    const unsigned char next = files.utf8_text[++i];
    text += next == 0xA0 ? 'a' : 'e';
  }
  std::ofstream(plain, std::ios::binary) << text;
  Result r = RunReprint("report --format jsonl '" + files.utf8 + "' '" + plain + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"pair\""), 1u);
  EXPECT_THAT(r.out, HasSubstr("\"coverage_a\":1,\"coverage_b\":1"));
  EXPECT_THAT(r.out, HasSubstr("\"kind\":\"verbatim\""));
  std::remove(plain.c_str());
}

// Deduplicated JSON Lines keep the Latin-1 document's letters, in UTF-8.
TEST(Dedupe, Latin1CopyIsADuplicateAndIsWrittenInUtf8) {
  Latin1AndUtf8Files files;
  const std::string out = TempPath("deduped.jsonl");
  Result r = RunReprint("dedupe --format jsonl --write-deduped '" + out + "' '" +
                        files.latin1 + "' '" + files.utf8 + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"cluster\""), 1u);
  EXPECT_THAT(r.err, HasSubstr("bytes that are not UTF-8 written as their "
                               "Windows-1252 characters"));
  std::ifstream in(out, std::ios::binary);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_THAT(line, HasSubstr(files.latin1));
  EXPECT_THAT(line, HasSubstr(files.utf8_text));
  EXPECT_FALSE(std::getline(in, line));  // the UTF-8 copy is dropped
  std::remove(out.c_str());
}

// One story in two pages' different markup: one verbatim passage over
// all of its words, and the text view renders it (its bytes alone hold too
// few tags to read as HTML; the page's markup is still left out).
TEST(Report, StoryInDifferentMarkupIsOneVerbatimPassage) {
  const std::string story[] = {
      "The city council voted on Tuesday to close the old bridge over the "
      "river for repairs, officials said.",
      "The repairs will cost about three million dollars and take most of "
      "the summer, according to the office of the mayor."};
  const std::string fa = TempPath("markup-a.html"), fb = TempPath("markup-b.html");
  std::ofstream(fa, std::ios::binary)
      << "<!DOCTYPE html><html><head><title>City</title><script>var a = "
         "\"<p>ad</p>\";</script></head><body><div class=\"nav\"><a "
         "href=\"/\">Home</a></div>\n<p class=\"story\">"
      << story[0] << "</p>\n<p>" << story[1] << "</p>\n</body></html>\n";
  std::ofstream(fb, std::ios::binary)
      << "<html><body><table><tr><td>\n<span class=\"lead\">" << story[0]
      << "</span><br>\n<span>" << story[1] << "</span>\n</td></tr></table>"
      << "</body></html>\n";
  Result r = RunReprint("report --format jsonl '" + fa + "' '" + fb + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"pair\""), 1u);
  EXPECT_EQ(Occurrences(r.out, "\"kind\":\"verbatim\""), 1u);
  EXPECT_THAT(r.out, HasSubstr("\"words_a\":39,\"words_b\":39,\"equal_words\":39"));
  EXPECT_THAT(r.out, HasSubstr("\"coverage_b\":1,"));
  Result text = RunReprint("report '" + fa + "' '" + fb + "'");
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("passage 1: verbatim, 39/39 words"));
  // The passage (which ends on its last word) shows B's words and line
  // breaks, not its tags.
  const std::string last = story[1].substr(0, story[1].size() - 1);
  EXPECT_THAT(text.out, HasSubstr("    " + story[0] + "\n    " + last + "\n"));
  EXPECT_THAT(text.out, Not(HasSubstr("span")));
  Result html = RunReprint("report --format html '" + fa + "' '" + fb + "'");
  EXPECT_EQ(html.code, 0) << html.err;
  EXPECT_THAT(html.out, HasSubstr("<td>" + story[0] + "\n" + last + "</td>"));
  std::remove(fa.c_str());
  std::remove(fb.c_str());
}

// A saved message of mailing list `list`, sent on `date` through `relay`.
std::string ListMail(const std::string& list, const std::string& date,
                     const std::string& relay, const std::string& id,
                     const std::string& subject, const std::string& body) {
  std::string m = "From list-admin@lists.example.org  Tue Aug  6 2002\n";
  m += "Return-Path: <list-admin@lists.example.org>\n";
  m += "Received: from " + relay + " (localhost [127.0.0.1])\n";
  m += "\tby mail.example.org (Postfix) with ESMTP id " + id + "\n";
  m += "Message-ID: <" + id + "@example.org>\n";
  m += "Date: " + date + "\n";
  m += "To: list@lists.example.org\nSubject: " + subject + "\n";
  m += "List-Id: The " + list + " list <" + list + ">\nPrecedence: bulk\n";
  m += "List-Unsubscribe: <https://lists.example.org/mailman/listinfo/x>,\n";
  m += "\t<mailto:list-request@lists.example.org?subject=unsubscribe>\n";
  return m + "\n" + body;
}

// Messages of one mailing list share the relay's header fields, and none
// of their words: no pair. A message forwarded with the same body to
// another list is one verbatim passage, its body, and a duplicate; the
// earlier message, by the Date fields, is its source.
TEST(Report, MailHeadersAreNotReuse) {
  const std::string lunch =
      "Is anyone coming along to the noodle place on the corner at noon "
      "tomorrow, or shall we try the new bakery instead?\n";
  const std::string bridge =
      "The city council voted on Tuesday to close the old bridge over the "
      "river for repairs; the work will take most of the summer.\n";
  const std::string fa = TempPath("mail-a.eml"), fb = TempPath("mail-b.eml"),
                    fc = TempPath("mail-c.eml");
  std::ofstream(fa, std::ios::binary)
      << ListMail("town.lists.example.org", "Mon, 5 Aug 2002 09:00:00 +0100",
                  "relay.example.org", "1A2B", "Lunch", lunch);
  std::ofstream(fc, std::ios::binary)
      << ListMail("news.example.net", "Wed, 7 Aug 2002 08:15:00 +0000 (UTC)",
                  "mx.example.net", "5E6F", "Fwd: Bridge", bridge);
  std::ofstream(fb, std::ios::binary)
      << ListMail("town.lists.example.org", "Tue, 6 Aug 2002 17:40:00 +0100",
                  "relay.example.org", "3C4D", "Bridge", bridge);
  Result r = RunReprint("report --format jsonl '" + fa + "' '" + fb + "' '" +
                        fc + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"pair\""), 1u) << r.out;
  EXPECT_THAT(r.out, HasSubstr("mail-b.eml\",\"b\":\"" + fc));
  EXPECT_THAT(r.out, HasSubstr("\"source\":\"" + fb +
                               "\",\"outlet_a\":"
                               "\"town.lists.example.org\",\"outlet_b\":"
                               "\"news.example.net\""));
  // The passage is the subject's "Bridge" and the body: 1 + 24 words.
  EXPECT_EQ(Occurrences(r.out, "\"kind\":\"verbatim\""), 1u);
  EXPECT_THAT(r.out, HasSubstr("\"words_a\":25,\"words_b\":25"));
  Result d = RunReprint("dedupe --format jsonl '" + fa + "' '" + fb + "' '" +
                        fc + "'");
  EXPECT_EQ(d.code, 0) << d.err;
  EXPECT_EQ(Occurrences(d.out, "\"type\":\"pair\""), 1u) << d.out;
  std::remove(fa.c_str());
  std::remove(fb.c_str());
  std::remove(fc.c_str());
}

// A mailing list is an outlet: the footer its server adds to each message
// is its furniture, and messages that share only that give no pair.
// Ids, outlets and dates come from files and mail headers: in text output
// their control characters are '?', so none can drive the terminal.
TEST(Report, ControlCharactersInNamesNeverReachTheTerminal) {
  const std::string text =
      "The city council voted on Tuesday to close the old bridge over the "
      "river for repairs; the work will take most of the summer.";
  const std::string path = TempPath("names.jsonl");
  std::ofstream(path, std::ios::binary)
      << "{\"id\":\"a\\u001b[31m\",\"source\":\"x\\ny\",\"text\":\"" << text
      << "\"}\n{\"id\":\"b\",\"source\":\"z\",\"date\":\"2018-01-02\\u0007\","
      << "\"text\":\"" << text << "\"}\n";
  for (const std::string command : {"report", "dedupe"}) {
    Result r = RunReprint(command + " '" + path + "'");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("a?[31m")) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << command;
    EXPECT_EQ(r.out.find('\a'), std::string::npos) << command;
    if (command == "report") {
      EXPECT_THAT(r.out, HasSubstr("a?[31m (x?y)")) << r.out;
    }
  }
  std::remove(path.c_str());
}

TEST(Report, MailingListFootersAreTheListsFurniture) {
  const std::string footer =
      "\n_______________________________________________\n"
      "Gardeners mailing list: send your questions about seeds, soil and "
      "the allotment rota to the list address, and change your subscription "
      "or read the archives of earlier seasons on the list's web page\n";
  const std::string bodies[] = {
      "The tomatoes on plot nine have blight again, so please keep your "
      "tools away from them until the committee has had a look.\n",
      "Does anybody have spare bean canes? Mine snapped in the wind last "
      "night and the runner beans are lying all over the path.\n",
      "The water butts by the shed are empty; the council says the mains "
      "tap will be fixed before the weekend, but bring a can.\n",
      "Lost: a green trowel with a cracked handle, probably near the "
      "compost bins on Saturday afternoon. Reward in courgettes.\n"};
  std::string args;
  std::vector<std::string> files;
  for (size_t i = 0; i < 4; ++i) {
    files.push_back(TempPath("garden-" + std::to_string(i) + ".eml"));
    std::ofstream(files.back(), std::ios::binary) << ListMail(
        "gardeners.lists.example.org",
        "Sat, " + std::to_string(10 + i) + " Aug 2002 10:00:00 +0100",
        "relay.example.org", "G" + std::to_string(i), "Allotment news",
        bodies[i] + footer);
    args += " '" + files.back() + "'";
  }
  Result r = RunReprint("report --format jsonl --verbose" + args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Occurrences(r.out, "\"type\":\"pair\""), 0u) << r.out;
  EXPECT_THAT(r.err, HasSubstr("4 by the mailing list in their header"));
  EXPECT_THAT(r.err, HasSubstr("4 documents dated by the Date field"));
  EXPECT_THAT(r.err,
              HasSubstr("outlet furniture of gardeners.lists.example.org"));
  // Kept, the footer is the one passage each pair shares.
  Result kept =
      RunReprint("report --format jsonl --keep-outlet-furniture" + args);
  EXPECT_EQ(kept.code, 0) << kept.err;
  EXPECT_EQ(Occurrences(kept.out, "\"type\":\"pair\""), 6u) << kept.out;
  for (const std::string& f : files) std::remove(f.c_str());
}

TEST(Report, HtmlEscapesDocumentsAndShowsEachPassageSideBySide) {
  // Markup, an ampersand and invalid UTF-8 in the shared passage, and markup
  // in a file name: none may reach the page as markup.
  const std::string passage =
      "the <script>alert(1)</script> quick brown fox & the lazy dog jumped "
      "over \xff the old wooden gate at the end of the long dusty lane while "
      "the farmer watched from his porch";
  const std::string a = "first words here " + passage + " and more words";
  std::string b = passage;
  b.replace(b.find("lazy"), 4, "sleepy");
  const std::string fa = TempPath("x<i>.txt"), fb = TempPath("y.txt");
  std::ofstream(fa, std::ios::binary) << a;
  std::ofstream(fb, std::ios::binary) << "other text " + b;
  Result r = RunReprint("report --format html '" + fa + "' '" + fb + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(r.out, HasSubstr("</html>\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("<script>")));
  EXPECT_THAT(r.out, Not(HasSubstr("<i>")));
  EXPECT_THAT(r.out, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(r.out, HasSubstr("x&lt;i&gt;.txt"));
  EXPECT_THAT(r.out, HasSubstr("fox &amp; the"));
  EXPECT_THAT(r.out, HasSubstr("over \xC3\xBF the"));  // 0xFF read as Latin-1
  // One pair, one passage: the substitution faces itself across the columns.
  EXPECT_EQ(Occurrences(r.out, "<section class=\"pair\""), 1u);
  EXPECT_EQ(Occurrences(r.out, "<table class=\"sbs\">"), 1u);
  EXPECT_THAT(r.out, HasSubstr("<p>pairs: <a href=\"#pair-1\">1</a></p>"));
  EXPECT_THAT(r.out, HasSubstr("<del>lazy</del>"));
  EXPECT_THAT(r.out, HasSubstr("<ins>sleepy</ins>"));
  EXPECT_EQ(Occurrences(r.out, "<del>"), Occurrences(r.out, "</del>"));
  EXPECT_EQ(Occurrences(r.out, "<ins>"), Occurrences(r.out, "</ins>"));
  Result bad = RunReprint("report --format xml '" + fa + "'");
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("expected text, jsonl or html"));
  Result dedupe = RunReprint("dedupe --format html '" + fa + "'");
  EXPECT_EQ(dedupe.code, 2);
  EXPECT_THAT(dedupe.err, HasSubstr("expected text or jsonl"));
  std::remove(fa.c_str());
  std::remove(fb.c_str());
}

// The output without its last line (the summary, which holds the run time).
std::string WithoutSummary(const std::string& out) {
  const size_t last = out.rfind('\n', out.empty() ? 0 : out.size() - 2);
  return last == std::string::npos ? "" : out.substr(0, last + 1);
}

TEST(Report, JsonlOfManyPairsIsTheSameForAnyThreadCount) {
  // 64 groups of 32 documents (groups up to that size pair all their
  // members), each document its own words around its group's passage:
  // 31,744 pairs, so that the records are formatted in several rounds of
  // blocks (and written while the next is formatted).
  constexpr int kGroups = 64, kMembers = 32;
  uint32_t state = 12345;
  auto words = [&](int n) {
    std::string s;
    for (int w = 0; w < n; ++w) {
      state = state * 1664525u + 1013904223u;
      s += " w" + std::to_string(state >> 8);
    }
    return s;
  };
  const std::string docs = TempPath("groups.jsonl");
  {
    std::ofstream f(docs, std::ios::binary);
    for (int g = 0; g < kGroups; ++g) {
      const std::string passage = words(30);
      for (int m = 0; m < kMembers; ++m) {
        f << "{\"id\":\"g" << g << "m" << m << "\",\"text\":\"" << words(30)
          << passage << words(30) << "\"}\n";
      }
    }
  }
  Result one = RunReprint("report --format jsonl --threads 1 '" + docs + "'");
  EXPECT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(PairLines(one.out).size(), size_t{kGroups} * kMembers * (kMembers - 1) / 2);
  EXPECT_EQ(Occurrences(one.out, "\"type\":\"cluster\""), size_t{kGroups});
  for (int threads : {2, 3}) {
    Result more = RunReprint("report --format jsonl --threads " +
                             std::to_string(threads) + " '" + docs + "'");
    EXPECT_EQ(more.code, 0) << more.err;
    EXPECT_TRUE(WithoutSummary(more.out) == WithoutSummary(one.out))
        << threads << " threads";
  }
  std::remove(docs.c_str());
}

TEST(BadInput, StdinIsOneDocumentOrJsonl) {
  Result r = RunReprint("dedupe --format jsonl --jsonl -",
                 Fixture("jsonl/good.jsonl"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("\"documents\":0")));
  Result one = RunReprint("dedupe --format jsonl - fixtures/seeds",
                   std::string(REPRINT_SOURCE_DIR) +
                       "/fixtures/seeds/003_met_federation_survey_2016.txt");
  EXPECT_THAT(one.out, HasSubstr("\"members\":[\"-\",\"fixtures/seeds/003_met_federation_survey_2016.txt\"]"));
  // One text on standard input: one document, counted in the singular.
  const std::string seed = Fixture("seeds/003_met_federation_survey_2016.txt");
  EXPECT_THAT(RunReprint("dedupe -", seed).out, HasSubstr("1 document read, 0 skipped;"));
  EXPECT_THAT(RunReprint("report -", seed).out, HasSubstr("1 document read, 0 skipped;"));
}

// --- usage ------------------------------------------------------------------

TEST(Usage, HelpTeachesAndUnknownFlagsSuggest) {
  Result top = RunReprint("--help");
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("dedupe"));
  EXPECT_THAT(top.out, HasSubstr("Exit codes"));
  Result sub = RunReprint("dedupe --help");
  EXPECT_THAT(sub.out, HasSubstr("--threshold"));
  EXPECT_THAT(sub.out, HasSubstr("--keep"));
  Result rep = RunReprint("report --help");
  EXPECT_THAT(rep.out, HasSubstr("--source"));
  Result bad = RunReprint("dedupe --treshold 0.5 fixtures/seeds");
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("did you mean --threshold?"));
  EXPECT_EQ(RunReprint("frobnicate").code, 2);
  EXPECT_EQ(RunReprint("dedupe").code, 2);
  EXPECT_EQ(RunReprint("dedupe --threshold 7 fixtures/seeds").code, 2);
}

}  // namespace
}  // namespace reprint
