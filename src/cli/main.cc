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
// heap costs one (about 300,000 in a report over 138 MB of text, a fifth of
// the CPU time on a virtual machine). glibc backs its heap with transparent
// huge pages when the tunable glibc.malloc.hugetlb=1 is set, which it reads
// only at start-up, from the environment: so the process sets it and
// executes itself again, once. Measured on the 138 MB corpus, two threads:
// dedupe 1.13 s -> 0.73 s, report 11.2 s -> 9.9 s. REPRINT_HUGEPAGES=0
// turns this off; where the kernel has no transparent huge pages, the
// tunable changes nothing. If the new image cannot be executed, the run
// goes on as it is.
void RestartWithHugePages(char** argv) {
  constexpr char kDone[] = "REPRINT_HUGEPAGES_SET";
  if (std::getenv(kDone) != nullptr) return;
  const char* opt_out = std::getenv("REPRINT_HUGEPAGES");
  if (opt_out != nullptr && std::strcmp(opt_out, "0") == 0) return;
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
