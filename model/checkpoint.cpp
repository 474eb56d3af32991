#include "model/checkpoint.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include "model/error.h"
#include "model/zip_crc.h"

namespace unilearn {
namespace {

bool startsWith(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

std::string shapeText(const std::vector<int64_t>& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    out += (i ? "," : "") + std::to_string(s[i]);
  return "[" + out + "]";
}

json::Value toJson(const pickle::Value& v, int depth = 0) {
  using K = pickle::Value::Kind;
  if (depth > 8) return json::Value("...");
  switch (v.kind()) {
    case K::kNone:
      return json::Value();
    case K::kBool:
      return json::Value(v.asBool());
    case K::kInt:
      return json::Value(v.asInt());
    case K::kFloat:
      return json::Value(v.asFloat());
    case K::kString:
      return json::Value(v.asString());
    case K::kTuple:
    case K::kList:
    case K::kSet: {
      json::Value a = json::Value::array();
      for (const auto& item : v.items())
        a.push(toJson(item, depth + 1));
      return a;
    }
    case K::kDict:
    case K::kObject: {
      json::Value o = json::Value::object();
      for (const auto& [k, item] : v.pairs())
        if (k.kind() == K::kString) o.set(k.asString(), toJson(item, depth + 1));
      return o;
    }
    default:
      return json::Value(std::string("<") + v.kindName() + ">");
  }
}

// A dict whose values are all tensors under string keys, as a state dict.
bool asStateDict(const pickle::Value& v, StateDict& out) {
  if (v.kind() != pickle::Value::Kind::kDict || v.pairs().empty()) return false;
  StateDict sd;
  for (const auto& [k, t] : v.pairs()) {
    if (k.kind() != pickle::Value::Kind::kString || t.kind() != pickle::Value::Kind::kTensor)
      return false;
    sd.emplace_back(k.asString(), t.asTensor());
  }
  out = std::move(sd);
  return true;
}

}  // namespace

pickle::Value readTorchFile(const std::string& path) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe)
    throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  char magic[4] = {0, 0, 0, 0};
  probe.read(magic, 4);
  if (probe.gcount() < 4)
    throw Error(Error::Kind::kFormat, "'" + path + "' is empty or truncated, not a checkpoint");
  if (!(magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)) {
    if (static_cast<uint8_t>(magic[0]) == 0x80)
      throw Error(Error::Kind::kFormat,
                  "'" + path +
                      "' uses PyTorch's legacy (pre-1.6) format; re-save it in Python "
                      "with torch.save(torch.load(f), g) to get the zip format");
    throw Error(Error::Kind::kFormat, "'" + path + "' is not a PyTorch torch.save file");
  }
  try {
    caffe2::serialize::PyTorchStreamReader reader(path);
    if (!reader.hasRecord("data.pkl"))
      throw Error(Error::Kind::kFormat, "'" + path + "' has no data.pkl: not a torch.save file");
    const std::map<std::string, uint32_t> crcs = zipRecordCrcs(path);
    auto verify = [&](const std::string& name, const void* data, size_t size) {
      auto it = crcs.find(name);
      if (it == crcs.end() || it->second != crc32(data, size))
        throw Error(Error::Kind::kFormat, "'" + path + "' is damaged: record '" + name +
                                              "' fails its checksum (corrupted download or disk?)");
    };
    auto [pkl_ptr, pkl_size] = reader.getRecord("data.pkl");
    verify("data.pkl", pkl_ptr.get(), pkl_size);
    std::string pkl(static_cast<const char*>(pkl_ptr.get()), pkl_size);
    auto loader = [&](const std::string& type, const std::string& key, int64_t numel) {
      const auto dtype = pickle::storageDtype(type);
      const std::string name = "data/" + key;
      if (key.find('/') != std::string::npos || key.find("..") != std::string::npos ||
          !reader.hasRecord(name))
        throw Error(Error::Kind::kFormat, "storage '" + key + "' is missing from '" + path + "'");
      auto [ptr, size] = reader.getRecord(name);
      verify(name, ptr.get(), size);
      const size_t need = static_cast<size_t>(numel) * c10::elementSize(dtype);
      if (numel < 0 || size < need)
        throw Error(Error::Kind::kFormat, "storage '" + key + "' in '" + path + "' holds " +
                                              std::to_string(size) + " bytes, " +
                                              std::to_string(need) + " expected (truncated?)");
      auto t = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
      if (need) std::memcpy(t.data_ptr(), ptr.get(), need);
      return t;
    };
    return pickle::unpickle(pkl, loader);
  } catch (const Error& e) {
    if (e.kind() == Error::Kind::kUnsafe) throw Error(e.kind(), "'" + path + "': " + e.what());
    throw;
  } catch (const c10::Error& e) {
    std::string msg = e.what_without_backtrace();
    throw Error(Error::Kind::kFormat,
                "'" + path + "' is damaged or truncated (" + msg.substr(0, msg.find('\n')) + ")");
  } catch (const std::exception& e) {
    throw Error(Error::Kind::kFormat, "'" + path + "' could not be read: " + e.what());
  }
}

TorchCheckpoint readTorchCheckpoint(const std::string& path) {
  pickle::Value top = readTorchFile(path);
  TorchCheckpoint ck;
  if (top.kind() == pickle::Value::Kind::kDict) {
    for (const auto& [k, v] : top.pairs())
      if (k.kind() == pickle::Value::Kind::kString) ck.top_level_keys.push_back(k.asString());
  }
  for (const char* key : {"model", "module", "state_dict", "model_state"}) {
    const pickle::Value* sub = top.get(key);
    if (sub && asStateDict(*sub, ck.state_dict)) {
      ck.state_dict_key = key;
      break;
    }
  }
  if (ck.state_dict.empty() && !asStateDict(top, ck.state_dict))
    throw Error(Error::Kind::kFormat, "'" + path +
                                          "' holds no state dict of tensors (looked at "
                                          "'model', 'module', 'state_dict' and the top level)");
  if (const pickle::Value* args = top.get("args")) ck.args = toJson(*args);
  return ck;
}

