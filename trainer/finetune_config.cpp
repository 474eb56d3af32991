#include <algorithm>
#include <cstdio>
#include <iterator>

#include "model/base/error.h"
#include "model/base/json_fields.h"
#include "model/base/text.h"
#include "model/config.h"
#include "trainer/finetune.h"
#include "trainer/run_fields.h"

namespace unilearn::trainer {

namespace {

template <class C, class F>
void visitFields(C& c, F& f) {  // the one list toJson and fromJson share (json_fields.h)
  f("base_model", c.base_model);
  f("train", c.train);
  f("expert_init", c.expert_init);
  f("epochs", c.epochs);
  f("video_batch", c.video_batch);
  f("image_batch", c.image_batch);
  f("image_ratio", c.image_ratio);
  f("balanced_clips", c.balanced_clips);
  f("balanced_stills", c.balanced_stills);
  f("balance_power", c.balance_power);
  f("lr", c.lr);
  f("min_lr", c.min_lr);
  f("weight_decay", c.weight_decay);
  f("layer_decay", c.layer_decay);
  f("warmup_epochs", c.warmup_epochs);
  f("label_smoothing", c.label_smoothing);
  f("mixup", c.mixup);
  f("cutmix", c.cutmix);
  f("mix_probability", c.mix_probability);
  f("aux_loss", c.aux_loss);
  f("aux_coefficient", c.aux_coefficient);
  f("augment", c.augment);
  visitRunFields(c, f);
  f("select_by", c.select_by);
  f("routing", c.routing);
}

template <class C, class F>
void visitAugment(C& o, F& f) {
  f("enabled", o.enabled);
  f("clip_ops", o.clip_ops);
  f("image_ops", o.image_ops);
  f("clip_magnitude", o.clip_magnitude);
  f("image_magnitude", o.image_magnitude);
  f("crop_scale_min", o.crop_scale_min);
  f("erase_probability", o.erase_probability);
  f("skin_tone", o.skin_tone);
}

}  // namespace

// "augment": true/false (the official augmentations or none), or an object that changes them:
// {"clip_ops", "image_ops" (RandAugment operations), "clip_magnitude", "image_magnitude"
// (0–10), "crop_scale_min" (clips' random resized crop), "erase_probability", "skin_tone" (share
// of grey samples given a skin tone), "enabled"}.
// Written as true/false while the operations are the official ones.
static json::Value toJsonValue(const AugmentOptions& o) {
  AugmentOptions official;
  official.enabled = o.enabled;
  auto visit = [](auto& x, auto& f) { visitAugment(x, f); };
  json::Value changed = json::writeFields(o, visit);
  if (changed.dump() == json::writeFields(official, visit).dump()) return json::Value(o.enabled);
  return changed;
}

static void fromJsonValue(const json::Value& v, const std::string& key, AugmentOptions& o) {
  if (!v.isObject()) {
    o.enabled = v.asBool(key);
    return;
  }
  json::readFields(v, key, "unknown augment setting", o,
                   [](auto& x, auto& f) { visitAugment(x, f); });
  if (o.clip_ops < 0 || o.clip_ops > 14 || o.image_ops < 0 || o.image_ops > 14 ||
      !(o.clip_magnitude >= 0 && o.clip_magnitude <= 10) ||
      !(o.image_magnitude >= 0 && o.image_magnitude <= 10) ||
      !(o.crop_scale_min > 0 && o.crop_scale_min <= 1) ||
      !(o.erase_probability >= 0 && o.erase_probability <= 1) ||
      !(o.skin_tone >= 0 && o.skin_tone <= 1))
    throw Error(Error::Kind::kConfig,
                "augment: ops 0–14, magnitudes 0–10, crop_scale_min in (0, 1], "
                "erase_probability and skin_tone in [0, 1]");
}

json::Value FinetuneConfig::toJson() const {
  return json::writeFields(*this, [](auto& x, auto& f) { visitFields(x, f); });
}

FinetuneConfig FinetuneConfig::fromJson(const json::Value& v) {
  FinetuneConfig c;
  json::readFields(v, "training config", "unknown training setting", c,
                   [](auto& x, auto& f) { visitFields(x, f); });
  if (c.routing != "official" && c.routing != "deterministic")
    throw Error(Error::Kind::kConfig,
                "routing must be official or deterministic, not '" + c.routing + "'");
  if (c.select_by != "clips" && c.select_by != "stills" && c.select_by != "stills_uar")
    throw Error(Error::Kind::kConfig,
                "select_by must be clips, stills or stills_uar, not '" + c.select_by + "'");
  if (c.train != "all" && c.train != "experts" && c.train != "heads")
    throw Error(Error::Kind::kConfig, "train must be all, experts or heads, not '" + c.train + "'");
  if (c.expert_init != "random" && c.expert_init != "zero")
    throw Error(Error::Kind::kConfig, "expert_init must be random or zero");
  if (c.epochs < 1 || c.video_batch < 1 || c.image_batch < 1 || c.sampling_rate < 1)
    throw Error(Error::Kind::kConfig, "epochs, batches and sampling_rate must be at least 1");
  auto fail = [](const std::string& what) { throw Error(Error::Kind::kConfig, what); };
  if (c.epochs > 100000 || c.video_batch > 65536 || c.image_batch > 65536 || c.sampling_rate > 64)
    fail("epochs, batches or sampling_rate are absurdly large");
  if (!(c.lr > 0 && c.lr < 1) || !(c.min_lr >= 0 && c.min_lr <= c.lr))
    fail("lr must lie in (0, 1) and min_lr in [0, lr]");
  if (!(c.weight_decay >= 0 && c.weight_decay < 10) || !(c.layer_decay > 0 && c.layer_decay <= 1) ||
      c.warmup_epochs < 0)
    fail("weight_decay must be >= 0, layer_decay in (0, 1], warmup_epochs >= 0");
  if (!(c.label_smoothing >= 0 && c.label_smoothing < 1))
    fail("label_smoothing must lie in [0, 1)");
  if (!(c.mixup >= 0 && c.mixup <= 100) || !(c.cutmix >= 0 && c.cutmix <= 100) ||
      !(c.mix_probability >= 0 && c.mix_probability <= 1))
    fail("mixup and cutmix must be >= 0 (0: off), mix_probability in [0, 1]");
  if (!(c.image_ratio >= 0 && c.image_ratio <= 100) || !(c.aux_coefficient >= 0))
    fail("image_ratio must lie in [0, 100] and aux_coefficient be >= 0");
  if (!(c.balance_power >= 0 && c.balance_power <= 1))
    fail("balance_power must lie in [0, 1] (1: every class equally often)");
  if (c.threads < 0 || c.threads > 256) fail("threads must lie in 0–256 (0: all cores)");
  if (c.device != "auto" && c.device != "cpu" && c.device != "cuda")
    fail("device must be auto, cpu or cuda (the first GPU), not '" + c.device + "'");
  return c;
}

bool isPresetOrJson(const std::string& s) {
  return ModelConfig::isPreset(s) || endsWith(s, ".json");
}

std::string probabilitiesCsv(const Evaluation& e) {
  const bool clips = !e.clip_probabilities.empty(), stills = !e.image_probabilities.empty();
  if (clips && stills && e.clip_classes != e.image_classes)
    throw Error(Error::Kind::kArgument,
                "the clip and image heads have different classes; evaluate clips and stills "
                "separately to write their probabilities");
  const auto& names = clips ? e.clip_classes : e.image_classes;
  std::string out = "kind,index,truth,predicted";
  for (const auto& n : names)
    out += "," + csvField("p_" + n);
  out += '\n';
  auto rows = [&](const char* kind, const std::vector<std::vector<float>>& probabilities,
                  const std::vector<int>& truth, const std::vector<int>& predicted) {
    for (size_t i = 0; i < probabilities.size(); ++i) {
      out += std::string(kind) + ',' + std::to_string(i) + ',' +
             csvField(names.at(static_cast<size_t>(truth.at(i)))) + ',' +
             csvField(names.at(static_cast<size_t>(predicted.at(i))));
      for (float p : probabilities[i]) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ",%.6g", static_cast<double>(p));
        out += buf;
      }
      out += '\n';
    }
  };
  rows("clip", e.clip_probabilities, e.clip_truth, e.clip_predictions);
  rows("still", e.image_probabilities, e.image_truth, e.image_predictions);
  return out;
}

}  // namespace unilearn::trainer
