#include "model/tfjs_weights.h"

#include <torch/torch.h>

#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json.h"

namespace unilearn {
namespace {

std::string dirOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

}  // namespace

std::vector<std::pair<std::string, at::Tensor>> readTfjsWeights(const std::string& manifest_path) {
  json::Value manifest;
  try {
    manifest = json::parse(readFile(manifest_path, "TF.js model manifest"));
  } catch (const Error& e) {
    throw Error(e.kind(), manifest_path + ": " + e.what());
  }
  std::vector<std::pair<std::string, at::Tensor>> out;
  try {
    for (const auto& group : manifest.asArray("manifest")) {
      std::string data;
      for (const auto& p :
           group.find("paths") ? group.find("paths")->asArray("paths") : json::Value::Array{})
        data += readFile(dirOf(manifest_path) + "/" + p.asString("path"), "TF.js weights shard");
      size_t offset = 0;
      const json::Value* weights = group.find("weights");
      if (!weights) throw Error(Error::Kind::kFormat, "a weight group has no 'weights'");
      for (const auto& w : weights->asArray("weights")) {
        const std::string name = w.find("name") ? w.find("name")->asString("name") : "";
        std::vector<int64_t> shape;
        int64_t numel = 1;
        for (const auto& d : w.find("shape")->asArray(name + ".shape")) {
          shape.push_back(d.asInt(name + ".shape"));
          if (shape.back() < 0 || shape.back() > (int64_t{1} << 31))
            throw Error(Error::Kind::kFormat, name + " has a bad shape");
          numel *= shape.back();
        }
        const json::Value* q = w.find("quantization");
        const std::string dtype = w.find("dtype") ? w.find("dtype")->asString(name + ".dtype") : "";
        if (dtype != "float32")
          throw Error(Error::Kind::kFormat, name + " has unsupported dtype '" + dtype + "'");
        const size_t bytes = static_cast<size_t>(numel) * (q ? 1 : 4);
        if (offset + bytes > data.size())
          throw Error(Error::Kind::kFormat,
                      "weight data ends before " + name + " (truncated shard?)");
        torch::Tensor t;
        if (q) {
          if (q->find("dtype")->asString("quantization.dtype") != "uint8")
            throw Error(Error::Kind::kFormat, name + ": only uint8 quantization is supported");
          const double scale = q->find("scale")->asNumber("scale");
          const double min = q->find("min")->asNumber("min");
          t = torch::from_blob(data.data() + offset, {numel}, torch::kUInt8).to(torch::kFloat);
          t = t * scale + min;
        } else {
          t = torch::empty({numel}, torch::kFloat);
          std::memcpy(t.data_ptr(), data.data() + offset, bytes);
        }
        offset += bytes;
        out.emplace_back(name, t.reshape(shape));
      }
      if (offset != data.size())
        throw Error(Error::Kind::kFormat, "weight shards hold " + std::to_string(data.size()) +
                                              " bytes, the manifest describes " +
                                              std::to_string(offset));
    }
  } catch (const Error& e) {
    throw Error(e.kind(), manifest_path + ": " + e.what());
  }
  return out;
}

}  // namespace unilearn
