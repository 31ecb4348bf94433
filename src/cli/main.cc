#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "src/cli/cli.h"

namespace {

#if defined(__linux__) && defined(__GLIBC__)
// Page faults are a large share of a run: every fresh 4 KiB page of the
// heap costs one (about 300,000 in a report over 138 MB of text). glibc
// backs its heap with transparent huge pages when the tunable
// glibc.malloc.hugetlb=1 is set, which it reads only at start-up, from the
// environment: so with REPRINT_HUGEPAGES=1 the process sets it and
// executes itself again, once. Whether that pays depends on the kernel:
// on one 2-vCPU machine (AMD EPYC) it took dedupe on the 138 MB corpus from
// 1.13 s to 0.73 s and report from 11.2 s to 9.9 s; on another (Intel
// Xeon, a newer kernel that compacts memory on such faults) it made every
// run slower, the million-document dedupe 9.3 s -> 11.9 s and report
// 13.4 s -> 14.7 s, with seconds of system time. So it is opt-in. If the
// new image cannot be executed, the run goes on as it is.
void RestartWithHugePages(char** argv) {
  constexpr char kDone[] = "REPRINT_HUGEPAGES_SET";
  if (std::getenv(kDone) != nullptr) return;
  const char* opt_in = std::getenv("REPRINT_HUGEPAGES");
  if (opt_in == nullptr || std::strcmp(opt_in, "1") != 0) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  const bool had_tunables = tunables != nullptr;
  const std::string original = had_tunables ? tunables : "";
  std::string value = original;
  if (value.find("glibc.malloc.hugetlb") != std::string::npos) return;
  if (!value.empty()) value += ':';
  value += "glibc.malloc.hugetlb=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0 ||
      setenv(kDone, "1", 1) != 0) {
    return;
  }
  execv("/proc/self/exe", argv);
  // Still here: the restart failed; carry on without huge pages.
  if (had_tunables) {
    setenv("GLIBC_TUNABLES", original.c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
  RestartWithHugePages(argv);
#endif
#ifdef M_MMAP_THRESHOLD
  // reprint allocates and frees document texts in large batches. Keeping
  // freed memory in the process (instead of returning it to the kernel and
  // faulting it in again) halves the wall time of a run on two threads; the
  // peak resident size is unchanged.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  return reprint::cli::RunCli(args);
}
