// src/util/coding.h
//
// Little-endian fixed-width encoding, in the manner of leveldb's coding.h.

#ifndef REPRINT_SRC_UTIL_CODING_H_
#define REPRINT_SRC_UTIL_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>

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

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_CODING_H_
