// A document whose text cannot be read again for alignment (the file
// changed or vanished between the passes) is an error naming it; the run
// goes on and reports the pairs of the other documents. Exact copies of a
// text are read again once.

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/dedupe.h"
#include "reprint/ingest.h"
#include "reprint/report.h"

namespace reprint {
namespace {

// Fails to fetch any text that holds `marker`, as if its file had changed.
class FailingStore : public TextStore {
 public:
  FailingStore(const TextStore& inner, std::string marker)
      : inner_(inner), marker_(std::move(marker)) {}
  absl::Status Fetch(const Origin& origin, std::string* text) const override {
    absl::Status st = inner_.Fetch(origin, text);
    if (st.ok() && text->find(marker_) != std::string::npos) {
      return absl::DataLossError("changed since it was read");
    }
    return st;
  }
  const std::vector<std::string>& paths() const override {
    return inner_.paths();
  }

 private:
  const TextStore& inner_;
  std::string marker_;
};

// Counts the texts fetched again.
class CountingStore : public TextStore {
 public:
  explicit CountingStore(const TextStore& inner) : inner_(inner) {}
  absl::Status Fetch(const Origin& origin, std::string* text) const override {
    ++fetched;
    return inner_.Fetch(origin, text);
  }
  const std::vector<std::string>& paths() const override {
    return inner_.paths();
  }
  mutable std::atomic<int> fetched{0};

 private:
  const TextStore& inner_;
};

// Reads with `inner`, fetching again through a Store built on its store.
template <typename Store>
class WrappedReader : public DocumentReader {
 public:
  template <typename... Args>
  explicit WrappedReader(std::unique_ptr<DocumentReader> inner, Args&&... args)
      : inner_(std::move(inner)),
        store_(inner_->store(), std::forward<Args>(args)...) {}
  bool Next(Document* doc) override { return inner_->Next(doc); }
  absl::Status status() const override { return inner_->status(); }
  const IngestStats& stats() const override { return inner_->stats(); }
  const TextStore& store() const override { return store_; }
  const Store& wrapped_store() const { return store_; }

 private:
  std::unique_ptr<DocumentReader> inner_;
  Store store_;
};
using FailingReader = WrappedReader<FailingStore>;

std::string IdOf(const ReportResult& r, DocIndex d) { return r.docs[d].id; }

TEST(ReportReread, UnreadableDocumentIsAnErrorAndTheOtherPairsStay) {
  const std::string dir = std::string(REPRINT_SOURCE_DIR) + "/fixtures/seeds";
  auto inner = NewDocumentReader({dir}, IngestOptions{}, [](const IngestIssue&) {});
  ASSERT_TRUE(inner.ok()) << inner.status();
  // 002 carries the wire story; only it fails to be read again.
  FailingReader reader(std::move(*inner), "Business Standard");
  ReportOptions options;
  options.threads = 2;
  auto result = RunReport(&reader, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_NE(result->errors[0].find("changed since it was read"),
            std::string::npos);
  EXPECT_EQ(result->stats.errors, 1u);
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReportPair& p = result->pairs[0];
  EXPECT_NE(IdOf(*result, p.a).find("001"), std::string::npos);
  EXPECT_NE(IdOf(*result, p.b).find("004"), std::string::npos);
  EXPECT_FALSE(p.passages.empty());
}

std::string ReadSeed(const std::string& name) {
  std::ifstream in(std::string(REPRINT_SOURCE_DIR) + "/fixtures/seeds/" + name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A folder of three copies of the wire story, HuffPost's article (which
// quotes it) and the spun rewrite.
class CopiesFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        ::testing::TempDir() + "/reprint_reread_" + std::to_string(::getpid());
    ASSERT_EQ(std::system(("mkdir -p '" + dir_ + "'").c_str()), 0);
    const std::string wire = ReadSeed("002_business_standard_wire_2018.txt");
    ASSERT_FALSE(wire.empty());
    Write("wire-a.txt", wire);
    Write("wire-b.txt", wire);
    Write("wire-c.txt", wire);
    Write("huffpost.txt", ReadSeed("001_huffpost_met_armed_patrols_2018.txt"));
    Write("spun.txt", ReadSeed("004_spun_rewrite_2018.txt"));
  }
  void TearDown() override {
    (void)std::system(("rm -rf '" + dir_ + "'").c_str());
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  std::unique_ptr<WrappedReader<CountingStore>> Reader() {
    auto inner =
        NewDocumentReader({dir_}, IngestOptions{}, [](const IngestIssue&) {});
    EXPECT_TRUE(inner.ok()) << inner.status();
    return std::make_unique<WrappedReader<CountingStore>>(std::move(*inner));
  }

  std::string dir_;
};

TEST_F(CopiesFolder, ReportReadsEachTextOnce) {
  for (bool share : {false, true}) {
    auto reader = Reader();
    ReportOptions options;
    options.share_copies = share;
    auto result = RunReport(reader.get(), options);
    ASSERT_TRUE(result.ok()) << result.status();
    // The copies pair with each other and with HuffPost's article, which
    // also pairs with the rewrite of itself.
    EXPECT_EQ(result->pairs.size(), 3u + 3 + 1);
    EXPECT_EQ(result->stats.exact_copies, share ? 2u : 0u);
    EXPECT_EQ(reader->wrapped_store().fetched.load(), share ? 3 : 5);
    EXPECT_EQ(result->stats.reread, share ? 3u : 5u);
  }
}

TEST_F(CopiesFolder, DedupeReadsEachTextOnce) {
  auto reader = Reader();
  auto result = RunDedupe(reader.get(), DedupeOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  // The three copies are the only duplicates, and one of them was read.
  ASSERT_EQ(result->clusters.size(), 1u);
  EXPECT_EQ(result->clusters[0].members.size(), 3u);
  EXPECT_EQ(result->pairs.size(), 3u);
  for (const DedupePair& p : result->pairs) EXPECT_EQ(p.overlap.jaccard(), 1.0);
  EXPECT_EQ(reader->wrapped_store().fetched.load(), 1);
  EXPECT_EQ(result->stats.exact_copies, 2u);
  EXPECT_EQ(result->stats.reread, 1u);
}

}  // namespace
}  // namespace reprint
