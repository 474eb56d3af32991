#include "model/network_file.h"

#include <fstream>

#include <torch/torch.h>

#include "model/base/error.h"

namespace unilearn {
// A safetensors file: an 8-byte little-endian header length, then the JSON header ('{'); torch.save
// files start with a zip header ("PK") or, in the legacy format, a pickle PROTO opcode (0x80).
// The safetensors test comes first: a header length whose low byte is 0x80 also starts with it.
// Anything else is read as safetensors, whose reader explains what is wrong.
bool isSafetensorsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  unsigned char head[9] = {0};
  in.read(reinterpret_cast<char*>(head), 9);
  if (in.gcount() == 9 && head[8] == '{') {
    uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
      length = (length << 8) | head[i];
    in.seekg(0, std::ios::end);
    if (length > 0 && length + 8 <= static_cast<uint64_t>(in.tellg())) return true;
  }
  const bool torch_file = (head[0] == 'P' && head[1] == 'K') || head[0] == 0x80;
  return !torch_file;
}

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
  if (isSafetensorsFile(path)) {
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
