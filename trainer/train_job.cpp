#include "trainer/train_job.h"

#include <filesystem>

#include "core/analysis/analyzer.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/config.h"
#include "model/network_file.h"
#include "trainer/app_path.h"
#include "trainer/distill.h"
#include "trainer/teacher_tracks.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;

namespace {

std::string resolved(const std::string& p, const fs::path& base) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (base / p).lexically_normal().string();
}

DataSpec dataSpec(const json::Value& v, const fs::path& base, const std::string& what) {
  DataSpec d;
  for (const auto& [key, value] : v.asObject(what)) {
    if (key == "list")
      d.list = resolved(value.asString(key), base);
    else if (key == "split")
      d.split = value.asString(key);
    else if (key == "project")
      d.project = resolved(value.asString(key), base);
    else if (key == "scheme")
      d.scheme = value.asString(key);
    else if (key == "fraction")
      d.fraction = value.asNumber(key);
    else if (key == "format")
      d.format = value.asString(key);
    else if (key == "root")
      d.root = resolved(value.asString(key), base);
    else if (key == "limit")
      d.limit = value.asNumberFor<int64_t>(key);
    else if (key == "synthetic_clips")
      d.synthetic_clips = value.asNumberFor<int64_t>(key);
    else if (key == "clip_frames")
      d.clip_frames = value.asNumberFor<int>(key);
    else if (key == "pseudo_labels")
      d.pseudo_confidence = value.asNumber(key);
    else if (key == "teacher")
      d.teacher = resolved(value.asString(key), base);
    else if (key == "app_path")
      d.app_path = value.asBool(key);
    else if (key == "annotators")
      for (const auto& a : value.asArray(key))
        d.annotators.push_back(a.asString(key));
    else
      throw Error(Error::Kind::kConfig, "unknown key '" + key + "' in " + what);
  }
  if (!d.list.empty() && !d.project.empty())
    throw Error(Error::Kind::kConfig, what + " names both a list and a project: choose one");
  if (d.limit < 0 || d.synthetic_clips < 0 || d.synthetic_clips > 1000000)
    throw Error(Error::Kind::kConfig, what + ": limit and synthetic_clips must be 0 or more");
  if (d.clip_frames < 2 || d.clip_frames > 256)
    throw Error(Error::Kind::kConfig, what + ": clip_frames must be between 2 and 256");
  if (!(d.fraction >= 0 && d.fraction < 1))
    throw Error(Error::Kind::kConfig,
                what + ": fraction must lie in [0, 1) (a share held out for validation)");
  if (d.pseudo_confidence < 0 || d.pseudo_confidence > 1)
    throw Error(Error::Kind::kConfig, what + ": pseudo_labels is a confidence between 0 and 1");
  return d;
}

Dataset load(const DataSpec& d, const std::vector<std::string>& classes, const ModelConfig& base,
             uint64_t seed, std::vector<std::string>& notes) {
  const int img_size = static_cast<int>(base.img_size);
  if (!d.list.empty()) {
    const AppPathOptions path{480, 360, static_cast<float>(base.face_margin), true};
    Dataset data = loadList(d.list, classes, d.app_path ? kAppPathFaceSize : img_size, d.split,
                            {d.format, d.root, d.limit});
    if (d.app_path) {
      AppPathResult r = throughAppPath(data, core::resourceDir(), img_size, path);
      notes.push_back(
          std::to_string(r.crops.images.size()) + " of " + std::to_string(data.images.size()) +
          " stills through the analysis' path (no face found in " + std::to_string(r.missed) + ")");
      r.crops.clips = std::move(data.clips);
      data = std::move(r.crops);
    }
    addSyntheticClips(data, d.synthetic_clips, d.clip_frames, seed, notes);
    return data;
  }
  auto project = core::Project::open(d.project, false);
  if (d.pseudo_confidence > 0) {
    PseudoLabelOptions p;
    p.classes =
        classes.empty() ? project->schemeLabels(d.scheme.empty() ? "DFEW-7" : d.scheme) : classes;
    p.min_confidence = d.pseudo_confidence;
    p.img_size = img_size;
    Dataset data = pseudoLabelDataset(*project, p);
    notes.push_back("pseudo-labels from the static model: " + std::to_string(data.clips.size()) +
                    " clips");
    if (data.clips.empty())
      throw Error(Error::Kind::kArgument,
                  "the static model is nowhere confident enough for pseudo-labels: lower "
                  "pseudo_labels or analyse more footage");
    return data;
  }
  ProjectDataOptions o;
  o.scheme = d.scheme;
  o.annotators = d.annotators;
  o.img_size = img_size;
  o.classes = classes;
  std::vector<std::string> skipped;
  Dataset data = projectDataset(*project, o, &skipped);
  for (const auto& s : skipped)
    notes.push_back("skipped " + s);
  return data;
}

