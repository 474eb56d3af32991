// The UniLearn network's hyper-parameters, as the JSON interface names them, and the presets.
// Plain data; no LibTorch. Thread-safety: plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/base/json.h"

namespace unilearn {

struct ModelConfig {
  int64_t img_size = 160;
  int64_t patch_size = 16;
  int64_t num_frames = 16;
  int64_t tubelet_size = 2;
  int64_t embed_dim = 768;
  int64_t depth = 12;
  int64_t num_heads = 12;
  double mlp_ratio = 4.0;
  bool qkv_bias = true;
  std::vector<int64_t> moe_layers = {6, 7, 8, 9, 10, 11};
  int64_t num_experts = 8;
  int64_t top_k = 2;
  double capacity_factor = 1.0;
  int64_t image_classes = 7;
  int64_t video_classes = 7;
  // Context around the detected face box in the crops the model learnt from, as a fraction of
  // the box's longer side on every side (core::AlignOptions::margin): 0.25 for the authors'
  // checkpoints (DFEW-style aligned faces), 0 for a model trained on tight crops such as FER+.
  // The analysis crops faces this way for this model.
  double face_margin = 0.25;
  // Optional names of the classes of each head (empty: unnamed). Not part of the official config.
  std::vector<std::string> image_class_names;
  std::vector<std::string> video_class_names;

  int64_t gridSize() const { return img_size / patch_size; }
  int64_t temporalSlices() const { return num_frames / tubelet_size; }
  int64_t videoTokens() const { return temporalSlices() * gridSize() * gridSize(); }
  int64_t imageTokens() const { return gridSize() * gridSize(); }
  int64_t mlpHidden() const { return static_cast<int64_t>(embed_dim * mlp_ratio); }
  // Experts are bottleneck MLPs of int(dim * 0.25) hidden units (official `moe_adapters`).
  int64_t expertHidden() const { return static_cast<int64_t>(embed_dim * 0.25); }
  bool isMoeLayer(int64_t block) const;
  // Parameters of the network this config builds, computed without building it.
  int64_t parameterCount() const;

  // Throws unilearn::Error (kConfig) naming the first inconsistent field.
  void validate() const;

  json::Value toJson() const;
  // Reads the interface keys; missing keys keep their defaults, unknown keys are an error
  // (a typo must not silently build a different network).
  static ModelConfig fromJson(const json::Value& v);
  static ModelConfig fromFile(const std::string& path);
  void toFile(const std::string& path) const;

  // Presets: "unilearn-b16-160" (the paper's model), "unilearn-s16-160", "unilearn-t16-160".
  static std::vector<std::string> presetNames();
  static bool isPreset(const std::string& name);
  static ModelConfig preset(const std::string& name);
  // A preset name, or else a path to a JSON file.
  static ModelConfig fromNameOrFile(const std::string& nameOrPath);

  bool operator==(const ModelConfig& o) const;
};

// Class names of the official data sets, index order as the official label files (spec §2).
const std::vector<std::string>& dfewClassNames();
const std::vector<std::string>& ferv39kClassNames();
const std::vector<std::string>& mafwClassNames();
const std::vector<std::string>& affectnet7ClassNames();

}  // namespace unilearn
