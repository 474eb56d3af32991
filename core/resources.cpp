#include "core/resources.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "model/base/error.h"

namespace unilearn::core {

std::string resourceDir() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("UNILEARN_RESOURCES")) candidates.push_back(env);
  char exe[4096] = {0};
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    std::string dir(exe, static_cast<size_t>(n));
    dir = dir.substr(0, dir.find_last_of('/'));
    candidates.push_back(dir + "/../share/unilearn-studio");
  }
  candidates.push_back(UNILEARN_SOURCE_RESOURCES);
  for (const auto& c : candidates)
    if (std::ifstream(c + "/models/face_expression_model-weights_manifest.json").good()) return c;
  std::string tried;
  for (const auto& c : candidates)
    tried += (tried.empty() ? "" : ", ") + c;
  throw Error(Error::Kind::kIo, "the app's model files were not found (looked in " + tried +
                                    "); set UNILEARN_RESOURCES to the folder holding models/");
}

namespace {

std::string shipped(const char* name) {
  try {
    const std::string path = resourceDir() + "/models/" + name;
    return std::ifstream(path).good() ? path : std::string();
  } catch (const Error&) {
    return {};
  }
}

}  // namespace

std::string shippedClipModel() {
  return shipped("unilearn-t16-ferplus.safetensors");
}

std::string shippedModelCard() {
  return shipped("unilearn-t16-ferplus.md");
}

}  // namespace unilearn::core