// Every face of a project's analysed videos: clips of its face tracks and stills from them.
Dataset projectFaces(const std::string& path, int size) {
  auto project = core::Project::open(path, false);
  PseudoLabelOptions o;  // no classes: every face
  o.min_confidence = 0;
  o.img_size = size;
  return pseudoLabelDataset(*project, o);
}

}  // namespace

void addSyntheticClips(Dataset& data, int64_t count, int frames, uint64_t seed,
                       std::vector<std::string>& notes) {
  if (count <= 0) return;
  if (data.images.empty())
    throw Error(Error::Kind::kArgument, "synthetic_clips needs stills to make clips from");
  Dataset chosen;
  chosen.classes = data.classes;
  const auto n = static_cast<int64_t>(data.images.size());
  for (int64_t i = 0; i < count; ++i)
    chosen.images.push_back(data.images[static_cast<size_t>(i * n / count)]);
  SynthOptions o;
  o.frames = frames;
  Dataset clips = synthesizeClips(chosen, 1, seed, o);
  for (auto& c : clips.clips)
    data.clips.push_back(std::move(c));
  notes.push_back(std::to_string(clips.clips.size()) + " clips synthesised from stills");
}

TrainJob TrainJob::fromFile(const std::string& path) {
  const json::Value v = json::parse(readFile(path, "training job"));
  const fs::path base = fs::absolute(path).parent_path();
  TrainJob job;
  bool has_out = false;
  for (const auto& [key, value] : v.asObject("training job")) {
    if (key == "data")
      job.data = dataSpec(value, base, "data");
    else if (key == "validation")
      job.validation = dataSpec(value, base, "validation");
    else if (key == "videos")
      job.videos = dataSpec(value, base, "videos");
    else if (key == "register")
      job.register_model = value.asBool(key);
    else if (key == "classes")
      for (const auto& c : value.asArray(key))
        job.classes.push_back(c.asString(key));
    else if (key == "training") {
      job.training = FinetuneConfig::fromJson(value);
      has_out = value.find("out_dir") != nullptr;
    } else
      throw Error(Error::Kind::kConfig, "unknown key '" + key + "' in the training job");
  }
  if (job.data.list.empty() && job.data.project.empty())
    throw Error(Error::Kind::kConfig, "the training job needs data: a list or a project");
  if (!job.data.teacher.empty() || !job.validation.teacher.empty())
    throw Error(Error::Kind::kConfig,
                "a teacher labels the face tracks of \"videos\", not data or validation");
  if (!job.videos.empty() || !job.videos.teacher.empty()) {
    if (job.videos.project.empty() || !job.videos.list.empty() || job.videos.teacher.empty())
      throw Error(Error::Kind::kConfig,
                  "videos in the training job names a project of analysed videos and a teacher "
                  "(a model file whose image head labels their face tracks)");
  }
  auto& t = job.training;
  if (!isPresetOrJson(t.base_model)) t.base_model = resolved(t.base_model, base);
  t.out_dir = has_out ? resolved(t.out_dir, base)
                      : (base / (t.model_name + "-training")).lexically_normal().string();
  return job;
}

