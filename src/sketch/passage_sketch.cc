#include "reprint/passage_sketch.h"

#include "absl/strings/str_cat.h"
#include "reprint/shingle.h"
#include "src/util/coding.h"
#include "src/util/hash.h"

namespace reprint {
namespace {

constexpr char kMagic[4] = {'R', 'P', 'P', 'S'};
constexpr uint16_t kFormatVersion = 1;

}  // namespace

absl::Status PassageSketchParams::Validate() const {
  if (shingle_k < 1 || shingle_k > 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("shingle_k must be from 1 to 32, not ", shingle_k));
  }
  if (window < 1 || window > 1024) {
    return absl::InvalidArgumentError(
        absl::StrCat("window must be from 1 to 1024, not ", window));
  }
  return absl::OkStatus();
}

void Winnow(absl::Span<const uint64_t> shingles, uint32_t window,
            std::vector<Fingerprint>* out) {
  out->clear();
  const size_t n = shingles.size();
  if (n == 0) return;
  if (window <= 1) {
    for (size_t i = 0; i < n; ++i) {
      out->push_back({shingles[i], static_cast<uint32_t>(i)});
    }
    return;
  }
  // A text with fewer shingles than one window yields its minimum.
  if (window <= 4 && n >= window) {
    // Small windows (the defaults): each window's minimum by direct
    // comparison, the rightmost one on ties as in robust winnowing; no
    // deque to allocate and to walk with unpredictable branches. Each
    // window's pick is written, and kept (the count advanced) when it is
    // new: whether it is new is a coin toss on random hashes, which as a
    // branch mispredicted about half the time.
    out->resize(n - window + 1);
    Fingerprint* o = out->data();
    size_t kept = 0;
    size_t last = SIZE_MAX;
    for (size_t i = window - 1; i < n; ++i) {
      size_t pick = i;
      for (size_t j = i; j-- > i + 1 - window;) {
        pick = shingles[j] < shingles[pick] ? j : pick;  // ties keep the right
      }
      o[kept] = {shingles[pick], static_cast<uint32_t>(pick)};
      kept += pick != last;
      last = pick;
    }
    out->resize(kept);
    return;
  }
  // Monotone deque of positions with increasing hashes; the front is the
  // window's minimum (the rightmost one on ties, as in robust winnowing).
  std::vector<uint32_t> dq(n);
  size_t head = 0, tail = 0;
  int64_t last = -1;
  size_t w = window;
  for (size_t i = 0; i < n; ++i) {
    while (tail > head && shingles[dq[tail - 1]] >= shingles[i]) --tail;
    dq[tail++] = static_cast<uint32_t>(i);
    if (i + 1 < w && i + 1 < n) continue;
    size_t start = i + 1 >= w ? i + 1 - w : 0;
    while (dq[head] < start) ++head;
    int64_t pick = dq[head];
    if (pick != last) {
      out->push_back({shingles[pick], static_cast<uint32_t>(pick)});
      last = pick;
    }
  }
}

PassageSketch ComputePassageSketch(absl::Span<const Token> tokens,
                                   const PassageSketchParams& params) {
  PassageSketch sketch;
  sketch.params = params;
  std::vector<uint64_t> shingles;
  ShingleHashes(tokens, static_cast<int>(params.shingle_k), &shingles);
  Winnow(shingles, params.window, &sketch.fingerprints);
  return sketch;
}

std::string PassageSketch::Encode() const {
  std::string out;
  out.append(kMagic, 4);
  internal::PutFixed<uint16_t>(&out, kFormatVersion);
  internal::PutFixed<uint16_t>(&out, 0);
  internal::PutFixed<uint32_t>(&out, params.shingle_k);
  internal::PutFixed<uint32_t>(&out, params.window);
  internal::PutFixed<uint32_t>(&out, params.normalizer_version);
  internal::PutFixed<uint32_t>(&out, static_cast<uint32_t>(fingerprints.size()));
  for (const Fingerprint& f : fingerprints) {
    internal::PutFixed<uint64_t>(&out, f.hash);
    internal::PutFixed<uint32_t>(&out, f.position);
  }
  internal::PutFixed<uint32_t>(&out, internal::Hash32(out.data(), out.size()));
  return out;
}

absl::StatusOr<PassageSketch> PassageSketch::Decode(absl::string_view bytes) {
  auto header = internal::ReadFormatHeader(
      bytes, absl::string_view(kMagic, 4), kFormatVersion, "passage sketch");
  if (!header.ok()) return header.status();
  internal::Reader r = *header;
  PassageSketch s;
  uint32_t count = 0;
  if (!r.Get(&s.params.shingle_k) || !r.Get(&s.params.window) ||
      !r.Get(&s.params.normalizer_version) || !r.Get(&count)) {
    return absl::DataLossError("passage sketch: truncated header");
  }
  absl::Status st = s.params.Validate();
  if (!st.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("passage sketch: ", st.message()));
  }
  if (r.remaining() != 12ull * count + 4) {
    return absl::DataLossError(absl::StrCat(
        "passage sketch: expected ", 12ull * count + 4, " bytes, found ",
        r.remaining()));
  }
  s.fingerprints.resize(count);
  for (auto& f : s.fingerprints) {
    r.Get(&f.hash);
    r.Get(&f.position);
  }
  uint32_t stored = 0;
  r.Get(&stored);
  if (stored != internal::Hash32(bytes.data(), bytes.size() - 4)) {
    return absl::DataLossError("passage sketch: checksum mismatch");
  }
  return s;
}

}  // namespace reprint
