#include "model/checkpoint.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/base/zip_crc.h"

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

namespace {

// One torch.save zip file: unpickles data.pkl with storages allocated but not yet read, then
// reads (and checksums) only the storages a caller asks for. Reading an authors' checkpoint
// thus never loads its optimizer state.
class TorchFile {
 public:
  explicit TorchFile(const std::string& path) : path_(path) {
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
    guarded([&] {
      reader_ = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
      if (!reader_->hasRecord("data.pkl"))
        throw Error(Error::Kind::kFormat, "'" + path + "' has no data.pkl: not a torch.save file");
      records_ = zipRecords(path);
    });
    file_.open(path, std::ios::binary);
  }

  pickle::Value unpickle() {
    return guarded([&] {
      auto [ptr, size] = reader_->getRecord("data.pkl");
      verify("data.pkl", crc32(ptr.get(), size), size);
      const std::string pkl(static_cast<const char*>(ptr.get()), size);
      return pickle::unpickle(pkl, [&](const std::string& type, const std::string& key,
                                       int64_t numel) { return allocate(type, key, numel); });
    });
  }

  // Reads the storage behind `t` from the file, once.
  void fill(const at::Tensor& t) {
    auto it = pending_.find(t.storage().data());
    if (it == pending_.end()) return;
    Pending p = it->second;
    pending_.erase(it);
    guarded([&] {
      file_.clear();
      file_.seekg(static_cast<std::streamoff>(p.offset));
      char* dst = static_cast<char*>(p.storage.data_ptr());
      file_.read(dst, static_cast<std::streamsize>(p.bytes));
      if (static_cast<size_t>(file_.gcount()) != p.bytes)
        damaged("storage '" + p.name + "' is cut off");
      uint32_t crc = crc32(dst, p.bytes);
      std::vector<char> rest(p.record_size - p.bytes);
      file_.read(rest.data(), static_cast<std::streamsize>(rest.size()));
      crc = crc32(rest.data(), rest.size(), crc);
      verify(p.name, crc, p.record_size);
    });
  }

  void fillAll() {
    while (!pending_.empty())
      fill(pending_.begin()->second.storage);
  }

 private:
  struct Pending {
    std::string name;
    at::Tensor storage;
    uint64_t offset = 0, bytes = 0, record_size = 0;
  };

  [[noreturn]] void damaged(const std::string& why) const {
    throw Error(Error::Kind::kFormat, "'" + path_ + "' is damaged or truncated: " + why);
  }

  void verify(const std::string& name, uint32_t crc, uint64_t size) const {
    auto it = records_.find(name);
    if (it == records_.end() || it->second.crc != crc || it->second.size != size)
      throw Error(Error::Kind::kFormat, "'" + path_ + "' is damaged: record '" + name +
                                            "' fails its checksum (corrupted download or disk?)");
  }

  at::Tensor allocate(const std::string& type, const std::string& key, int64_t numel) {
    const auto dtype = pickle::storageDtype(type);
    const std::string name = "data/" + key;
    auto rec = records_.find(name);
    if (key.find('/') != std::string::npos || key.find("..") != std::string::npos ||
        rec == records_.end() || !reader_->hasRecord(name))
      throw Error(Error::Kind::kFormat, "storage '" + key + "' is missing from '" + path_ + "'");
    if (!rec->second.stored) damaged("storage '" + key + "' is compressed");
    const uint64_t elem = c10::elementSize(dtype);
    if (numel < 0 || static_cast<uint64_t>(numel) > rec->second.size / elem)
      damaged("storage '" + key + "' holds " + std::to_string(rec->second.size) + " bytes, " +
              std::to_string(numel) + " elements of " + std::to_string(elem) + " bytes expected");
    Pending p;
    p.name = name;
    p.storage = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
    p.offset = reader_->getRecordOffset(name);
    p.bytes = static_cast<uint64_t>(numel) * elem;
    p.record_size = rec->second.size;
    if (p.bytes > 0) pending_[p.storage.data_ptr()] = p;
    return p.storage;
  }

  // Runs `fn`, turning LibTorch's and the standard library's exceptions into unilearn::Error.
  template <typename F>
  auto guarded(F&& fn) -> decltype(fn()) {
    try {
      return fn();
    } catch (const Error& e) {
      if (e.kind() == Error::Kind::kUnsafe) throw Error(e.kind(), "'" + path_ + "': " + e.what());
      throw;
    } catch (const c10::Error& e) {
      std::string msg = e.what_without_backtrace();
      damaged(msg.substr(0, msg.find('\n')));
    } catch (const std::exception& e) {
      throw Error(Error::Kind::kFormat, "'" + path_ + "' could not be read: " + e.what());
    }
  }

  std::string path_;
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader_;
  std::map<std::string, ZipRecord> records_;
  std::map<const void*, Pending> pending_;
  std::ifstream file_;
};

}  // namespace

pickle::Value readTorchFile(const std::string& path) {
  TorchFile file(path);
  pickle::Value v = file.unpickle();
  file.fillAll();
  return v;
}

TorchCheckpoint readTorchCheckpoint(const std::string& path) {
  TorchFile file(path);
  pickle::Value top = file.unpickle();
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
  for (const auto& [name, t] : ck.state_dict)
    file.fill(t);  // only the weights are read
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
