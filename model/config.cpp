#include "model/config.h"

#include <algorithm>

#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json_fields.h"
#include "model/base/text.h"

namespace unilearn {
namespace {

[[noreturn]] void configError(const std::string& msg) {
  throw Error(Error::Kind::kConfig, "model config: " + msg);
}

// The fields of a model config, the one list that toJson and fromJson share
// (model/base/json_fields.h).
template <class C, class F>
void visitFields(C& c, F& f) {
  f("img_size", c.img_size);
  f("patch_size", c.patch_size);
  f("num_frames", c.num_frames);
  f("tubelet_size", c.tubelet_size);
  f("embed_dim", c.embed_dim);
  f("depth", c.depth);
  f("num_heads", c.num_heads);
  f("mlp_ratio", c.mlp_ratio);
  f("qkv_bias", c.qkv_bias);
  f("moe_layers", c.moe_layers);
  f("num_experts", c.num_experts);
  f("top_k", c.top_k);
  f("capacity_factor", c.capacity_factor);
  f("image_classes", c.image_classes);
  f("video_classes", c.video_classes);
  const std::vector<std::string> none;
  f.optional("image_class_names", c.image_class_names, none);
  f.optional("video_class_names", c.video_class_names, none);
  f.optional("face_margin", c.face_margin, 0.25);  // written only when not the authors' crop
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
  return json::writeFields(*this, [](auto& x, auto& f) { visitFields(x, f); });
}

ModelConfig ModelConfig::fromJson(const json::Value& v) {
  ModelConfig c;
  json::readFields(v, "model config", "model config: unknown key", c,
                   [](auto& x, auto& f) { visitFields(x, f); });
  c.validate();
  return c;
}

ModelConfig ModelConfig::fromFile(const std::string& path) {
  const std::string text = readFile(path, "model config");
  try {
    return fromJson(json::parse(text));
  } catch (const Error& e) {
    throw Error(e.kind(), path + ": " + e.what());
  }
}

void ModelConfig::toFile(const std::string& path) const {
  writeFileAtomically(path, [this](std::ostream& out) { out << toJson().dump(2) << "\n"; });
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
