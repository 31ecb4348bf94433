#include "src/cli/flags.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"

namespace reprint {
namespace cli {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const FlagSpec* Find(const std::vector<FlagSpec>& specs,
                     const std::string& name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

std::string ParsedArgs::Get(const std::string& name,
                            const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback
                                                  : it->second.back();
}

const std::vector<std::string>& ParsedArgs::All(const std::string& name) const {
  static const std::vector<std::string> kNone;
  auto it = values.find(name);
  return it == values.end() ? kNone : it->second;
}

absl::StatusOr<double> ParsedArgs::GetDouble(const std::string& name,
                                             double fallback, double lo,
                                             double hi) const {
  if (!Has(name)) return fallback;
  std::string v = Get(name, "");
  double d;
  if (!absl::SimpleAtod(v, &d) || d < lo || d > hi) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", name, ": expected a number from ", lo, " to ", hi, ", got \"",
        v, "\""));
  }
  return d;
}

absl::StatusOr<long> ParsedArgs::GetInt(const std::string& name, long fallback,
                                        long lo, long hi) const {
  if (!Has(name)) return fallback;
  std::string v = Get(name, "");
  int64_t d;
  if (!absl::SimpleAtoi(v, &d) || d < lo || d > hi) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", name, ": expected an integer from ", lo, " to ", hi,
        ", got \"", v, "\""));
  }
  return static_cast<long>(d);
}

absl::StatusOr<ParsedArgs> ParseFlags(const std::vector<std::string>& args,
                                      const std::vector<FlagSpec>& specs) {
  ParsedArgs out;
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg == "-" || !absl::StartsWith(arg, "-")) {
      out.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    std::string body = arg.substr(absl::StartsWith(arg, "--") ? 2 : 1);
    std::string name = body, value;
    bool has_value = false;
    size_t eq = body.find('=');
    if (eq != std::string::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    if (name == "h") name = "help";
    const FlagSpec* spec = Find(specs, name);
    if (spec == nullptr) {
      std::string best;
      size_t best_d = 4;
      for (const auto& s : specs) {
        size_t d = EditDistance(name, s.name);
        if (d < best_d) best_d = d, best = s.name;
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown flag ", arg,
          best.empty() ? "" : absl::StrCat(" (did you mean --", best, "?)")));
    }
    if (spec->value_name.empty()) {
      if (has_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      out.values[name].push_back("true");
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", name, " needs a value (", spec->value_name, ")"));
      }
      value = args[++i];
    }
    out.values[name].push_back(value);
  }
  return out;
}

namespace {

// Wraps `text` to lines of at most `width` columns, each after `indent`
// spaces but the first (which continues the current line).
std::string Wrap(const std::string& text, size_t indent, size_t width) {
  std::string out, line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      absl::StrAppend(&out, line, "\n", std::string(indent, ' '));
      line.clear();
    }
    if (!line.empty()) line.push_back(' ');
    line += word;
    start = end + 1;
  }
  absl::StrAppend(&out, line, "\n");
  return out;
}

}  // namespace

std::string FlagHelp(const std::vector<FlagSpec>& specs) {
  constexpr size_t kIndent = 26, kWidth = 80;
  std::vector<std::string> groups;
  for (const auto& s : specs) {
    if (std::find(groups.begin(), groups.end(), s.group) == groups.end()) {
      groups.push_back(s.group);
    }
  }
  std::string out;
  for (const auto& g : groups) {
    absl::StrAppend(&out, "\n", g, ":\n");
    for (const auto& s : specs) {
      if (s.group != g) continue;
      std::string left = absl::StrCat("  --", s.name);
      if (!s.value_name.empty()) absl::StrAppend(&left, " ", s.value_name);
      if (left.size() < kIndent) {
        left.resize(kIndent, ' ');
        absl::StrAppend(&out, left, Wrap(s.help, kIndent, kWidth));
      } else {
        absl::StrAppend(&out, left, "\n", std::string(kIndent, ' '),
                        Wrap(s.help, kIndent, kWidth));
      }
    }
  }
  return out;
}

}  // namespace cli
}  // namespace reprint
