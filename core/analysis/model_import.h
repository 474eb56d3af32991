// Importing a model file into the app's model list without LibTorch in the caller: an authors'
// checkpoint (`torch.save` .pth, fine-tuning or pre-training layout) or one of our .safetensors
// files is loaded, its config inferred, the load report kept in plain words, and a
// .safetensors copy written where the app keeps models. Thread-safety: free function; run it on
// a worker thread (a base-size checkpoint takes seconds).
#pragma once

#include <string>
#include <vector>

#include "model/config.h"

namespace unilearn::core {

struct ImportedModel {
  std::string path;  // the .safetensors written
  std::string name;  // file name without extension
  ModelConfig config;
  bool complete = false;  // every weight found, nothing left over
  std::string report;     // the load report in plain words
  std::string weights_hash;
};

// `allow_partial`: keep going when weights are missing or left over (they are listed in the
// report); off, such a file is refused with the same words. Throws unilearn::Error.
ImportedModel importModelFile(const std::string& in, const std::string& out_safetensors,
                              bool allow_partial);

}  // namespace unilearn::core
