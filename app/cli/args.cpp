#include "app/cli/args.h"

#include <cstdlib>

#include "core/media/frame_time.h"

namespace unilearn::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
           const std::set<std::string>& flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a.substr(2), value;
      const size_t eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (flags.count(name) && !inline_value) {
        flags_.insert(name);
      } else if (options.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argv.size()) throw UsageError{"option --" + name + " needs a value"};
          value = argv[++i];
        }
        values_[name] = value;
      } else {
        throw UsageError{"unknown option --" + name};
      }
    } else {
      positional_.push_back(a);
    }
  }
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::require(const std::string& name) const {
  auto v = get(name);
  if (!v) throw UsageError{"missing required option --" + name};
  return *v;
}

long long Args::getInt(const std::string& name, long long fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  char* end = nullptr;
  long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0')
    throw UsageError{"--" + name + " needs an integer, got '" + *v + "'"};
  return n;
}

std::optional<long long> Args::getFrame(const std::string& name, double fps) const {
  const auto text = get(name);
  if (!text) return std::nullopt;
  const auto t = core::parseTimeInput(*text);
  if (!t) throw UsageError{"--" + name + " takes a time (1:02.5, 7.5s) or a frame (f250)"};
  return t->frame ? *t->frame : static_cast<long long>(static_cast<double>(*t->ms) * fps / 1000.0);
}

}  // namespace unilearn::cli
