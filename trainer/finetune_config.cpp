#include <algorithm>
#include <iterator>

#include "model/base/error.h"
#include "model/base/text.h"
#include "model/config.h"
#include "trainer/finetune.h"

namespace unilearn::trainer {

namespace {

const char* const kKeys[] = {"base_model",
                             "train",
                             "expert_init",
                             "epochs",
                             "video_batch",
                             "image_batch",
                             "image_ratio",
                             "balanced_clips",
                             "balanced_stills",
                             "balance_power",
                             "lr",
                             "min_lr",
                             "weight_decay",
                             "layer_decay",
                             "warmup_epochs",
                             "label_smoothing",
                             "mixup",
                             "cutmix",
                             "mix_probability",
                             "aux_loss",
                             "aux_coefficient",
                             "augment",
                             "sampling_rate",
                             "seed",
                             "device",
                             "threads",
                             "out_dir",
                             "model_name",
                             "resume",
                             "select_by",
                             "routing"};

}  // namespace

json::Value FinetuneConfig::toJson() const {
  json::Value v = json::Value::object();
  v.set("base_model", base_model);
  v.set("train", train);
  v.set("expert_init", expert_init);
  v.set("epochs", epochs);
  v.set("video_batch", video_batch);
  v.set("image_batch", image_batch);
  v.set("image_ratio", image_ratio);
  v.set("balanced_clips", balanced_clips);
  v.set("balanced_stills", balanced_stills);
  v.set("balance_power", balance_power);
  v.set("lr", lr);
  v.set("min_lr", min_lr);
  v.set("weight_decay", weight_decay);
  v.set("layer_decay", layer_decay);
  v.set("warmup_epochs", warmup_epochs);
  v.set("label_smoothing", label_smoothing);
  v.set("mixup", mixup);
  v.set("cutmix", cutmix);
  v.set("mix_probability", mix_probability);
  v.set("aux_loss", aux_loss);
  v.set("aux_coefficient", aux_coefficient);
  const AugmentOptions official;
  if (augment.clip_ops == official.clip_ops && augment.image_ops == official.image_ops &&
      augment.clip_magnitude == official.clip_magnitude &&
      augment.image_magnitude == official.image_magnitude &&
      augment.crop_scale_min == official.crop_scale_min &&
      augment.erase_probability == official.erase_probability) {
    v.set("augment", augment.enabled);
  } else {
    json::Value a = json::Value::object();
    a.set("enabled", augment.enabled);
    a.set("clip_ops", augment.clip_ops);
    a.set("image_ops", augment.image_ops);
    a.set("clip_magnitude", augment.clip_magnitude);
    a.set("image_magnitude", augment.image_magnitude);
    a.set("crop_scale_min", augment.crop_scale_min);
    a.set("erase_probability", augment.erase_probability);
    v.set("augment", a);
  }
  v.set("sampling_rate", sampling_rate);
  v.set("seed", static_cast<int64_t>(seed));
  v.set("device", device);
  v.set("threads", threads);
  v.set("out_dir", out_dir);
  v.set("model_name", model_name);
  v.set("resume", resume);
  v.set("select_by", select_by);
  v.set("routing", routing);
  return v;
}

FinetuneConfig FinetuneConfig::fromJson(const json::Value& v) {
  FinetuneConfig c;
  for (const auto& [key, value] : v.asObject("training config")) {
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      throw Error(Error::Kind::kConfig, "unknown training setting '" + key + "'");
    (void)value;
  }
  auto num = [&](const char* k, auto& field) {
    if (const auto* x = v.find(k))
      field = x->template asNumberFor<std::decay_t<decltype(field)>>(k);
  };
  auto str = [&](const char* k, std::string& field) {
    if (const auto* x = v.find(k)) field = x->asString(k);
  };
  auto flag = [&](const char* k, bool& field) {
    if (const auto* x = v.find(k)) field = x->asBool(k);
  };
  str("base_model", c.base_model);
  str("train", c.train);
  str("expert_init", c.expert_init);
  num("epochs", c.epochs);
  num("video_batch", c.video_batch);
  num("image_batch", c.image_batch);
  num("image_ratio", c.image_ratio);
  flag("balanced_clips", c.balanced_clips);
  flag("balanced_stills", c.balanced_stills);
  num("balance_power", c.balance_power);
  num("lr", c.lr);
  num("min_lr", c.min_lr);
  num("weight_decay", c.weight_decay);
  num("layer_decay", c.layer_decay);
  num("warmup_epochs", c.warmup_epochs);
  num("label_smoothing", c.label_smoothing);
  num("mixup", c.mixup);
  num("cutmix", c.cutmix);
  num("mix_probability", c.mix_probability);
  flag("aux_loss", c.aux_loss);
  num("aux_coefficient", c.aux_coefficient);
  // "augment": true/false (the official augmentations or none), or an object that changes them:
  // {"clip_ops", "image_ops" (RandAugment operations), "clip_magnitude", "image_magnitude"
  // (0–10), "crop_scale_min" (clips' random resized crop), "erase_probability", "enabled"}.
  if (const auto* a = v.find("augment"); a && a->isObject()) {
    for (const auto& [key, value] : a->asObject("augment")) {
      auto& o = c.augment;
      if (key == "enabled")
        o.enabled = value.asBool(key);
      else if (key == "clip_ops")
        o.clip_ops = value.asNumberFor<int>(key);
      else if (key == "image_ops")
        o.image_ops = value.asNumberFor<int>(key);
      else if (key == "clip_magnitude")
        o.clip_magnitude = value.asNumber(key);
      else if (key == "image_magnitude")
        o.image_magnitude = value.asNumber(key);
      else if (key == "crop_scale_min")
        o.crop_scale_min = value.asNumber(key);
      else if (key == "erase_probability")
        o.erase_probability = value.asNumber(key);
      else
        throw Error(Error::Kind::kConfig, "unknown augment setting '" + key + "'");
    }
    const auto& o = c.augment;
    if (o.clip_ops < 0 || o.clip_ops > 14 || o.image_ops < 0 || o.image_ops > 14 ||
        !(o.clip_magnitude >= 0 && o.clip_magnitude <= 10) ||
        !(o.image_magnitude >= 0 && o.image_magnitude <= 10) ||
        !(o.crop_scale_min > 0 && o.crop_scale_min <= 1) ||
        !(o.erase_probability >= 0 && o.erase_probability <= 1))
      throw Error(Error::Kind::kConfig,
                  "augment: ops 0–14, magnitudes 0–10, crop_scale_min in (0, 1], "
                  "erase_probability in [0, 1]");
  } else {
    flag("augment", c.augment.enabled);
  }
  num("sampling_rate", c.sampling_rate);
  num("seed", c.seed);
  str("device", c.device);
  num("threads", c.threads);
  str("out_dir", c.out_dir);
  str("model_name", c.model_name);
  flag("resume", c.resume);
  str("select_by", c.select_by);
  str("routing", c.routing);
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

}  // namespace unilearn::trainer
