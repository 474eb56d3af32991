// Internal to trainer/: the LibTorch pieces the fine-tuner, the evaluator and the benchmark
// share (tensors from crops, device choice, building the network from a base model, the
// optimizer with layer-wise decay, evaluation with the official protocol, per-epoch checkpoints).
// Includes LibTorch: never include it from ui/ or core/. Thread-safety: free functions.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "model/network_file.h"
#include "trainer/dataset.h"
#include "trainer/finetune_config.h"

namespace unilearn::trainer::detail {

torch::Tensor clipTensor(const std::vector<std::vector<cv::Mat>>& clips, int64_t s);  // [B,3,T,S,S]
torch::Tensor imageTensor(const std::vector<cv::Mat>& faces, int64_t s);              // [B,3,S,S]
torch::Device pickDevice(const std::string& wanted);
// A run's start: its output folder made (kArgument when none is given, kIo when it cannot be),
// the CPU threads set (0 keeps the runtime's), and the device chosen.
torch::Device startRun(const std::string& out_dir, int threads, const std::string& device);
std::string deviceName(const torch::Device& d);
double peakMb();

struct Built {
  ModelConfig config;
  VitMoE net{nullptr};
  std::string report;
};
// The network for `classes` from the base model (heads rebuilt when its classes differ).
Built buildNetwork(const FinetuneConfig& c, const std::vector<std::string>& classes);

struct Optimizer {
  std::unique_ptr<torch::optim::AdamW> adamw;
  std::vector<double> scales;  // layer-wise lr scale per group
  int64_t trainable_parameters = 0;
};
// Freezes what `c.train` leaves out; groups the rest by (layer scale, weight decay).
Optimizer makeOptimizer(VitMoE& net, const FinetuneConfig& c);
void clearGradients(torch::optim::Optimizer& opt);
[[noreturn]] void outOfMemory(const std::string& what);
// A LibTorch failure inside a step of `what` ("training step"), as an Error people can act on.
[[noreturn]] void stepFailed(const c10::Error& e, const std::string& what);
// Whether the person asked the run to stop (`cancelled` may be empty); marks `result` so.
template <class Result>
bool stopRequested(const std::function<bool()>& cancelled, Result& result) {
  if (!cancelled || !cancelled()) return false;
  result.cancelled = true;
  return true;
}
// An epoch's step order: `video_steps` clip batches (0) and `image_steps` still batches (1),
// shuffled by `rng`.
std::vector<int> stepKinds(int64_t video_steps, int64_t image_steps, std::mt19937_64& rng);
// 0 … n-1, shuffled by `rng`.
std::vector<size_t> shuffledOrder(size_t n, std::mt19937_64& rng);
// Time, speed and mean loss of an epoch that started at `start`.
EpochReport epochReport(int epoch, std::chrono::steady_clock::time_point start, int64_t steps,
                        double loss_sum);

// The rows of `probs` ([N, C] float on the CPU) appended to `rows`, their top class to
// `predictions`.
void appendProbabilities(const torch::Tensor& probs, std::vector<std::vector<float>>& rows,
                         std::vector<int>& predictions);

// `to_model[i]`: the model's class index of the data's class i.
// `to_model_images`: the stills' class mapping where the image head's classes differ (empty:
// `to_model`).
Evaluation evaluateNetwork(VitMoE& net, const Dataset& data, const std::vector<int>& to_model,
                           int sampling_rate, const torch::Device& device,
                           const std::vector<int>& to_model_images = {});

// What survives between epochs besides the weights and the optimizer: state.json.
struct Saved {
  int epoch = -1;
  int best_epoch = -1;
  double best_war = -1, best_uar = -1, best_still_war = -1, best_still_uar = -1;
  std::vector<EpochReport> history;
};
json::Value metricsJson(const Metrics& m);
void writeState(const std::filesystem::path& dir, const Saved& s);
Saved readState(const std::filesystem::path& dir);  // epoch -1 when there is none
void saveCheckpoint(const std::filesystem::path& dir, int epoch, torch::nn::Module& net,
                    torch::optim::AdamW& opt);
void loadCheckpoint(const std::filesystem::path& dir, int epoch, torch::nn::Module& net,
                    torch::optim::AdamW& opt, const torch::Device& device);
void removeOlderCheckpoints(const std::filesystem::path& dir, int keep);

}  // namespace unilearn::trainer::detail
