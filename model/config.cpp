#include "model/config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/base/error.h"
#include "model/base/text.h"

namespace unilearn {
namespace {

[[noreturn]] void configError(const std::string& msg) {
  throw Error(Error::Kind::kConfig, "model config: " + msg);
}

std::vector<std::string> readNames(const json::Value& v, const std::string& key) {
  std::vector<std::string> names;
  for (const auto& item : v.asArray(key))
    names.push_back(item.asString(key + " item"));
  return names;
}

json::Value writeNames(const std::vector<std::string>& names) {
  json::Value arr = json::Value::array();
  for (const auto& n : names)
    arr.push(n);
  return arr;
}

}  // namespace

bool ModelConfig::isMoeLayer(int64_t block) const {
  return std::find(moe_layers.begin(), moe_layers.end(), block) != moe_layers.end();
}

int64_t ModelConfig::parameterCount() const {
  const int64_t d = embed_dim, h = mlpHidden(), eh = expertHidden();
  const int64_t patch = d * 3 * tubelet_size * patch_size * patch_size + d;
  const int64_t block =
      4 * d + (qkv_bias ? 2 * d : 0) + 3 * d * d + d * d + d + d * h + h + h * d + d;
  const int64_t moe =
      2 * (num_experts * d + num_experts) + num_experts * (d * eh + eh + eh * d + d);
  const int64_t heads = (d + 1) * image_classes + (d + 1) * video_classes;
  return patch + depth * block + static_cast<int64_t>(moe_layers.size()) * moe + 2 * d + heads;
}

void ModelConfig::validate() const {
  auto positive = [](int64_t v, const char* name) {
    if (v <= 0)
      configError(std::string(name) + " must be positive (got " + std::to_string(v) + ")");
  };
  positive(img_size, "img_size");
  positive(patch_size, "patch_size");
  positive(num_frames, "num_frames");
  positive(tubelet_size, "tubelet_size");
  positive(embed_dim, "embed_dim");
  positive(depth, "depth");
  positive(num_heads, "num_heads");
  positive(image_classes, "image_classes");
  positive(video_classes, "video_classes");
  if (img_size % patch_size != 0) configError("img_size must be a multiple of patch_size");
  if (num_frames % tubelet_size != 0) configError("num_frames must be a multiple of tubelet_size");
  if (tubelet_size != 2)
    configError("tubelet_size must be 2: images are padded to 2-frame clips (PadIm2Video)");
  if (embed_dim % num_heads != 0) configError("embed_dim must be divisible by num_heads");
  if (embed_dim % 2 != 0) configError("embed_dim must be even (sinusoid position table)");
  if (!(mlp_ratio > 0.0)) configError("mlp_ratio must be positive");
  if (!moe_layers.empty()) {
    positive(num_experts, "num_experts");
    if (top_k <= 0 || top_k > num_experts) configError("top_k must be in 1..num_experts");
    if (!(capacity_factor > 0.0)) configError("capacity_factor must be positive");
    if (expertHidden() <= 0) configError("embed_dim too small for expert hidden size");
  }
  for (size_t i = 0; i < moe_layers.size(); ++i) {
    if (moe_layers[i] < 0 || moe_layers[i] >= depth)
      configError("moe_layers entry " + std::to_string(moe_layers[i]) + " is outside 0.." +
                  std::to_string(depth - 1));
    for (size_t j = 0; j < i; ++j)
      if (moe_layers[j] == moe_layers[i]) configError("moe_layers lists a block twice");
  }
  if (!(face_margin >= 0.0 && face_margin <= 1.0)) configError("face_margin must lie in [0, 1]");
  if (!image_class_names.empty() && static_cast<int64_t>(image_class_names.size()) != image_classes)
    configError("image_class_names has " + std::to_string(image_class_names.size()) +
                " names for " + std::to_string(image_classes) + " image classes");
  if (!video_class_names.empty() && static_cast<int64_t>(video_class_names.size()) != video_classes)
    configError("video_class_names has " + std::to_string(video_class_names.size()) +
                " names for " + std::to_string(video_classes) + " video classes");
}

json::Value ModelConfig::toJson() const {
  json::Value v = json::Value::object();
  v.set("img_size", img_size);
  v.set("patch_size", patch_size);
  v.set("num_frames", num_frames);
  v.set("tubelet_size", tubelet_size);
  v.set("embed_dim", embed_dim);
  v.set("depth", depth);
  v.set("num_heads", num_heads);
  v.set("mlp_ratio", mlp_ratio);
  v.set("qkv_bias", qkv_bias);
  json::Value layers = json::Value::array();
  for (int64_t l : moe_layers)
    layers.push(l);
  v.set("moe_layers", layers);
  v.set("num_experts", num_experts);
  v.set("top_k", top_k);
  v.set("capacity_factor", capacity_factor);
  v.set("image_classes", image_classes);
  v.set("video_classes", video_classes);
  if (!image_class_names.empty()) v.set("image_class_names", writeNames(image_class_names));
  if (!video_class_names.empty()) v.set("video_class_names", writeNames(video_class_names));
  if (face_margin != 0.25) v.set("face_margin", face_margin);  // written only when not the default
  return v;
}

ModelConfig ModelConfig::fromJson(const json::Value& v) {
  ModelConfig c;
  for (const auto& [key, val] : v.asObject("model config")) {
    if (key == "img_size")
      c.img_size = val.asInt(key);
    else if (key == "patch_size")
      c.patch_size = val.asInt(key);
    else if (key == "num_frames")
      c.num_frames = val.asInt(key);
    else if (key == "tubelet_size")
      c.tubelet_size = val.asInt(key);
    else if (key == "embed_dim")
      c.embed_dim = val.asInt(key);
    else if (key == "depth")
      c.depth = val.asInt(key);
    else if (key == "num_heads")
      c.num_heads = val.asInt(key);
    else if (key == "mlp_ratio")
      c.mlp_ratio = val.asNumber(key);
    else if (key == "qkv_bias")
      c.qkv_bias = val.asBool(key);
    else if (key == "moe_layers") {
      c.moe_layers.clear();
      for (const auto& l : val.asArray(key))
        c.moe_layers.push_back(l.asInt("moe_layers item"));
    } else if (key == "num_experts")
      c.num_experts = val.asInt(key);
    else if (key == "top_k")
      c.top_k = val.asInt(key);
    else if (key == "capacity_factor")
      c.capacity_factor = val.asNumber(key);
    else if (key == "image_classes")
      c.image_classes = val.asInt(key);
    else if (key == "video_classes")
      c.video_classes = val.asInt(key);
    else if (key == "image_class_names")
      c.image_class_names = readNames(val, key);
    else if (key == "video_class_names")
      c.video_class_names = readNames(val, key);
    else if (key == "face_margin")
      c.face_margin = val.asNumber(key);
    else
      configError("unknown key '" + key + "'");
  }
  c.validate();
  return c;
}

ModelConfig ModelConfig::fromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open model config '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return fromJson(json::parse(ss.str()));
  } catch (const Error& e) {
    throw Error(e.kind(), path + ": " + e.what());
  }
}

