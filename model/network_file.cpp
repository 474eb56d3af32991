#include "model/network_file.h"

#include <fstream>

#include <torch/torch.h>

#include "model/error.h"

namespace unilearn {
namespace {

// torch.save files start with a zip header ("PK") or, in the legacy format, a pickle PROTO
// opcode; everything else is read as safetensors (whose reader explains what is wrong).
bool isSafetensors(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  char magic[2] = {0, 0};
  in.read(magic, 2);
  const bool torch_file =
      (magic[0] == 'P' && magic[1] == 'K') || static_cast<uint8_t>(magic[0]) == 0x80;
  return !torch_file;
}

}  // namespace

StateDict stateDictOf(const torch::nn::Module& module) {
  StateDict sd;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    sd.emplace_back(item.key(), item.value());
  return sd;
}

LoadedNetwork loadNetwork(const std::string& path, const std::optional<ModelConfig>& config,
                          const LoadOptions& options) {
  LoadedNetwork out;
  StateDict state;
  if (isSafetensors(path)) {
    SafetensorsFile file = readSafetensors(path);
    out.format = "safetensors";
    out.metadata = file.metadata;
    state = std::move(file.tensors);
    if (config) {
      out.config = *config;
    } else if (const std::string* cfg = file.find("unilearn_config")) {
      try {
        out.config = ModelConfig::fromJson(json::parse(*cfg));
      } catch (const Error& e) {
        throw Error(Error::Kind::kFormat,
                    "'" + path + "': its model config is invalid: " + e.what());
      }
    } else {
      out.config = inferConfig(state);
    }
  } else {
    TorchCheckpoint ck = readTorchCheckpoint(path);
    out.format = "torch";
    state = std::move(ck.state_dict);
    out.config = config ? *config : inferConfig(state);
  }
  out.network = VitMoE(out.config);
  out.report = loadStateDict(*out.network, state, options);
  out.network->eval();
  return out;
}

void saveNetwork(const std::string& path, VitMoE& network, const Metadata& provenance) {
  Metadata meta = {{"format", "pt"}, {"unilearn_config", network->config().toJson().dump()}};
  for (const auto& kv : provenance)
    meta.push_back(kv);
  writeSafetensors(path, stateDictOf(*network), meta);
}

}  // namespace unilearn
