#include <string>
#include <vector>

#include "src/cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return reprint::cli::RunCli(args);
}
