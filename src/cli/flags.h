// src/cli/flags.h
//
// A small flag table: each command declares its flags (name, value name,
// help); Parse() turns argv into values and positional arguments, and
// Usage() generates the command's --help from the same table.

#ifndef REPRINT_SRC_CLI_FLAGS_H_
#define REPRINT_SRC_CLI_FLAGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace reprint {
namespace cli {

struct FlagSpec {
  std::string name;        // without dashes: "threshold"
  std::string value_name;  // "X"; empty for a boolean switch
  std::string help;
  std::string group;       // heading in --help
  bool repeatable = false;
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values;  // name -> values
  std::vector<std::string> positional;
  bool Has(const std::string& name) const { return values.count(name) > 0; }
  // The last value given, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback) const;
  const std::vector<std::string>& All(const std::string& name) const;
  absl::StatusOr<double> GetDouble(const std::string& name, double fallback,
                                   double lo, double hi) const;
  absl::StatusOr<long> GetInt(const std::string& name, long fallback, long lo,
                              long hi) const;
};

// Parses `args` against `specs`. "--name=value" and "--name value" are both
// accepted; "--" ends the flags; "-" alone is a positional (stdin).
// Returns InvalidArgument for an unknown flag (suggesting the closest known
// one), a missing value, or a value given to a switch.
absl::StatusOr<ParsedArgs> ParseFlags(const std::vector<std::string>& args,
                                      const std::vector<FlagSpec>& specs);

// The flag section of a --help text, grouped and aligned.
std::string FlagHelp(const std::vector<FlagSpec>& specs);

}  // namespace cli
}  // namespace reprint

#endif  // REPRINT_SRC_CLI_FLAGS_H_
