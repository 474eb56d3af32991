// Errors that leave the model library. Every failure a caller can meet (missing file, malformed
// checkpoint, wrong shape) is reported as unilearn::Error with a message a person can act on;
// c10::Error and std exceptions from below are translated at the library boundary.
#pragma once

#include <stdexcept>
#include <string>

namespace unilearn {

class Error : public std::runtime_error {
 public:
  enum class Kind { kIo, kFormat, kShape, kConfig, kUnsafe, kArgument };

  Error(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace unilearn
