// src/ingest/file_util.cc

#include "src/ingest/file_util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>

namespace reprint {
namespace internal {
namespace {

// Picks the right result of strerror_r: GNU returns a char*, XSI an int.
[[maybe_unused]] const char* StrerrorResult(const char* result, const char*) {
  return result;
}
[[maybe_unused]] const char* StrerrorResult(int result, const char* buf) {
  return result == 0 ? buf : "unknown error";
}

}  // namespace

std::string ErrnoText(int err) {
  char buf[256];
  buf[0] = '\0';
  return StrerrorResult(strerror_r(err, buf, sizeof(buf)), buf);
}

absl::StatusCode ErrnoCode(int err, absl::StatusCode otherwise) {
  return err == ENOENT || err == ENOTDIR ? absl::StatusCode::kNotFound
                                         : otherwise;
}

void ScopedFd::Reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

ScopedFd OpenForReading(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  return ScopedFd(fd);
}

namespace {

// Calls read_some(buf + done, n - done, done) until n bytes, end of file or
// an error other than EINTR.
template <typename ReadSome>
ssize_t ReadLoop(char* buf, size_t n, ReadSome&& read_some) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = read_some(buf + done, n - done, done);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  return static_cast<ssize_t>(done);
}

}  // namespace

ssize_t ReadFully(int fd, char* buf, size_t n) {
  return ReadLoop(buf, n, [fd](char* p, size_t k, size_t) {
    return ::read(fd, p, k);
  });
}

ssize_t PreadFully(int fd, char* buf, size_t n, uint64_t offset) {
  return ReadLoop(buf, n, [fd, offset](char* p, size_t k, size_t done) {
    return ::pread(fd, p, k, static_cast<off_t>(offset + done));
  });
}

int ReadStream(int fd, uint64_t limit, std::string* out, bool* too_large) {
  *too_large = false;
  constexpr size_t kChunk = size_t{1} << 20;
  size_t size = out->size();
  while (true) {
    if (out->size() < size + kChunk) {
      out->resize(std::max(size + kChunk, out->size() * 2));
    }
    const ssize_t got = ::read(fd, &(*out)[size], out->size() - size);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      out->resize(size);
      return err;
    }
    if (got == 0) break;
    size += static_cast<size_t>(got);
    if (size > limit) {
      *too_large = true;
      break;
    }
  }
  out->resize(size);
  return 0;
}

}  // namespace internal
}  // namespace reprint
