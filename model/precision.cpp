#include "model/precision.h"

#include <fstream>
#include <sstream>

#include <torch/torch.h>

#include "model/base/error.h"
#include "model/int8_linear.h"
#include "model/layers.h"

namespace unilearn {

Precision parsePrecision(const std::string& name) {
  if (name == "fp32") return Precision::kFp32;
  if (name == "bf16") return Precision::kBf16;
  if (name == "int8") return Precision::kInt8;
  throw Error(Error::Kind::kArgument, "precision must be fp32, bf16 or int8, not '" + name + "'");
}

const char* precisionName(Precision p) {
  return p == Precision::kBf16 ? "bf16" : p == Precision::kInt8 ? "int8" : "fp32";
}

bool cpuHasBf16() {
  static const bool has = [] {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("flags", 0) == 0) {
        std::istringstream flags(line.substr(line.find(':') + 1));
        for (std::string f; flags >> f;)
          if (f == "avx512_bf16" || f == "amx_bf16") return true;
        return false;
      }
    return false;
  }();
  return has;
}

Precision usablePrecision(Precision wanted, std::string* why) {
  if (why) why->clear();
  if (wanted == Precision::kBf16 && !cpuHasBf16()) {
    if (why)
      *why =
          "this CPU has no native bf16 arithmetic (AVX-512 BF16 or AMX): using fp32, which "
          "is faster here";
    return Precision::kFp32;
  }
  if (wanted == Precision::kInt8 && !Int8Linear::supported()) {
    if (why) *why = "this LibTorch has no quantized engine for int8: using fp32";
    return Precision::kFp32;
  }
  return wanted;
}

void applyPrecision(torch::nn::Module& network, Precision p) {
  const auto type = p == Precision::kBf16 ? torch::kBFloat16 : torch::kFloat32;
  network.to(type);
  if (p == Precision::kInt8) {
    for (const auto& m : network.modules()) {
      if (auto* a = m->as<AttentionImpl>()) a->quantizeInt8();
      if (auto* mlp = m->as<MlpImpl>()) mlp->quantizeInt8();
    }
    return;
  }
  if (p == Precision::kFp32) return;
  for (const auto& m : network.named_modules())
    if (m.key().size() >= 6 && m.key().compare(m.key().size() - 6, 6, "router") == 0)
      m.value()->to(torch::kFloat32);
}

}  // namespace unilearn
