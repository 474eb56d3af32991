#include <chrono>

#include <opencv2/imgproc.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/class_names.h"
#include "model/base/error.h"
#include "model/face_expression_net.h"
#include "model/precision.h"
#include "model/runtime.h"
#include "trainer/finetune.h"
#include "trainer/train_session.h"

namespace unilearn::trainer {

using namespace detail;

Evaluation evaluateModel(const std::string& model, const Dataset& data, int sampling_rate,
                         const std::string& device_name, const std::string& precision) {
  const torch::Device device = pickDevice(device_name);
  LoadedNetwork l = loadNetwork(model, std::nullopt);
  l.network->to(device);
  if (device.is_cpu())
    applyPrecision(*l.network, usablePrecision(parsePrecision(precision), nullptr));
  // Map the data's classes onto each head's by name (the model's order wins).
  auto mapping = [&](const std::vector<std::string>& names, const char* head) {
    std::vector<int> to_model;
    for (size_t i = 0; i < data.classes.size(); ++i) {
      int m = static_cast<int>(i);
      if (!names.empty()) {
        auto it = std::find(names.begin(), names.end(), data.classes[i]);
        if (it == names.end())
          throw Error(Error::Kind::kArgument, std::string("the model's ") + head +
                                                  " head has no class '" + data.classes[i] + "'");
        m = static_cast<int>(it - names.begin());
      }
      to_model.push_back(m);
    }
    return to_model;
  };
  const std::vector<int> to_clips = data.clips.empty()
                                        ? std::vector<int>(data.classes.size())
                                        : mapping(l.config.video_class_names, "clip");
  std::vector<int> to_images =
      data.images.empty() ? to_clips : mapping(l.config.image_class_names, "image");
  return evaluateNetwork(l.network, data, to_clips, sampling_rate, device, to_images);
}

Evaluation evaluateStaticModel(const std::string& resources, const Dataset& data) {
  const FaceExpressionNet net =
      FaceExpressionNet::load(resources + "/models/face_expression_model-weights_manifest.json");
  const auto& names = FaceExpressionNet::classNames();
  std::vector<int> to_model;
  for (const auto& c : data.classes) {
    const auto it = std::find(names.begin(), names.end(), c);
    if (it == names.end())
      throw Error(Error::Kind::kArgument, "the static model has no class '" + c + "'");
    to_model.push_back(static_cast<int>(it - names.begin()));
  }
  torch::InferenceMode inference;
  const int s = FaceExpressionNet::kInputSize;
  std::vector<int> truth;
  Evaluation e;
  for (size_t i = 0; i < data.images.size(); i += 64) {
    const size_t n = std::min<size_t>(64, data.images.size() - i);
    auto batch = torch::empty({static_cast<int64_t>(n), s, s, 3}, torch::kUInt8);
    for (size_t j = 0; j < n; ++j) {
      const ImageItem& item = data.images[i + j];
      cv::Mat rgb(s, s, CV_8UC3, batch[static_cast<int64_t>(j)].data_ptr());
      cv::Mat resized;
      cv::resize(item.face, resized, cv::Size(s, s), 0, 0, cv::INTER_LINEAR);
      cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
      truth.push_back(to_model[static_cast<size_t>(item.label)]);
    }
    appendProbabilities(net.predict(batch), e.image_probabilities, e.image_predictions);
  }
  e.images = computeMetrics(truth, e.image_predictions, static_cast<int>(names.size()));
  e.image_truth = std::move(truth);
  e.image_classes = names;
  return e;
}

Evaluation combineStillEvaluations(const Evaluation& static_e, const Evaluation& model_e) {
  const core::ClassMapping m = core::mapClassNames(static_e.image_classes, model_e.image_classes);
  if (!m.unmatched.empty())
    throw Error(Error::Kind::kArgument, "the model's image head has no class '" +
                                            m.unmatched.front() +
                                            "' of the static model; it cannot be combined");
  const size_t n = static_e.image_probabilities.size();
  if (model_e.image_probabilities.size() != n || static_e.image_truth.size() != n ||
      model_e.image_truth.size() != n)
    throw Error(Error::Kind::kArgument,
                "the two evaluations cover different stills (" + std::to_string(n) + " and " +
                    std::to_string(model_e.image_probabilities.size()) + ")");
  Evaluation e = model_e;
  e.image_classes = static_e.image_classes;
  e.image_predictions.clear();
  e.image_probabilities.clear();
  for (size_t i = 0; i < n; ++i) {
    const int truth = static_e.image_truth[i];
    if (m.to[static_cast<size_t>(truth)] != model_e.image_truth[i])
      throw Error(Error::Kind::kArgument,
                  "the two evaluations differ in the true class of still " + std::to_string(i));
    std::vector<float> head;
    for (int to : m.to)
      head.push_back(model_e.image_probabilities[i][static_cast<size_t>(to)]);
    auto p = core::combinedFrameProbabilities(static_e.image_probabilities[i], head);
    e.image_predictions.push_back(
        static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()));
    e.image_probabilities.push_back(std::move(p));
  }
  e.image_truth = static_e.image_truth;
  e.images =
      computeMetrics(e.image_truth, e.image_predictions, static_cast<int>(e.image_classes.size()));
  return e;
}

