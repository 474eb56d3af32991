#include "core/analysis/agreement.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/analysis/analyzer.h"
#include "core/analysis/class_names.h"
#include "core/analysis/face_events.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/config.h"

namespace unilearn::core {
namespace {

// (media, track or -1 for the whole video, frame) -> label index.
using Ratings = std::map<std::tuple<int64_t, int64_t, int64_t>, int>;

Ratings annotatorRatings(const Project& p, const std::string& who, const std::string& scheme,
                         const std::vector<std::string>& labels) {
  Ratings r;
  for (const auto& m : p.media())
    for (const auto& a : p.annotations(m.id)) {
      if (a.annotator != who || a.scheme != scheme) continue;
      const int label =
          static_cast<int>(std::find(labels.begin(), labels.end(), a.label) - labels.begin());
      for (int64_t f = a.start_frame; f <= a.end_frame; ++f)
        r[{m.id, a.track_id.value_or(-1), f}] = label;
    }
  return r;
}

// The model's top classes as the scheme's labels. Classes the scheme lacks are collected in
// `unmatched` and the frames they cover counted in `dropped`.
Ratings modelRatings(const Project& p, const std::vector<std::string>& labels,
                     std::vector<std::string>& unmatched, int64_t& dropped) {
  Ratings r;
  for (const auto& m : p.media()) {
    const AnalysisRecord* latest = nullptr;
    const auto analyses = p.analyses(m.id);
    for (const auto& a : analyses)
      if (a.kind == "clip" && a.model_id) latest = &a;
    if (!latest) continue;
    auto model = p.model(*latest->model_id);
    const ModelConfig c = ModelConfig::fromJson(json::parse(model->config_json));
    const ClassMapping to_scheme = mapClassNames(c.video_class_names, labels);
    for (const auto& name : to_scheme.unmatched)
      if (std::find(unmatched.begin(), unmatched.end(), name) == unmatched.end())
        unmatched.push_back(name);
    // Each frame takes the top class of the latest window that covers it.
    std::map<std::pair<int64_t, int64_t>, int> top;  // (track, frame) -> model class
    for (const auto& w : p.windows(latest->id))
      for (int64_t f = w.start_frame; f <= w.end_frame; ++f)
        top[{w.track_id, f}] = w.top_class;
    for (const auto& [key, cls] : top) {
      const int label = static_cast<size_t>(cls) < to_scheme.to.size()
                            ? to_scheme.to[static_cast<size_t>(cls)]
                            : -1;
      if (label < 0) {
        ++dropped;
        continue;
      }
      r[{m.id, key.first, key.second}] = label;
    }
  }
  return r;
}

}  // namespace

Agreement cohensKappa(const std::vector<int>& a, const std::vector<int>& b,
                      const std::vector<std::string>& labels) {
  const size_t k = labels.size();
  Agreement out;
  out.labels = labels;
  out.confusion.assign(k, std::vector<int64_t>(k, 0));
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] < 0 || b[i] < 0 || static_cast<size_t>(a[i]) >= k || static_cast<size_t>(b[i]) >= k)
      continue;
    ++out.confusion[static_cast<size_t>(a[i])][static_cast<size_t>(b[i])];
    ++out.items;
  }
  out.per_class.assign(k, 0.0);
  if (out.items == 0) return out;
  const double n = static_cast<double>(out.items);
  std::vector<double> row(k, 0), col(k, 0);
  double agree = 0;
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j) {
      row[i] += static_cast<double>(out.confusion[i][j]);
      col[j] += static_cast<double>(out.confusion[i][j]);
      if (i == j) agree += static_cast<double>(out.confusion[i][j]);
    }
  out.observed = agree / n;
  double expected = 0;
  for (size_t i = 0; i < k; ++i)
    expected += row[i] * col[i] / (n * n);
  out.kappa = expected < 1.0 ? (out.observed - expected) / (1.0 - expected) : 1.0;
  // Quadratic weights: disagreement cost ((i-j)/(k-1))^2.
  double wo = 0, we = 0;
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j) {
      const double d =
          k > 1 ? (static_cast<double>(i) - static_cast<double>(j)) / static_cast<double>(k - 1)
                : 0;
      wo += d * d * static_cast<double>(out.confusion[i][j]) / n;
      we += d * d * row[i] * col[j] / (n * n);
    }
  out.weighted_kappa = we > 0 ? 1.0 - wo / we : 1.0;
  for (size_t i = 0; i < k; ++i)
    out.per_class[i] = row[i] + col[i] > 0
                           ? 2.0 * static_cast<double>(out.confusion[i][i]) / (row[i] + col[i])
                           : 0.0;
  return out;
}

Agreement agreeInProject(const Project& p, const std::string& a, const std::string& b,
                         const std::string& scheme) {
  const auto labels = p.schemeLabels(scheme);
  std::vector<std::string> unmatched;
  int64_t dropped = 0;
  const Ratings ra = a == "model" ? modelRatings(p, labels, unmatched, dropped)
                                  : annotatorRatings(p, a, scheme, labels);
  const Ratings rb = b == "model" ? modelRatings(p, labels, unmatched, dropped)
                                  : annotatorRatings(p, b, scheme, labels);
  std::vector<int> xa, xb;
  if (const auto background = faceEventBackground(scheme)) {
    // Event schemes: raters mark only the events, so every analysed frame of a face that a
    // rater left unlabelled counts as the background ("No blink"), as do the other rater's.
    const int bg =
        static_cast<int>(std::find(labels.begin(), labels.end(), *background) - labels.begin());
    std::set<std::tuple<int64_t, int64_t, int64_t>> frames;
    for (const auto& [key, label] : ra)
      frames.insert(key);
    for (const auto& [key, label] : rb)
      frames.insert(key);
    for (const auto& m : p.media()) {
      const auto analyses = p.analyses(m.id);
      const AnalysisRecord* latest = nullptr;
      for (const auto& an : analyses)
        if (an.status == "done" && analysisHasBlendshapes(an)) latest = &an;
      if (!latest) continue;
      for (const auto& t : p.tracks(m.id))
        for (const auto& f : p.frames(latest->id, t.id))
          if (!f.blendshapes.empty()) frames.insert({m.id, t.id, f.frame});
    }
    for (const auto& key : frames) {
      auto ia = ra.find(key), ib = rb.find(key);
      xa.push_back(ia == ra.end() ? bg : ia->second);
      xb.push_back(ib == rb.end() ? bg : ib->second);
    }
  } else {
    for (const auto& [key, label] : ra) {
      auto it = rb.find(key);
      if (it == rb.end()) continue;
      xa.push_back(label);
      xb.push_back(it->second);
    }
  }
  if (xa.empty())
    throw Error(Error::Kind::kArgument,
                "'" + a + "' and '" + b + "' have no labelled frame in common");
  Agreement out = cohensKappa(xa, xb, labels);
  out.unmatched = unmatched;
  out.ordinal = p.schemeOrdinal(scheme);
  out.unmatched_frames = dropped;
  return out;
}

}  // namespace unilearn::core
