// src/util/coding.h
//
// Little-endian fixed-width encoding, in the manner of leveldb's coding.h.

#ifndef REPRINT_SRC_UTIL_CODING_H_
#define REPRINT_SRC_UTIL_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace reprint {
namespace internal {

template <typename T>
void PutFixed(std::string* dst, T v) {
  unsigned char buf[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i) {
    buf[i] = static_cast<unsigned char>(v >> (8 * i));
  }
  dst->append(reinterpret_cast<const char*>(buf), sizeof(T));
}

template <typename T>
T DecodeFixed(const char* p) {
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    v |= static_cast<T>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

// A cursor over a byte buffer that fails softly when bytes run out.
class Reader {
 public:
  Reader(const char* p, size_t n) : p_(p), n_(n) {}
  template <typename T>
  bool Get(T* v) {
    if (n_ < sizeof(T)) return false;
    *v = DecodeFixed<T>(p_);
    p_ += sizeof(T);
    n_ -= sizeof(T);
    return true;
  }
  size_t remaining() const { return n_; }

 private:
  const char* p_;
  size_t n_;
};

// The start of every serialised format: 4 magic bytes, a u16 format
// version and a u16 reserved field. Checks them and returns a Reader
// positioned after them, or DataLoss (wrong magic, truncated) or
// FailedPrecondition (a version newer than `max_version`); messages begin
// with `what`.
inline absl::StatusOr<Reader> ReadFormatHeader(absl::string_view bytes,
                                               absl::string_view magic,
                                               uint16_t max_version,
                                               absl::string_view what) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != magic) {
    return absl::DataLossError(absl::StrCat(what, ": bad magic"));
  }
  if (bytes.size() < 8) {
    return absl::DataLossError(absl::StrCat(what, ": truncated"));
  }
  Reader r(bytes.data() + 4, bytes.size() - 4);
  uint16_t version = 0, reserved = 0;
  r.Get(&version);
  r.Get(&reserved);
  if (version > max_version) {
    return absl::FailedPreconditionError(absl::StrCat(
        what, ": format version ", version, " is newer than ", max_version));
  }
  return r;
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_CODING_H_
