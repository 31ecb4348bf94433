#include "src/pipeline/batches.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "src/util/hash.h"
#include "src/util/parallel.h"
#include "src/util/scratch.h"

namespace reprint {
namespace internal {

namespace {

constexpr size_t kFirstBatchBytes = size_t{2} << 20;

// Reads up to batch_bytes of documents into *batch; false at the end.
bool ReadBatch(DocumentReader* reader, size_t batch_bytes,
               std::vector<Document>* batch) {
  size_t bytes = 0;
  Document doc;
  while (bytes < batch_bytes && batch->size() < 65536) {
    if (!reader->Next(&doc)) return false;
    bytes += doc.text.size() + 64;
    batch->push_back(std::move(doc));
    doc = Document();
  }
  return true;
}

}  // namespace

void ForEachBatch(
    DocumentReader* reader, size_t batch_bytes, int threads,
    const std::function<void(std::vector<Document>&, DocIndex)>& fn) {
  if (threads <= 1) {
    DocIndex base = 0;
    for (bool more = true; more;) {
      std::vector<Document> batch;
      more = ReadBatch(reader, batch_bytes, &batch);
      if (batch.empty()) continue;
      fn(batch, base);
      base += static_cast<DocIndex>(batch.size());
    }
    return;
  }
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::vector<Document>> ready;
  bool done = false;
  constexpr size_t kMaxQueued = 2;
  std::thread producer([&] {
    // The first batch is small: the workers wait for it with nothing to
    // do (a 32 MB first batch kept them idle for a quarter of report's
    // first pass), and those after it are read while they work.
    for (size_t bytes = std::min<size_t>(batch_bytes, kFirstBatchBytes);;
         bytes = batch_bytes) {
      std::vector<Document> batch;
      const bool more = ReadBatch(reader, bytes, &batch);
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return ready.size() < kMaxQueued; });
      if (!batch.empty()) ready.push_back(std::move(batch));
      if (!more) done = true;
      cv.notify_all();
      if (!more) return;
    }
  });
  DocIndex base = 0;
  for (;;) {
    std::vector<Document> batch;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return !ready.empty() || done; });
      if (ready.empty()) break;
      batch = std::move(ready.front());
      ready.pop_front();
      cv.notify_all();
    }
    fn(batch, base);
    base += static_cast<DocIndex>(batch.size());
  }
  producer.join();
}

uint64_t InfoChunks::Add(std::vector<Document>& batch) {
  std::vector<DocumentInfo> chunk;
  chunk.reserve(batch.size());
  uint64_t bytes = 0;
  for (Document& doc : batch) {
    bytes += doc.text.size();
    chunk.push_back(std::move(doc.info));
  }
  size_ += chunk.size();
  chunks_.push_back(std::move(chunk));
  return bytes;
}

std::vector<DocumentInfo> InfoChunks::Take() {
  std::vector<DocumentInfo> all;
  all.reserve(size_);
  for (std::vector<DocumentInfo>& chunk : chunks_) {
    for (DocumentInfo& info : chunk) all.push_back(std::move(info));
    std::vector<DocumentInfo>().swap(chunk);
  }
  chunks_.clear();
  size_ = 0;
  return all;
}

std::vector<DocIndex> DocsOf(
    const std::vector<std::pair<DocIndex, DocIndex>>& pairs) {
  // Flags over the documents, then collected in order: sorting the two
  // ends of every pair took 50 ms, on one thread, for 440,000 pairs.
  DocIndex end = 0;
  for (const auto& p : pairs) end = std::max({end, p.first + 1, p.second + 1});
  std::vector<uint8_t> in(end, 0);
  size_t count = 0;
  for (const auto& p : pairs) {
    count += !in[p.first];
    in[p.first] = 1;
    count += !in[p.second];
    in[p.second] = 1;
  }
  std::vector<DocIndex> docs;
  docs.reserve(count);
  for (DocIndex d = 0; d < end; ++d) {
    if (in[d]) docs.push_back(d);
  }
  return docs;
}

TextCopies::Hash TextCopies::HashOf(const std::string& text) {
  return Hash128(text.data(), text.size());
}

void TextCopies::Add(const std::vector<Hash>& hashes, DocIndex base,
                     int threads) {
  first_.resize(size_t{base} + hashes.size());
  std::vector<uint64_t> copies(kShards, 0);
  ParallelFor(kShards, threads, [&](size_t shard, int) {
    for (size_t i = 0; i < hashes.size(); ++i) {
      if (hashes[i].first >> (64 - kShardBits) != shard) continue;
      const DocIndex d = base + static_cast<DocIndex>(i);
      first_[d] = shards_[shard].try_emplace(hashes[i], d).first->second;
      copies[shard] += first_[d] != d;
    }
  });
  for (uint64_t c : copies) copies_ += c;
}

void TextCopies::Done() {
  std::vector<absl::flat_hash_map<Hash, DocIndex>>(kShards).swap(shards_);
}

CopySlots::CopySlots(const std::vector<DocIndex>& docs,
                     const TextCopies* copies,
                     const std::vector<uint8_t>* group)
    : holder(docs.size()) {
  absl::flat_hash_map<uint64_t, uint32_t> first_slot;
  for (uint32_t i = 0; i < docs.size(); ++i) {
    const DocIndex d = docs[i];
    holder[i] = i;
    if (copies != nullptr) {
      const uint64_t key = uint64_t{copies->first_[d]} << 1 |
                           (group != nullptr && (*group)[d] != 0);
      holder[i] = first_slot.try_emplace(key, i).first->second;
    }
    if (holder[i] != i) continue;
    read.push_back(d);
    read_slot.push_back(i);
  }
}

size_t SlotOf(const std::vector<DocIndex>& docs, DocIndex doc) {
  return static_cast<size_t>(std::lower_bound(docs.begin(), docs.end(), doc) -
                             docs.begin());
}

void FetchAll(const TextStore& store, const std::vector<DocumentInfo>& infos,
              const std::vector<DocIndex>& docs, int threads,
              const std::function<void(size_t, const std::string&)>& fn,
              std::vector<std::string>* errors) {
  std::vector<std::string> failed(docs.size());
  ParallelFor(
      docs.size(), threads,
      [&](size_t i, int) {
        thread_local std::string text;
        absl::Status st = store.Fetch(infos[docs[i]].origin, &text);
        if (!st.ok()) {
          failed[i] = std::string(st.message());
          return;
        }
        fn(i, text);
        ReleaseIfLarge(&text);
      },
      16);
  for (auto& f : failed) {
    if (!f.empty()) errors->push_back(std::move(f));
  }
}

}  // namespace internal
}  // namespace reprint