StepBench benchTrainSteps(const std::string& config, const std::string& what, int video_batch,
                          int image_batch, int steps, const std::string& device_name) {
  const torch::Device device = pickDevice(device_name);
  FinetuneConfig c;
  c.base_model = config;
  c.train = what;
  // The classes only size the heads: keep the base model's (a file's, or the config's).
  std::vector<std::string> classes;
  ModelConfig base = isPresetOrJson(config) ? ModelConfig::fromNameOrFile(config)
                                            : loadNetwork(config, std::nullopt,
                                                          [] {
                                                            LoadOptions o;
                                                            o.allow_partial = true;
                                                            return o;
                                                          }())
                                                  .config;
  for (int64_t i = 0; i < base.video_classes; ++i)
    classes.push_back("c" + std::to_string(i));
  Built b = buildNetwork(c, classes);
  const ModelConfig& mc = b.config;
  b.net->to(device);
  b.net->train();
  Optimizer opt = makeOptimizer(b.net, c);
  StepBench r;
  r.trainable_parameters = opt.trainable_parameters;
  auto step = [&](const torch::Tensor& x, const torch::Tensor& y) {
    try {
      ForwardOutput out = b.net->forward(x, ForwardOptions::official());
      auto loss = torch::nn::functional::cross_entropy(out.logits, y);
      clearGradients(*opt.adamw);
      loss.backward();
      opt.adamw->step();
    } catch (const c10::Error& e) {
      if (std::string(e.what()).find("out of memory") != std::string::npos)
        outOfMemory("benchmark step");
      throw;
    }
  };
  // Steps per second over `n` steps after one warm-up step.
  auto run = [&](const torch::Tensor& x, int n) {
    const auto y = torch::randint(mc.video_classes, {x.size(0)}, torch::kLong).to(device);
    step(x, y);
    if (device.is_cuda()) torch::cuda::synchronize();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      step(x, y);
    if (device.is_cuda()) torch::cuda::synchronize();
    return n / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  torch::manual_seed(0);
  r.video_steps_per_second = run(
      torch::randn({video_batch, 3, mc.num_frames, mc.img_size, mc.img_size}).to(device), steps);
  r.image_steps_per_second =
      run(torch::randn({image_batch, 3, mc.img_size, mc.img_size}).to(device), steps);
  r.peak_mb = peakMb();
  return r;
}

std::string trainingDevice(const std::string& wanted) {
  const torch::Device d = pickDevice(wanted);
  if (d.is_cuda())
    return "CUDA GPU (" + std::to_string(torch::cuda::device_count()) + " found; using GPU 0)";
  return "CPU only (" + std::to_string(runtimeThreads()) + " threads)";
}

}  // namespace unilearn::trainer