std::string LoadReport::summary() const {
  std::ostringstream s;
  auto list = [&](const char* what, const std::vector<std::string>& keys) {
    if (keys.empty()) return;
    s << "; " << keys.size() << " " << what << " (";
    for (size_t i = 0; i < keys.size() && i < 4; ++i)
      s << (i ? ", " : "") << keys[i];
    if (keys.size() > 4) s << ", ...";
    s << ")";
  };
  s << loaded.size() << " tensors loaded";
  if (pretrain) s << " from a pre-training checkpoint";
  list("missing, left at initial values", missing);
  list("unexpected", unexpected);
  list("pre-training only, unused", unused);
  if (!mismatched.empty()) {
    s << "; " << mismatched.size() << " with the wrong shape (";
    for (size_t i = 0; i < mismatched.size() && i < 4; ++i)
      s << (i ? ", " : "") << mismatched[i].key << " is " << shapeText(mismatched[i].got)
        << ", model needs " << shapeText(mismatched[i].expected);
    s << ")";
  }
  return s.str();
}

LoadReport loadStateDict(torch::nn::Module& model, const StateDict& state,
                         const LoadOptions& options) {
  LoadReport report;
  for (const auto& [k, t] : state)
    if (startsWith(k, "encoder.") || startsWith(k, "module.encoder.")) report.pretrain = true;

  std::map<std::string, at::Tensor> incoming;
  for (const auto& [raw, t] : state) {
    std::string k = raw;
    if (startsWith(k, "module.")) k = k.substr(7);
    if (report.pretrain) {
      if (startsWith(k, "decoder.") || startsWith(k, "encoder_to_decoder.") || k == "mask_token" ||
          startsWith(k, "encoder.norm.")) {
        report.unused.push_back(raw);
        continue;
      }
      if (startsWith(k, "backbone.")) k = k.substr(9);
      if (startsWith(k, "encoder.")) k = k.substr(8);
    }
    incoming[k] = t;
  }

  auto params = model.named_parameters(/*recurse=*/true);
  std::vector<std::pair<at::Tensor, at::Tensor>> copies;
  for (const auto& item : params) {
    auto it = incoming.find(item.key());
    if (it == incoming.end()) {
      report.missing.push_back(item.key());
      continue;
    }
    if (it->second.sizes() != item.value().sizes()) {
      report.mismatched.push_back(
          {item.key(), item.value().sizes().vec(), it->second.sizes().vec()});
    } else {
      copies.emplace_back(item.value(), it->second);
      report.loaded.push_back(item.key());
    }
    incoming.erase(it);
  }
  for (const auto& [k, t] : incoming)
    report.unexpected.push_back(k);

  if (!report.complete() && !options.allow_partial)
    throw Error(Error::Kind::kShape, "checkpoint does not match the model: " + report.summary());
  torch::NoGradGuard guard;
  for (auto& [dst, src] : copies)
    dst.copy_(src.to(dst.scalar_type()));
  return report;
}

ModelConfig inferConfig(const StateDict& state) {
  std::map<std::string, at::Tensor> sd;
  for (const auto& [k, t] : state) {
    std::string key = startsWith(k, "module.") ? k.substr(7) : k;
    if (startsWith(key, "encoder.")) key = key.substr(8);
    sd[key] = t;
  }
  auto need = [&](const std::string& key) -> const at::Tensor& {
    auto it = sd.find(key);
    if (it == sd.end())
      throw Error(Error::Kind::kFormat,
                  "cannot infer the model config: key '" + key + "' is missing; pass --config");
    return it->second;
  };
  ModelConfig c;
  const auto& pe = need("patch_embed.proj.weight");
  if (pe.dim() != 5 || pe.size(1) != 3)
    throw Error(Error::Kind::kFormat, "patch_embed.proj.weight is not a [D,3,t,p,p] kernel");
  c.embed_dim = pe.size(0);
  c.tubelet_size = pe.size(2);
  c.patch_size = pe.size(3);
  c.num_heads = std::max<int64_t>(1, c.embed_dim / 64);
  c.depth = 0;
  while (sd.count("blocks." + std::to_string(c.depth) + ".norm1.weight"))
    ++c.depth;
  c.moe_layers.clear();
  c.num_experts = 0;
  for (int64_t i = 0; i < c.depth; ++i) {
    const std::string prefix = "blocks." + std::to_string(i) + ".moe_layer.";
    auto it = sd.find(prefix + "router.topkroute_linear.weight");
    if (it == sd.end()) continue;
    c.moe_layers.push_back(i);
    c.num_experts = it->second.size(0);
  }
  if (c.moe_layers.empty()) c.num_experts = 8;
  const auto& fc1 = need("blocks.0.mlp.fc1.weight");
  c.mlp_ratio = static_cast<double>(fc1.size(0)) / static_cast<double>(c.embed_dim);
  c.qkv_bias = sd.count("blocks.0.attn.q_bias") > 0;
  if (sd.count("head.image.weight")) c.image_classes = sd["head.image.weight"].size(0);
  if (sd.count("head.video.weight")) c.video_classes = sd["head.video.weight"].size(0);
  if (c.image_classes == 7) c.image_class_names = affectnet7ClassNames();
  if (c.video_classes == 7) c.video_class_names = dfewClassNames();
  if (c.video_classes == 11) c.video_class_names = mafwClassNames();
  c.validate();
  return c;
}

}  // namespace unilearn
