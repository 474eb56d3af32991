// A small command-line parser for the `unilearn` subcommands: `--name value` options, `--flag`
// switches and positional arguments. Thread-safety: plain value type.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace unilearn::cli {

class Args {
 public:
  // `options` take a value, `flags` do not; anything else starting with "--" is a usage error.
  // Throws UsageError.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
       const std::set<std::string>& flags);

  std::optional<std::string> get(const std::string& name) const;
  std::string require(const std::string& name) const;
  long long getInt(const std::string& name, long long fallback) const;
  // A frame index from an option that takes a time ("1:02.5", "7.5s") or a frame ("f250"), at
  // `fps` frames per second; none when the option is absent. Throws UsageError.
  std::optional<long long> getFrame(const std::string& name, double fps) const;
  bool has(const std::string& flag) const { return flags_.count(flag) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

struct UsageError {
  std::string message;
};

}  // namespace unilearn::cli
