#include "core/export/exporter.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/analysis/analyzer.h"
#include "core/analysis/timeline.h"
#include "core/export/eaf.h"
#include "core/export/export_util.h"
#include "core/faces/action_units.h"
#include "core/faces/face_quality.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/base/text.h"
#include "model/face_expression_net.h"

namespace unilearn::core {
namespace detail {

std::vector<MediaRecord> selectedMedia(const Project& p, const ExportOptions& o) {
  std::vector<MediaRecord> out;
  for (const auto& m : p.media())
    if (!o.video || *o.video == m.path || *o.video == fileName(m.path)) out.push_back(m);
  if (o.video && out.empty())
    throw Error(Error::Kind::kArgument,
                "no video '" + *o.video + "' in project '" + p.path() + "'");
  return out;
}

std::vector<std::string> classNames(const Project& p, const AnalysisRecord& a) {
  return clipClassNames(p, a);
}

std::string className(const std::vector<std::string>& names, int index) {
  return index >= 0 && static_cast<size_t>(index) < names.size() ? names[static_cast<size_t>(index)]
                                                                 : std::to_string(index);
}

}  // namespace detail

namespace {

using detail::classNames;
using detail::selectedMedia;

std::string num(double v, const char* fmt = "%.6g") {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

// The frame_model of exports: "static", "unilearn-image-head" or "static+unilearn-image-head".
std::string frameModelId(FrameEngine engine) {
  switch (engine) {
    case FrameEngine::kImageHead:
      return "unilearn-image-head";
    case FrameEngine::kCombined:
      return "static+unilearn-image-head";
    case FrameEngine::kStatic:
      break;
  }
  return "static";
}

json::Value floats(const std::vector<float>& v) {
  json::Value a = json::Value::array();
  for (float x : v)
    a.push(static_cast<double>(x));
  return a;
}

}  // namespace

void exportCsv(const Project& p, std::ostream& out, const ExportOptions& o) {
  const auto media = selectedMedia(p, o);
  // The clip classes of all analyses, in first-seen order, form the probability columns.
  std::vector<std::string> classes;
  for (const auto& m : media)
    for (const auto& a : p.analyses(m.id))
      for (const auto& c : classNames(p, a))
        if (std::find(classes.begin(), classes.end(), c) == classes.end()) classes.push_back(c);
  const auto& statics = FaceExpressionNet::classNames();
  out << "kind,video,analysis,track,person,start_frame,end_frame,start_ms,end_ms";
  for (const auto& c : classes)
    out << ',' << csvField(c);
  out << ",top_class,confidence,unsure";  // unsure: 1 below 50 % (greyed in the app)
  // Blendshape and AU-like columns when an analysis computed them.
  bool shapes = false;
  if (o.frames)
    for (const auto& m : media)
      for (const auto& a : p.analyses(m.id))
        shapes = shapes || analysisHasBlendshapes(a);
  // The per-frame columns are "static_<class>" while every analysis took them from the static
  // model; when one took them from another engine (the UniLearn image head, or both combined)
  // they are "frame_<class>" and the last column, frame_model, names the model of each frame row.
  bool image_head = false;
  if (o.frames)
    for (const auto& m : media)
      for (const auto& a : p.analyses(m.id))
        image_head = image_head || analysisFrameEngine(a) != FrameEngine::kStatic;
  if (o.frames) {
    for (const auto& c : statics)
      out << (image_head ? ",frame_" : ",static_") << c << ",smoothed_" << c;
    if (shapes) {
      for (const auto& n : FaceLandmarker::blendshapeNames())
        out << ",bs_" << n;
      for (const auto& au : actionUnits())
        out << ',' << au.column();
    }
    // How far each frame's face can be trusted (core/faces/face_quality.h); poor_face 1 where
    // the app greys it.
    out << ",face_score,face_size_px,yaw_deg,poor_face";
    if (image_head) out << ",frame_model";
  }
  out << '\n';
  const size_t shape_columns = shapes ? kBlendshapes + actionUnits().size() : 0;
  for (const auto& m : media) {
    std::map<int64_t, TrackRecord> tracks;
    for (const auto& t : p.tracks(m.id))
      tracks[t.id] = t;
    for (const auto& a : p.analyses(m.id)) {
      const auto names = classNames(p, a);
      for (const auto& w : p.windows(a.id)) {
        const TrackRecord& t = tracks[w.track_id];
        out << "window," << csvField(fileName(m.path)) << ',' << a.id << ',' << t.tracker_id << ','
            << csvField(personName(t)) << ',' << w.start_frame << ',' << w.end_frame << ','
            << w.start_ms << ',' << w.end_ms;
        for (const auto& c : classes) {
          auto it = std::find(names.begin(), names.end(), c);
          const size_t i = static_cast<size_t>(it - names.begin());
          out << ',' << (it != names.end() && i < w.probs.size() ? num(w.probs[i]) : "");
        }
        out << ',' << csvField(detail::className(names, w.top_class)) << ',' << num(w.confidence)
            << ',' << (w.confidence < 0.5 ? 1 : 0);
        if (o.frames)
          for (size_t i = 0; i < statics.size() * 2 + shape_columns + (image_head ? 1 : 0) + 4; ++i)
            out << ',';
        out << '\n';
      }
      if (!o.frames) continue;
      const std::string frame_model = frameModelId(analysisFrameEngine(a));
      for (const auto& [id, t] : tracks) {
        for (const auto& f : p.frames(a.id, id)) {
          out << "frame," << csvField(fileName(m.path)) << ',' << a.id << ',' << t.tracker_id << ','
              << csvField(personName(t)) << ',' << f.frame << ',' << f.frame << ',' << f.ms << ','
              << f.ms;
          for (size_t i = 0; i < classes.size() + 3; ++i)
            out << ',';
          for (size_t c = 0; c < statics.size(); ++c)
            out << ',' << (c < f.probs.size() ? num(f.probs[c]) : "") << ','
                << (c < f.smoothed.size() ? num(f.smoothed[c]) : "");
          if (shapes && f.blendshapes.size() == kBlendshapes) {
            std::array<float, kBlendshapes> b{};
            std::copy(f.blendshapes.begin(), f.blendshapes.end(), b.begin());
            for (float x : b)
              out << ',' << num(x);
            for (float x : actionUnitScores(b))
              out << ',' << num(x);
          } else {
            for (size_t i = 0; i < shape_columns; ++i)
              out << ',';
          }
          if (const auto face = unpackFace(f.face)) {
            const FaceQuality q = faceQuality(*face);
            out << ',' << num(q.score) << ',' << num(q.size_px, "%.1f") << ','
                << num(q.yaw_deg, "%.1f") << ',' << (q.poor ? 1 : 0);
          } else {
            out << ",,,,";
          }
          if (image_head) out << ',' << frame_model;
          out << '\n';
        }
      }
    }
  }
}

void exportAnnotationsCsv(const Project& p, std::ostream& out, const ExportOptions& o) {
  out << "video,track,person,scheme,label,annotator,start_frame,end_frame,start_s,end_s,"
         "duration_s,note\n";
  for (const auto& m : selectedMedia(p, o)) {
    std::map<int64_t, TrackRecord> tracks;
    for (const auto& t : p.tracks(m.id))
      tracks[t.id] = t;
    const double fps = m.fps_num > 0 && m.fps_den > 0
                           ? static_cast<double>(m.fps_num) / static_cast<double>(m.fps_den)
                           : 0.0;
    auto seconds = [&](int64_t frame) { return fps > 0 ? num(frame / fps, "%.3f") : ""; };
    for (const auto& a : p.annotations(m.id)) {
      const TrackRecord* t =
          a.track_id && tracks.count(*a.track_id) ? &tracks[*a.track_id] : nullptr;
      out << csvField(fileName(m.path)) << ','
          << (t ? std::to_string(t->tracker_id) : std::string("whole video")) << ','
          << csvField(t ? personName(*t) : std::string("whole video")) << ',' << csvField(a.scheme)
          << ',' << csvField(a.label) << ',' << csvField(a.annotator) << ',' << a.start_frame << ','
          << a.end_frame << ',' << seconds(a.start_frame) << ',' << seconds(a.end_frame + 1) << ','
          << (fps > 0 ? num((a.end_frame + 1 - a.start_frame) / fps, "%.3f") : "") << ','
          << csvField(a.note) << '\n';
    }
  }
}

const std::vector<ExportFormat>& exportFormats() {
  static const std::vector<ExportFormat> formats = {
      {"csv", "csv", exportCsv},    {"annotations", "csv", exportAnnotationsCsv},
      {"json", "json", exportJson}, {"eaf", "eaf", exportEaf},
      {"tsv", "tsv", exportTsv},
  };
  return formats;
}

const ExportFormat& exportFormat(const std::string& name) {
  std::string names;
  for (const auto& f : exportFormats()) {
    if (f.name == name) return f;
    names += (names.empty() ? "" : ", ") + f.name;
  }
  throw Error(Error::Kind::kArgument, "no export format '" + name + "': choose one of " + names);
}

void exportJson(const Project& p, std::ostream& out, const ExportOptions& o) {
  json::Value root = json::Value::object();
  root.set("project", p.path());
  root.set("schema_version", p.schemaVersion());
  // What a frame's "blendshapes" and "landmarks" arrays hold, where an analysis computed them.
  json::Value shape_names = json::Value::array();
  for (const auto& n : FaceLandmarker::blendshapeNames())
    shape_names.push(n);
  root.set("blendshape_names", shape_names);
  root.set("landmarks_layout", "x, y, z per landmark, 478 landmarks, image pixels");
  json::Value all = json::Value::array();
  for (const auto& m : selectedMedia(p, o)) {
    json::Value jm = json::Value::object();
    jm.set("path", m.path);
    jm.set("content_hash", m.content_hash);
    jm.set("width", m.width);
    jm.set("height", m.height);
    jm.set("fps",
           m.fps_den ? static_cast<double>(m.fps_num) / static_cast<double>(m.fps_den) : 0.0);
    jm.set("duration_ms", m.duration_ms);
    jm.set("frame_count", m.frame_count);
    json::Value tracks = json::Value::array();
    for (const auto& t : p.tracks(m.id)) {
      json::Value jt = json::Value::object();
      jt.set("track", t.tracker_id);
      jt.set("person", t.person);
      tracks.push(jt);
    }
    jm.set("tracks", tracks);
    std::map<int64_t, int64_t> tracker_of;
    for (const auto& t : p.tracks(m.id))
      tracker_of[t.id] = t.tracker_id;
    json::Value analyses = json::Value::array();
    for (const auto& a : p.analyses(m.id)) {
      json::Value ja = json::Value::object();
      ja.set("id", a.id);
      ja.set("kind", a.kind);
      ja.set("status", a.status);
      ja.set("parameters", json::parse(a.params_json));
      // Which model made the per-frame probabilities ("frames"): the static FaceExpressionNet,
      // the UniLearn model's image head, or both combined.
      ja.set("frame_model", frameModelId(analysisFrameEngine(a)));
      if (a.model_id) {
        auto model = p.model(*a.model_id);
        json::Value jmod = json::Value::object();
        jmod.set("name", model->name);
        jmod.set("weights_hash", model->weights_hash);
        jmod.set("config", json::parse(model->config_json));
        ja.set("model", jmod);
      }
      json::Value cls = json::Value::array();
      for (const auto& c : classNames(p, a))
        cls.push(c);
      ja.set("classes", cls);
      json::Value windows = json::Value::array();
      for (const auto& w : p.windows(a.id, true)) {
        json::Value jw = json::Value::object();
        jw.set("track", tracker_of[w.track_id]);
        jw.set("start_frame", w.start_frame);
        jw.set("end_frame", w.end_frame);
        jw.set("start_ms", w.start_ms);
        jw.set("end_ms", w.end_ms);
        jw.set("probs", floats(w.probs));
        jw.set("top_class", w.top_class);
        jw.set("confidence", w.confidence);
        jw.set("entropy", w.entropy);
        json::Value routing = json::Value::array();
        for (size_t l = 0; l < w.expert_share.size(); ++l) {
          json::Value jl = json::Value::object();
          jl.set("expert_share", floats(w.expert_share[l]));
          jl.set("mean_gate", floats(w.mean_gate[l]));
          routing.push(jl);
        }
        jw.set("routing", routing);
        windows.push(jw);
      }
      ja.set("windows", windows);
      json::Value frames = json::Value::array();
      for (const auto& [id, tracker] : tracker_of)
        for (const auto& f : p.frames(a.id, id)) {
          json::Value jf = json::Value::object();
          jf.set("track", tracker);
          jf.set("frame", f.frame);
          jf.set("ms", f.ms);
          jf.set("probs", floats(f.probs));
          jf.set("smoothed", floats(f.smoothed));
          if (!f.blendshapes.empty()) jf.set("blendshapes", floats(f.blendshapes));
          if (!f.landmarks.empty()) jf.set("landmarks", floats(f.landmarks));
          frames.push(jf);
        }
      ja.set("frames", frames);
      analyses.push(ja);
    }
    jm.set("analyses", analyses);
    json::Value anns = json::Value::array();
    for (const auto& a : p.annotations(m.id)) {
      json::Value j = json::Value::object();
      j.set("track", a.track_id ? json::Value(tracker_of[*a.track_id]) : json::Value());
      j.set("scheme", a.scheme);
      j.set("start_frame", a.start_frame);
      j.set("end_frame", a.end_frame);
      j.set("label", a.label);
      j.set("annotator", a.annotator);
      j.set("note", a.note);
      anns.push(j);
    }
    jm.set("annotations", anns);
    all.push(jm);
  }
  root.set("media", all);
  out << root.dump(1) << '\n';
}

void exportRoutingCsv(const Project& p, std::ostream& out, const ExportOptions& o) {
  const auto media = selectedMedia(p, o);
  size_t experts = 0;  // the widest layer sets the columns
  std::vector<
      std::pair<MediaRecord, std::vector<std::pair<AnalysisRecord, std::vector<WindowPrediction>>>>>
      all;
  for (const auto& m : media) {
    all.push_back({m, {}});
    for (const auto& a : p.analyses(m.id)) {
      if (a.kind != "clip") continue;
      auto ws = p.windows(a.id, true);
      for (const auto& w : ws)
        for (const auto& l : w.expert_share)
          experts = std::max(experts, l.size());
      all.back().second.push_back({a, std::move(ws)});
    }
  }
  out << "video,analysis,track,person,start_frame,end_frame,start_ms,end_ms,top_class,layer";
  for (size_t e = 0; e < experts; ++e)
    out << ",share_e" << e;
  for (size_t e = 0; e < experts; ++e)
    out << ",gate_e" << e;
  out << '\n';
  for (const auto& [m, analyses] : all) {
    std::map<int64_t, TrackRecord> tracks;
    for (const auto& t : p.tracks(m.id))
      tracks[t.id] = t;
    for (const auto& [a, ws] : analyses) {
      const auto names = classNames(p, a);
      for (const auto& w : ws)
        for (size_t l = 0; l < w.expert_share.size(); ++l) {
          const TrackRecord& t = tracks[w.track_id];
          out << csvField(fileName(m.path)) << ',' << a.id << ',' << t.tracker_id << ','
              << csvField(personName(t)) << ',' << w.start_frame << ',' << w.end_frame << ','
              << w.start_ms << ',' << w.end_ms << ','
              << csvField(detail::className(names, w.top_class)) << ',' << l;
          for (size_t e = 0; e < experts; ++e)
            out << ',' << (e < w.expert_share[l].size() ? num(w.expert_share[l][e]) : "");
          for (size_t e = 0; e < experts; ++e)
            out << ','
                << (l < w.mean_gate.size() && e < w.mean_gate[l].size() ? num(w.mean_gate[l][e])
                                                                        : "");
          out << '\n';
        }
    }
  }
}

void exportTsv(const Project& p, std::ostream& out, const ExportOptions& o) {
  out << "Observation id\tMedia file\tFPS\tSubject\tBehavior\tBehavior type\tStart (s)\tStop (s)"
         "\tDuration (s)\tImage index start\tImage index stop\tSource\n";
  for (const auto& m : selectedMedia(p, o)) {
    const double fps =
        m.fps_den ? static_cast<double>(m.fps_num) / static_cast<double>(m.fps_den) : 0.0;
    std::map<int64_t, TrackRecord> tracks;
    for (const auto& t : p.tracks(m.id))
      tracks[t.id] = t;
    auto subject = [&](int64_t track_id) { return personName(tracks[track_id]); };
    auto row = [&](const std::string& subj, const std::string& label, int64_t f0, int64_t f1,
                   double s0, double s1, const std::string& source) {
      out << fileName(m.path) << '\t' << m.path << '\t' << num(fps) << '\t' << subj << '\t' << label
          << "\tSTATE\t" << num(s0, "%.3f") << '\t' << num(s1, "%.3f") << '\t'
          << num(s1 - s0, "%.3f") << '\t' << f0 << '\t' << f1 << '\t' << source << '\n';
    };
    for (const auto& a : p.analyses(m.id)) {
      const auto names = classNames(p, a);
      const auto ws = p.windows(a.id);  // ordered by track, then start
      // Consecutive windows of a track with the same top class form one state.
      for (size_t i = 0; i < ws.size();) {
        size_t j = i;
        while (j + 1 < ws.size() && ws[j + 1].track_id == ws[i].track_id &&
               ws[j + 1].top_class == ws[i].top_class &&
               ws[j + 1].start_frame <= ws[j].end_frame + 1)
          ++j;
        row(subject(ws[i].track_id), detail::className(names, ws[i].top_class), ws[i].start_frame,
            ws[j].end_frame, ws[i].start_ms / 1000.0, ws[j].end_ms / 1000.0,
            "model:" + std::to_string(a.id));
        i = j + 1;
      }
    }
    for (const auto& a : p.annotations(m.id)) {
      const double s0 = fps > 0 ? static_cast<double>(a.start_frame) / fps : 0.0;
      const double s1 = fps > 0 ? static_cast<double>(a.end_frame) / fps : 0.0;
      row(a.track_id ? subject(*a.track_id) : "whole video", a.label, a.start_frame, a.end_frame,
          s0, s1, "annotator:" + a.annotator);
    }
  }
}

}  // namespace unilearn::core