void ModelConfig::toFile(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(Error::Kind::kIo, "cannot write model config '" + path + "'");
  out << toJson().dump(2) << "\n";
  if (!out) throw Error(Error::Kind::kIo, "writing model config '" + path + "' failed");
}

std::vector<std::string> ModelConfig::presetNames() {
  return {"unilearn-b16-160", "unilearn-s16-160", "unilearn-t16-160"};
}

bool ModelConfig::isPreset(const std::string& name) {
  auto names = presetNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

ModelConfig ModelConfig::preset(const std::string& name) {
  ModelConfig c;  // defaults are the paper's ViT-B/16, 160 px, 16 frames
  c.image_class_names = affectnet7ClassNames();
  c.video_class_names = dfewClassNames();
  if (name == "unilearn-b16-160") return c;
  if (name == "unilearn-s16-160") {
    c.embed_dim = 384;
    c.num_heads = 6;
    return c;
  }
  if (name == "unilearn-t16-160") {
    c.embed_dim = 192;
    c.num_heads = 3;
    return c;
  }
  std::string known;
  for (const auto& n : presetNames())
    known += (known.empty() ? "" : ", ") + n;
  throw Error(Error::Kind::kConfig, "unknown model preset '" + name + "' (known: " + known + ")");
}

ModelConfig ModelConfig::fromNameOrFile(const std::string& nameOrPath) {
  if (isPreset(nameOrPath)) return preset(nameOrPath);
  if (endsWith(nameOrPath, ".json")) return fromFile(nameOrPath);
  std::string known;
  for (const auto& n : presetNames())
    known += (known.empty() ? "" : ", ") + n;
  throw Error(
      Error::Kind::kConfig,
      "'" + nameOrPath + "' is neither a preset nor a .json config file (presets: " + known + ")");
}

bool ModelConfig::operator==(const ModelConfig& o) const {
  return toJson().dump() == o.toJson().dump();
}

const std::vector<std::string>& dfewClassNames() {
  static const std::vector<std::string> names = {"Happy",    "Sad",     "Neutral", "Angry",
                                                 "Surprise", "Disgust", "Fear"};
  return names;
}

const std::vector<std::string>& ferv39kClassNames() {
  static const std::vector<std::string> names = {"Angry",   "Disgust", "Fear",    "Happy",
                                                 "Neutral", "Sad",     "Surprise"};
  return names;
}

const std::vector<std::string>& mafwClassNames() {
  static const std::vector<std::string> names = {
      "Anger",     "Anxiety",      "Contempt", "Disappointment", "Disgust", "Fear",
      "Happiness", "Helplessness", "Neutral",  "Sadness",        "Surprise"};
  return names;
}

const std::vector<std::string>& affectnet7ClassNames() {
  static const std::vector<std::string> names = {"Neutral", "Happy",   "Sad",  "Surprise",
                                                 "Fear",    "Disgust", "Anger"};
  return names;
}

}  // namespace unilearn
