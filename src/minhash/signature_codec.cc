// Serialised signatures; the layout is specified in src/minhash/FORMAT.md.

#include "absl/strings/str_cat.h"
#include "reprint/minhash.h"
#include "src/util/coding.h"
#include "src/util/hash.h"

namespace reprint {
namespace {

constexpr char kMagic[4] = {'R', 'P', 'S', 'G'};
constexpr uint16_t kFormatVersion = 1;

}  // namespace

std::string Signature::Encode() const {
  std::string out;
  out.reserve(40 + 4 * values.size());
  out.append(kMagic, 4);
  internal::PutFixed<uint16_t>(&out, kFormatVersion);
  internal::PutFixed<uint16_t>(&out, 0);
  internal::PutFixed<uint32_t>(&out, params.num_perm);
  internal::PutFixed<uint32_t>(&out, params.shingle_k);
  internal::PutFixed<uint64_t>(&out, params.seed);
  internal::PutFixed<uint32_t>(&out, params.normalizer_version);
  internal::PutFixed<uint8_t>(&out, empty ? 1 : 0);
  for (uint32_t v : values) internal::PutFixed<uint32_t>(&out, v);
  internal::PutFixed<uint32_t>(&out, internal::Hash32(out.data(), out.size()));
  return out;
}

absl::StatusOr<Signature> Signature::Decode(absl::string_view bytes) {
  auto header = internal::ReadFormatHeader(
      bytes, absl::string_view(kMagic, 4), kFormatVersion, "signature");
  if (!header.ok()) return header.status();
  internal::Reader r = *header;
  Signature sig;
  uint8_t empty = 0;
  if (!r.Get(&sig.params.num_perm) || !r.Get(&sig.params.shingle_k) ||
      !r.Get(&sig.params.seed) || !r.Get(&sig.params.normalizer_version) ||
      !r.Get(&empty)) {
    return absl::DataLossError("signature: truncated header");
  }
  absl::Status st = sig.params.Validate();
  if (!st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("signature: ", st.message()));
  }
  if (r.remaining() != 4ull * sig.params.num_perm + 4) {
    return absl::DataLossError(absl::StrCat(
        "signature: expected ", 4ull * sig.params.num_perm + 4,
        " bytes of values and checksum, found ", r.remaining()));
  }
  sig.empty = empty != 0;
  sig.values.resize(sig.params.num_perm);
  for (auto& v : sig.values) r.Get(&v);
  uint32_t stored = 0;
  r.Get(&stored);
  if (stored != internal::Hash32(bytes.data(), bytes.size() - 4)) {
    return absl::DataLossError("signature: checksum mismatch");
  }
  return sig;
}

}  // namespace reprint
