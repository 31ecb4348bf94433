#include "src/cli/cli.h"

namespace reprint {
namespace cli {

int RunCli(const std::vector<std::string>&) { return kExitSuccess; }

}  // namespace cli
}  // namespace reprint
