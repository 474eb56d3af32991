// The analysis-parameters record (AnalysisRecord::params_json) of core/analysis/analyzer.h: its
// one writer and its readers. What an earlier analysis stored must keep matching, so keys that
// came later are written only when they differ from what was meant before they existed.
#include "core/analysis/analyzer.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/clip_model.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/precision.h"

namespace unilearn::core {

std::string analysisParamsJson(const AnalysisOptions& o, const ClipModel* model) {
  json::Value p = json::Value::object();
  p.set("every", o.every);
  p.set("clip_frames", o.windows.clip_frames);
  p.set("sampling_rate", o.windows.sampling_rate);
  p.set("hop", o.windows.hop);
  p.set("gaps", o.windows.gaps == WindowOptions::Gaps::kPad ? "pad" : "skip");
  p.set("smoothing", o.smoothing);
  // Only when asked for, so that earlier analyses keep matching (and resuming) as they were.
  if (o.blendshapes) p.set("blendshapes", true);
  if (o.landmarks) p.set("landmarks", true);
  if (o.frame_engine != FrameEngine::kStatic) p.set("frame_model", frameEngineKey(o.frame_engine));
  if (model) {
    p.set("model", model->name());
    p.set("weights", model->weightsHash());
    // Only when not fp32, so that earlier analyses keep matching (and resuming) as they were.
    if (model->precision() != Precision::kFp32)
      p.set("precision", precisionName(model->precision()));
    // The crop the model's windows were made with; only when not the authors' 0.25 (as above).
    if (model->config().face_margin != 0.25) p.set("face_margin", model->config().face_margin);
  }
  return p.dump();
}

WindowOptions analysisWindowOptions(const AnalysisRecord& analysis) {
  WindowOptions o;
  if (analysis.params_json.empty()) return o;
  const json::Value p = json::parse(analysis.params_json);
  if (const auto* v = p.find("clip_frames")) o.clip_frames = v->asNumberFor<int>("clip_frames");
  if (const auto* v = p.find("sampling_rate"))
    o.sampling_rate = v->asNumberFor<int>("sampling_rate");
  if (const auto* v = p.find("hop")) o.hop = v->asNumberFor<int>("hop");
  if (const auto* v = p.find("gaps"))
    o.gaps = v->asString() == "skip" ? WindowOptions::Gaps::kSkip : WindowOptions::Gaps::kPad;
  return o;
}

FrameEngine analysisFrameEngine(const AnalysisRecord& analysis) {
  if (analysis.params_json.empty()) return FrameEngine::kStatic;
  const json::Value params = json::parse(analysis.params_json);  // alive while `v` is read
  const auto* v = params.find("frame_model");
  const auto engine = v && v->isString() ? frameEngineFromKey(v->asString()) : std::nullopt;
  return engine.value_or(FrameEngine::kStatic);
}

namespace {

struct EngineNames {
  FrameEngine engine;
  const char* key;
  const char* name;
};

constexpr EngineNames kEngines[] = {
    {FrameEngine::kStatic, "static", "static model"},
    {FrameEngine::kImageHead, "image_head", "UniLearn image head"},
    {FrameEngine::kCombined, "combined", "static model + UniLearn image head"},
};

const EngineNames& engineNames(FrameEngine engine) {
  for (const auto& e : kEngines)
    if (e.engine == engine) return e;
  return kEngines[0];
}

}  // namespace

std::string frameEngineName(FrameEngine engine) {
  return engineNames(engine).name;
}

std::string frameEngineKey(FrameEngine engine) {
  return engineNames(engine).key;
}

std::optional<FrameEngine> frameEngineFromKey(const std::string& key) {
  for (const auto& e : kEngines)
    if (key == e.key) return e.engine;
  return std::nullopt;
}

std::vector<float> combinedFrameProbabilities(const std::vector<float>& static_probs,
                                              const std::vector<float>& head_probs) {
  if (static_probs.size() != head_probs.size())
    throw Error(Error::Kind::kArgument, "cannot combine per-frame probabilities of " +
                                            std::to_string(static_probs.size()) + " and " +
                                            std::to_string(head_probs.size()) + " classes");
  std::vector<float> p(static_probs.size());
  double sum = 0;
  for (size_t c = 0; c < p.size(); ++c) {
    p[c] = std::sqrt(std::max(static_probs[c], 0.0f) * std::max(head_probs[c], 0.0f));
    sum += p[c];
  }
  // Two models sure of different classes: nothing in common; fall back to their mean.
  if (!(sum > 1e-12)) {
    sum = 0;
    for (size_t c = 0; c < p.size(); ++c)
      sum += p[c] = 0.5f * (static_probs[c] + head_probs[c]);
  }
  if (sum > 0)
    for (auto& x : p)
      x = static_cast<float>(x / sum);
  return p;
}

float analysisFaceMargin(const AnalysisRecord& analysis) {
  if (analysis.params_json.empty()) return 0.25f;
  const json::Value params = json::parse(analysis.params_json);  // alive while `v` is read
  const auto* v = params.find("face_margin");
  return v ? v->asNumberFor<float>("face_margin") : 0.25f;
}

bool analysisHasBlendshapes(const AnalysisRecord& analysis) {
  if (analysis.params_json.empty()) return false;
  const json::Value params = json::parse(analysis.params_json);  // alive while `v` is read
  const auto* v = params.find("blendshapes");
  return v && v->isBool() && v->asBool();
}

}  // namespace unilearn::core
