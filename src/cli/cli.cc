#include "src/cli/cli.h"

#include <csignal>
#include <cstdio>

#include "src/cli/commands.h"

namespace reprint {
namespace cli {
namespace {

const char kVersion[] = "0.1.0";

const char kUsage[] =
    "reprint: find near-duplicate documents and reused passages\n"
    "\n"
    "Usage: reprint <command> [FLAGS] PATH...\n"
    "\n"
    "Commands:\n"
    "  dedupe   cluster near-duplicate documents; keep/drop lists, a deduplicated\n"
    "           JSONL (document level: MinHash + LSH, verified by exact Jaccard\n"
    "           and containment)\n"
    "  report   find passages two documents share, even reworded, with coverage\n"
    "           in both directions and word-level diffs (syndication, wire copy)\n"
    "\n"
    "Inputs are files, directories (recursive), JSON Lines files with\n"
    "{\"id\", \"text\", \"source\", \"date\"} objects, or - for standard input.\n"
    "\n"
    "Run 'reprint <command> --help' for the flags of a command.\n"
    "\n"
    "Exit codes (every command): 0 success; 1 duplicates found where asked to\n"
    "fail on them (--fail-on-duplicates); 2 an error occurred (bad input\n"
    "included: the run goes on where it can and reports each problem).\n"
    "\n"
    "Environment: NO_COLOR turns colour off; REPRINT_HUGEPAGES=1 backs the\n"
    "heap with transparent huge pages (faster on some kernels, slower on\n"
    "others: measure before keeping it).\n";

}  // namespace

int RunCli(const std::vector<std::string>& args) {
  // A closed pipe (reprint ... | head) is not an error: writes fail with
  // EPIPE and the commands exit quietly.
  std::signal(SIGPIPE, SIG_IGN);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" ||
      args[0] == "help") {
    if (args.size() >= 2 && args[0] == "help") {
      std::vector<std::string> rest = {"--help"};
      if (args[1] == "dedupe") return RunDedupeCommand(rest);
      if (args[1] == "report") return RunReportCommand(rest);
    }
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? kExitError : kExitSuccess;
  }
  if (args[0] == "--version") {
    std::printf("reprint %s\n", kVersion);
    return kExitSuccess;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "dedupe") return RunDedupeCommand(rest);
  if (args[0] == "report") return RunReportCommand(rest);
  std::fprintf(stderr,
               "reprint: unknown command \"%s\"\nTry 'reprint --help'.\n",
               args[0].c_str());
  return kExitError;
}

}  // namespace cli
}  // namespace reprint
