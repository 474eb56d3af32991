#include "core/analysis/model_import.h"

#include <torch/torch.h>

#include <fstream>

#include "core/content_hash.h"
#include "model/base/error.h"
#include "model/base/text.h"
#include "model/network_file.h"

namespace unilearn::core {

ImportedModel importModelFile(const std::string& in, const std::string& out, bool allow_partial) {
  if (!endsWith(out, ".safetensors"))
    throw Error(Error::Kind::kArgument, "the imported model is written as .safetensors");
  const std::string ext = in.substr(in.find_last_of('.') + 1);
  if (ext == "pth" || ext == "pt") {
    std::ifstream f(in, std::ios::binary);
    if (!f) throw Error(Error::Kind::kIo, "cannot open '" + in + "'");
    char magic[2] = {0, 0};
    f.read(magic, 2);
    if (magic[0] != 'P' || magic[1] != 'K')
      throw Error(Error::Kind::kFormat,
                  "'" + in +
                      "' is not a PyTorch checkpoint: torch.save writes a zip archive, and this "
                      "file is not one (a download that stopped early, or an HTML page?)");
  }
  torch::NoGradGuard no_grad;
  LoadOptions options;
  options.allow_partial = allow_partial;
  LoadedNetwork net = loadNetwork(in, std::nullopt, options);
  const std::string source = in.substr(in.find_last_of('/') + 1);
  saveNetwork(out, net.network,
              {{"source", source},
               {"source_format", net.format},
               {"loading", net.report.summary()},
               {"converted_by", "UniLearn Studio model manager"}});
  ImportedModel m;
  m.path = out;
  const std::string file = out.substr(out.find_last_of('/') + 1);
  m.name = file.substr(0, file.size() - 12);
  m.config = net.config;
  m.complete = net.report.complete();
  m.report = net.report.summary();
  m.weights_hash = contentHash(out);
  return m;
}

}  // namespace unilearn::core
