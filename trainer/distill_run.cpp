#include <algorithm>
#include <cmath>
#include <filesystem>

#include <torch/torch.h>

#include "core/analysis/clip_model.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/safetensors.h"
#include "trainer/distill.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;

DistillJob DistillJob::fromFile(const std::string& path) {
  const json::Value v = json::parse(readFile(path, "distillation job"));
  const fs::path base = fs::absolute(path).parent_path();
  DistillJob job;
  for (const auto& [key, value] : v.asObject("distillation job")) {
    if (key == "images") {
      for (const auto& i : value.asArray(key)) {
        const fs::path p(i.asString(key));
        job.images.push_back((p.is_absolute() ? p : base / p).lexically_normal().string());
      }
    } else if (key == "holdout_every") {
      job.holdout_every = static_cast<int>(value.asInt(key));
    } else if (key == "clips_per_face") {
      job.clips_per_face = static_cast<int>(value.asInt(key));
    } else if (key == "clip_frames") {
      job.synth.frames = static_cast<int>(value.asInt(key));
    } else if (key == "training") {
      job.training = FinetuneConfig::fromJson(value);
      if (!job.training.out_dir.empty() && fs::path(job.training.out_dir).is_relative())
        job.training.out_dir = (base / job.training.out_dir).lexically_normal().string();
    } else {
      throw Error(Error::Kind::kConfig, "unknown key '" + key + "' in the distillation job");
    }
  }
  if (job.images.empty()) throw Error(Error::Kind::kConfig, "the distillation job lists no images");
  if (job.holdout_every < 2) throw Error(Error::Kind::kConfig, "holdout_every must be at least 2");
  return job;
}

Agreement agreementWithTeacher(const std::string& model_file, const Dataset& data, bool clips) {
  auto model = core::ClipModel::load(model_file);
  const auto frames = static_cast<size_t>(model->config().num_frames);
  Agreement a;
  a.per_class_samples.assign(data.classes.size(), 0);
  std::vector<int64_t> right(data.classes.size(), 0);
  auto add = [&](const std::vector<float>& teacher, const std::vector<float>& student) {
    const auto t =
        static_cast<size_t>(std::max_element(teacher.begin(), teacher.end()) - teacher.begin());
    const auto s =
        static_cast<size_t>(std::max_element(student.begin(), student.end()) - student.begin());
    double kl = 0;
    for (size_t c = 0; c < teacher.size(); ++c)
      if (teacher[c] > 0) kl += teacher[c] * std::log(teacher[c] / std::max(student[c], 1e-12f));
    a.mean_kl += kl;
    a.top1 += t == s;
    ++a.samples;
    ++a.per_class_samples[t];
    right[t] += t == s;
  };
  if (clips) {
    for (const auto& clip : data.clips) {
      std::vector<cv::Mat> f(
          clip.frames.begin(),
          clip.frames.begin() + static_cast<long>(std::min(frames, clip.frames.size())));
      while (f.size() < frames)
        f.push_back(f.back());
      add(clip.soft, model->predict({f})[0].probs);
    }
  } else {
    for (const auto& img : data.images)
      add(img.soft, model->traceImage(img.face).probs);
  }
  if (a.samples > 0) {
    a.top1 /= static_cast<double>(a.samples);
    a.mean_kl /= static_cast<double>(a.samples);
  }
  for (size_t c = 0; c < right.size(); ++c)
    a.per_class_top1.push_back(
        a.per_class_samples[c] ? static_cast<double>(right[c]) / a.per_class_samples[c] : -1.0);
  return a;
}

std::pair<Dataset, Dataset> distillSplit(const DistillJob& job, std::vector<std::string>* notes) {
  const int size = static_cast<int>(ModelConfig::fromNameOrFile(job.training.base_model).img_size);
  Dataset faces = teacherLabelledStills(job.images, job.resources, size, notes);
  std::sort(faces.images.begin(), faces.images.end(),
            [](const ImageItem& a, const ImageItem& b) { return a.name < b.name; });
  Dataset train, held;
  train.classes = held.classes = faces.classes;
  for (size_t i = 0; i < faces.images.size(); ++i)
    ((i + 1) % static_cast<size_t>(job.holdout_every) == 0 ? held : train)
        .images.push_back(faces.images[i]);
  if (train.images.empty() || held.images.empty())
    throw Error(Error::Kind::kArgument,
                "too few faces: " + std::to_string(faces.images.size()) +
                    " found, and both training and held-out faces are needed");
  return {train, held};
}

DistillReport distill(const DistillJob& job, const FinetuneCallbacks& callbacks) {
  DistillReport r;
  auto [train_stills, held_stills] = distillSplit(job, &r.notes);
  for (const auto& f : train_stills.images)
    r.trained_on.push_back(f.name);
  for (const auto& f : held_stills.images)
    r.held_out.push_back(f.name);
  Dataset train = synthesizeClips(train_stills, job.clips_per_face, job.training.seed, job.synth);
  train.images = train_stills.images;
  r.train_clips = static_cast<int64_t>(train.clips.size());
  // No validation set: choosing an epoch on the held-out faces would leak them into the result.
  Dataset none;
  none.classes = train.classes;
  r.training = finetune(job.training, train, none, callbacks);
  if (r.training.cancelled) return r;
  const Dataset held_clips = synthesizeClips(held_stills, 2, job.training.seed + 1, job.synth);
  r.stills = agreementWithTeacher(r.training.model_path, held_stills, false);
  r.clips = agreementWithTeacher(r.training.model_path, held_clips, true);
  return r;
}

void writeHalfPrecision(const std::string& model, const std::string& out,
                        const std::vector<std::pair<std::string, std::string>>& extra) {
  SafetensorsFile f = readSafetensors(model);
  for (auto& [name, tensor] : f.tensors)
    if (tensor.is_floating_point()) tensor = tensor.to(torch::kHalf).contiguous();
  for (const auto& e : extra) {
    auto it = std::find_if(f.metadata.begin(), f.metadata.end(),
                           [&](const auto& m) { return m.first == e.first; });
    if (it != f.metadata.end())
      it->second = e.second;
    else
      f.metadata.push_back(e);
  }
  writeSafetensors(out, f.tensors, f.metadata);
}

}  // namespace unilearn::trainer
