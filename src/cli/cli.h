// src/cli/cli.h
//
// The commands of the reprint binary. main() only calls RunCli().

#ifndef REPRINT_SRC_CLI_CLI_H_
#define REPRINT_SRC_CLI_CLI_H_

#include <string>
#include <vector>

namespace reprint {
namespace cli {

// Exit codes, the same for every command (README "Exit codes").
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFound = 1;
inline constexpr int kExitError = 2;

// Runs the command line `args` (without the program name).
int RunCli(const std::vector<std::string>& args);

}  // namespace cli
}  // namespace reprint

#endif  // REPRINT_SRC_CLI_CLI_H_
