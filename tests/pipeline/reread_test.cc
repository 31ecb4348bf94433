// A document whose text cannot be read again for alignment (the file
// changed or vanished between the passes) is an error naming it; the run
// goes on and reports the pairs of the other documents.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
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

class FailingReader : public DocumentReader {
 public:
  FailingReader(std::unique_ptr<DocumentReader> inner, std::string marker)
      : inner_(std::move(inner)), store_(inner_->store(), std::move(marker)) {}
  bool Next(Document* doc) override { return inner_->Next(doc); }
  absl::Status status() const override { return inner_->status(); }
  const IngestStats& stats() const override { return inner_->stats(); }
  const TextStore& store() const override { return store_; }

 private:
  std::unique_ptr<DocumentReader> inner_;
  FailingStore store_;
};

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

}  // namespace
}  // namespace reprint
