// src/cli/commands.h
//
// One entry point per subcommand; each parses its own flags and returns an
// exit code (src/cli/cli.h).

#ifndef REPRINT_SRC_CLI_COMMANDS_H_
#define REPRINT_SRC_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "src/cli/cli.h"

namespace reprint {
namespace cli {

int RunDedupeCommand(const std::vector<std::string>& args);
int RunReportCommand(const std::vector<std::string>& args);

}  // namespace cli
}  // namespace reprint

#endif  // REPRINT_SRC_CLI_COMMANDS_H_
