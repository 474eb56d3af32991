#include "core/analysis/token_routing.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <map>
#include <sstream>

#include "core/analysis/analyzer.h"
#include "core/analysis/timeline.h"
#include "core/faces/face_aligner.h"
#include "core/media/video_reader.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/config.h"

namespace unilearn::core {

int TokenRouting::expertAt(int layer, int t, int j) const {
  return expert.at(static_cast<size_t>(layer)).at(static_cast<size_t>(t * top_k + j));
}

float TokenRouting::gateAt(int layer, int t, int j) const {
  return gate.at(static_cast<size_t>(layer)).at(static_cast<size_t>(t * top_k + j));
}

namespace {

// Share and mean gate per layer and expert over the tokens of `slice` (all when < 0).
void usage(const TokenRouting& r, int slice, std::vector<std::vector<float>>* share,
           std::vector<std::vector<float>>* mean) {
  const int per_slice = r.rows * r.cols;
  const int first = slice < 0 ? 0 : slice * per_slice;
  const int last = slice < 0 ? r.tokens() : first + per_slice;
  for (int l = 0; l < r.layers(); ++l) {
    std::vector<double> count(static_cast<size_t>(r.experts)), sum(count.size());
    for (int t = first; t < last; ++t)
      for (int j = 0; j < r.top_k; ++j) {
        const auto e = static_cast<size_t>(r.expertAt(l, t, j));
        count[e] += 1;
        sum[e] += r.gateAt(l, t, j);
      }
    const double total = static_cast<double>((last - first) * r.top_k);
    std::vector<float> s(count.size()), m(count.size());
    for (size_t e = 0; e < count.size(); ++e) {
      s[e] = total > 0 ? static_cast<float>(count[e] / total) : 0.0f;
      m[e] = count[e] > 0 ? static_cast<float>(sum[e] / count[e]) : 0.0f;
    }
    if (share) share->push_back(std::move(s));
    if (mean) mean->push_back(std::move(m));
  }
}

}  // namespace

std::vector<std::vector<float>> TokenRouting::expertShare(int slice) const {
  std::vector<std::vector<float>> out;
  usage(*this, slice, &out, nullptr);
  return out;
}

std::vector<std::vector<float>> TokenRouting::meanGate(int slice) const {
  std::vector<std::vector<float>> out;
  usage(*this, slice, nullptr, &out);
  return out;
}

std::string TokenRouting::toCsv() const {
  std::ostringstream out;
  out.precision(6);
  out << "layer,block,slice,row,col,rank,expert,gate\n";
  for (int l = 0; l < layers(); ++l)
    for (int t = 0; t < tokens(); ++t)
      for (int j = 0; j < top_k; ++j)
        out << l << ',' << (static_cast<size_t>(l) < blocks.size() ? blocks[l] : -1) << ','
            << t / (rows * cols) << ',' << (t / cols) % rows << ',' << t % cols << ',' << j << ','
            << expertAt(l, t, j) << ',' << gateAt(l, t, j) << '\n';
  return out.str();
}

std::vector<float> routingDistance(const std::vector<std::vector<float>>& a,
                                   const std::vector<std::vector<float>>& b) {
  std::vector<float> out;
  for (size_t l = 0; l < std::min(a.size(), b.size()); ++l) {
    double d = 0;
    for (size_t e = 0; e < std::min(a[l].size(), b[l].size()); ++e)
      d += std::abs(static_cast<double>(a[l][e]) - b[l][e]);
    out.push_back(static_cast<float>(d / 2));
  }
  return out;
}

namespace {

struct StoredFaces {
  std::string video;
  std::map<int64_t, FaceDetection> faces;
  std::vector<int64_t> seen;
};

StoredFaces storedFaces(const Project& project, const AnalysisRecord& analysis, int64_t track) {
  StoredFaces s;
  for (const auto& m : project.media())
    if (m.id == analysis.media_id) s.video = m.path;
  if (s.video.empty())
    throw Error(Error::Kind::kArgument, "the analysis' video is not in the project any more");
  for (const auto& f : project.frames(analysis.id, track)) {
    const auto d = unpackFace(f.face);
    if (!d) continue;
    s.faces[f.frame] = *d;
    s.seen.push_back(f.frame);
  }
  if (s.seen.empty())
    throw Error(Error::Kind::kArgument,
                "this analysis stored no face positions (made by an older version): analyse the "
                "video again to inspect its routing token by token");
  return s;
}

std::vector<cv::Mat> cropsOf(const StoredFaces& s, const std::vector<int64_t>& frames, int img_size,
                             float margin) {
  VideoReader reader(s.video);
  AlignOptions align;
  align.size = img_size;
  align.margin = margin;
  std::vector<cv::Mat> crops;
  std::map<int64_t, cv::Mat> decoded;
  for (int64_t f : frames) {
    auto it = decoded.find(f);
    if (it == decoded.end()) it = decoded.emplace(f, reader.frameAt(f).bgr).first;
    auto face = s.faces.upper_bound(f);  // the nearest stored face at or before f
    face = face == s.faces.begin() ? face : std::prev(face);
    crops.push_back(alignFace(it->second, face->second, align).bgr);
  }
  return crops;
}

}  // namespace

std::vector<cv::Mat> windowCrops(const Project& project, const AnalysisRecord& analysis,
                                 const WindowPrediction& window, int img_size) {
  const StoredFaces s = storedFaces(project, analysis, window.track_id);
  const ClipWindow w = windowAt(s.seen, window.start_frame, analysisWindowOptions(analysis));
  return cropsOf(s, w.frames, img_size, analysisFaceMargin(analysis));
}

std::vector<cv::Mat> trackCrops(const Project& project, const AnalysisRecord& analysis,
                                int64_t track_id, const std::vector<int64_t>& frames,
                                int img_size) {
  return cropsOf(storedFaces(project, analysis, track_id), frames, img_size,
                 analysisFaceMargin(analysis));
}

std::string analysisModelSpec(const Project& project, const AnalysisRecord& analysis) {
  namespace fs = std::filesystem;
  if (!analysis.model_id) return {};
  const auto m = project.model(*analysis.model_id);
  if (!m) return {};
  std::error_code ec;
  if (!m->path.empty() && fs::is_regular_file(m->path, ec)) return m->path;
  const fs::path p(project.path());
  const fs::path beside = p.parent_path() / (p.stem().string() + "-models") / m->name;
  if (fs::is_regular_file(beside, ec)) return beside.string();
  if (ModelConfig::isPreset(m->name)) return m->name;
  return {};
}

std::string ExpertClassMatrix::toCsv() const {
  std::ostringstream out;
  out.precision(6);
  out << "layer,class,windows,expert,share\n";
  for (size_t l = 0; l < share.size(); ++l)
    for (size_t c = 0; c < classes.size(); ++c)
      for (int e = 0; e < experts; ++e)
        out << l << ',' << classes[c] << ',' << windows[c] << ',' << e << ','
            << share[l][c][static_cast<size_t>(e)] << '\n';
  return out.str();
}

namespace {

// The label covering `frame` for `track` (its own annotation first, then a whole-video one).
const Annotation* coveringAnnotation(const std::vector<Annotation>& annotations, int64_t track,
                                     int64_t frame, const std::string& annotator) {
  const Annotation* whole = nullptr;
  for (const auto& a : annotations) {
    if (frame < a.start_frame || frame > a.end_frame) continue;
    if (!annotator.empty() && a.annotator != annotator) continue;
    if (a.track_id && *a.track_id == track) return &a;
    if (!a.track_id && !whole) whole = &a;
  }
  return whole;
}

}  // namespace

ExpertClassMatrix expertClassMatrix(const Project& project, const std::string& by,
                                    const std::string& annotator) {
  if (by != "predicted" && by != "annotated")
    throw Error(Error::Kind::kArgument,
                "group windows by 'predicted' or 'annotated', not '" + by + "'");
  ExpertClassMatrix m;
  std::map<std::string, size_t> class_index;
  std::vector<std::vector<std::vector<double>>> sum;  // [class][layer][expert]
  size_t layers = 0;
  auto add = [&](const std::string& label, const WindowPrediction& w) {
    if (w.expert_share.empty()) return;
    if (layers == 0) {
      layers = w.expert_share.size();
      m.experts = static_cast<int>(w.expert_share[0].size());
    }
    if (w.expert_share.size() != layers ||
        w.expert_share[0].size() != static_cast<size_t>(m.experts))
      return;  // a model of another shape: not comparable
    auto [it, fresh] = class_index.emplace(label, m.classes.size());
    if (fresh) {
      m.classes.push_back(label);
      m.windows.push_back(0);
      sum.emplace_back(layers, std::vector<double>(static_cast<size_t>(m.experts)));
    }
    ++m.windows[it->second];
    for (size_t l = 0; l < layers; ++l)
      for (size_t e = 0; e < w.expert_share[l].size(); ++e)
        sum[it->second][l][e] += w.expert_share[l][e];
  };
  for (const auto& media : project.media()) {
    const auto annotations =
        by == "annotated" ? project.annotations(media.id) : std::vector<Annotation>{};
    for (const auto& a : project.analyses(media.id)) {
      if (a.kind != "clip" || a.status != "done") continue;
      const auto names = clipClassNames(project, a);
      for (const auto& w : project.windows(a.id, true)) {
        if (by == "predicted") {
          const auto c = static_cast<size_t>(w.top_class);
          add(c < names.size() ? names[c] : "class" + std::to_string(c), w);
        } else if (const Annotation* label = coveringAnnotation(
                       annotations, w.track_id, (w.start_frame + w.end_frame) / 2, annotator)) {
          add(label->label, w);
        }
      }
    }
  }
  m.share.assign(layers, std::vector<std::vector<float>>(
                             m.classes.size(), std::vector<float>(static_cast<size_t>(m.experts))));
  for (size_t c = 0; c < m.classes.size(); ++c)
    for (size_t l = 0; l < layers; ++l)
      for (size_t e = 0; e < static_cast<size_t>(m.experts); ++e)
        m.share[l][c][e] = static_cast<float>(sum[c][l][e] / static_cast<double>(m.windows[c]));
  return m;
}

}  // namespace unilearn::core
