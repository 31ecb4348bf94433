// src/ingest/file_util.h
//
// Small POSIX helpers for ingestion: errno text, whole reads that retry on
// EINTR and short reads, and a file descriptor that closes itself.

#ifndef REPRINT_SRC_INGEST_FILE_UTIL_H_
#define REPRINT_SRC_INGEST_FILE_UTIL_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace reprint {
namespace internal {

// strerror() text for `err`, e.g. "No such file or directory". Thread-safe.
std::string ErrnoText(int err);

// NotFound for ENOENT and ENOTDIR, `otherwise` for anything else.
absl::StatusCode ErrnoCode(int err, absl::StatusCode otherwise);

// An owned file descriptor; -1 when empty.
class ScopedFd {
 public:
  ScopedFd() = default;
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() { Reset(); }
  ScopedFd(ScopedFd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ScopedFd& operator=(ScopedFd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Reset();

 private:
  int fd_ = -1;
};

// Opens `path` read-only (O_CLOEXEC). Returns an invalid fd with errno set on
// failure.
ScopedFd OpenForReading(const std::string& path);

// Reads up to `n` bytes into `buf`, stopping early only at end of file.
// Returns the bytes read, or -1 with errno set.
ssize_t ReadFully(int fd, char* buf, size_t n);

// pread() until `n` bytes or end of file. Returns the bytes read, or -1 with
// errno set.
ssize_t PreadFully(int fd, char* buf, size_t n, uint64_t offset);

// Appends everything `fd` yields until end of file to `*out`. Stops with
// *too_large set once more than `limit` bytes were read. Returns 0, or the
// errno of a failed read.
int ReadStream(int fd, uint64_t limit, std::string* out, bool* too_large);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_INGEST_FILE_UTIL_H_