PretrainJob PretrainJob::fromFile(const std::string& path) {
  const json::Value v = json::parse(readFile(path, "pre-training job"));
  const fs::path base = fs::absolute(path).parent_path();
  PretrainJob job;
  bool has_out = false;
  for (const auto& [key, value] : v.asObject("pre-training job")) {
    if (key == "data") {
      job.data = dataSpec(value, base, "data");
    } else if (key == "videos") {
      job.videos = dataSpec(value, base, "videos");
      if (job.videos.project.empty() || !job.videos.list.empty())
        throw Error(Error::Kind::kConfig,
                    "videos in the pre-training job names a project of analysed videos");
      if (!job.videos.teacher.empty())
        throw Error(Error::Kind::kConfig,
                    "pre-training uses no labels: a teacher belongs in a training job's videos");
    } else if (key == "training") {
      job.training = PretrainConfig::fromJson(value);
      has_out = value.find("out_dir") != nullptr;
    } else {
      throw Error(Error::Kind::kConfig, "unknown key '" + key + "' in the pre-training job");
    }
  }
  if (job.data.list.empty() && job.data.project.empty())
    throw Error(Error::Kind::kConfig, "the pre-training job needs data: a list or a project");
  if (!job.videos.project.empty() && job.data.list.empty())
    throw Error(Error::Kind::kConfig,
                "videos adds a project's face tracks to a list's stills; with a project as data, "
                "analyse the videos into that project instead");
  auto& t = job.training;
  if (!ModelConfig::isPreset(t.model)) t.model = resolved(t.model, base);
  t.init_from = resolved(t.init_from, base);
  t.out_dir = has_out ? resolved(t.out_dir, base)
                      : (base / (t.model_name + "-pretraining")).lexically_normal().string();
  return job;
}

Dataset loadPretrainData(const PretrainJob& job) {
  const int size = static_cast<int>(ModelConfig::fromNameOrFile(job.training.model).img_size);
  if (job.data.list.empty()) return projectFaces(job.data.project, size);
  Dataset data = loadList(job.data.list, {}, size, job.data.split,
                          {job.data.format, job.data.root, job.data.limit});
  std::vector<std::string> notes;
  addSyntheticClips(data, job.data.synthetic_clips, job.data.clip_frames, job.training.seed, notes);
  if (!job.videos.project.empty()) {  // labels are not used in pre-training
    Dataset tracks = projectFaces(job.videos.project, size);
    if (tracks.clips.empty())
      throw Error(Error::Kind::kArgument, "the videos project " + job.videos.project +
                                              " has no analysed face tracks: analyse its videos");
    for (auto& c : tracks.clips)
      data.clips.push_back(std::move(c));
    for (auto& i : tracks.images)
      data.images.push_back(std::move(i));
  }
  return data;
}

ModelConfig baseConfig(const std::string& base_model) {
  if (isPresetOrJson(base_model)) return ModelConfig::fromNameOrFile(base_model);
  LoadOptions partial;
  partial.allow_partial = true;
  return loadNetwork(base_model, std::nullopt, partial).config;
}

int baseImageSize(const std::string& base_model) {
  return static_cast<int>(baseConfig(base_model).img_size);
}

JobData loadJobData(const TrainJob& job) {
  JobData out;
  const ModelConfig base = baseConfig(job.training.base_model);
  Dataset all = load(job.data, job.classes, base, job.training.seed, out.notes);
  if (!job.validation.list.empty() || !job.validation.project.empty()) {
    out.train = std::move(all);
    out.val = load(job.validation, out.train.classes, base, job.training.seed + 1, out.notes);
  } else if (job.validation.fraction > 0) {
    std::tie(out.train, out.val) = splitDataset(all, job.validation.fraction, job.training.seed);
  } else {
    out.train = std::move(all);
    out.val.classes = out.train.classes;
    out.notes.push_back("no validation data: the last epoch's weights are kept");
  }
  if (!job.videos.project.empty()) {  // training clips only, after any split
    TeacherTrackOptions o;
    o.teacher = job.videos.teacher;
    o.classes = out.train.classes;
    o.img_size = static_cast<int>(base.img_size);
    o.clip_frames = static_cast<int>(base.num_frames) * std::max(1, job.training.sampling_rate);
    auto project = core::Project::open(job.videos.project, false);
    Dataset tracks = teacherLabelledTracks(*project, o);
    out.notes.push_back(std::to_string(tracks.clips.size()) + " clips of real video labelled by " +
                        fs::path(o.teacher).filename().string() +
                        "'s image head (frames averaged)");
    for (auto& c : tracks.clips)
      out.train.clips.push_back(std::move(c));
  }
  for (const auto& w : out.train.warnings())
    out.notes.push_back(w);
  return out;
}

int64_t registerModel(const std::string& project_path, const std::string& model_file) {
  auto project = core::Project::open(project_path, false);
  const LoadedNetwork l = loadNetwork(model_file, std::nullopt);
  return project->addModel({0, fs::path(model_file).filename().string(), l.config.toJson().dump(),
                            core::contentHash(model_file),
                            fs::absolute(model_file).lexically_normal().string()});
}

}  // namespace unilearn::trainer
