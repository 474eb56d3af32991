// `unilearn bench`: median time per clip and per still image, throughput and peak memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <torch/torch.h>

#include "app/cli/commands.h"
#include "app/cli/model_args.h"
#include "model/precision.h"
#include "model/runtime.h"

namespace unilearn::cli {
namespace {

double peakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Median milliseconds of `repeat` timed runs after one warm-up.
double medianMs(int repeat, const std::function<void()>& run) {
  run();
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    run();
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int runBench(const std::vector<std::string>& argv) {
  Args args(argv,
            {"config", "weights", "batch", "threads", "repeat", "mode", "image-batch", "precision"},
            {"routing", "no-image", "no-video", "trace-overhead"});
  const int batch = static_cast<int>(args.getInt("batch", 1));
  const int image_batch = static_cast<int>(args.getInt("image-batch", 1));
  const int repeat = static_cast<int>(args.getInt("repeat", 5));
  if (batch < 1 || image_batch < 1 || repeat < 1)
    throw UsageError{"--batch, --image-batch and --repeat must be >= 1"};
  ForwardOptions options;
  const std::string mode = args.get("mode").value_or("deterministic");
  if (mode == "official")
    options = ForwardOptions::official();
  else if (mode != "deterministic")
    throw UsageError{"--mode must be deterministic or official"};
  options.trace_routing = args.has("routing");

  torch::InferenceMode inference;
  LoadedNetwork net = networkFromArgs(args, true);
  const ModelConfig& c = net.config;
  std::string fallback;
  const Precision precision =
      usablePrecision(parsePrecision(args.get("precision").value_or("fp32")), &fallback);
  if (!fallback.empty()) std::fprintf(stderr, "note: %s\n", fallback.c_str());
  applyPrecision(*net.network, precision);
  const char* wait_policy = std::getenv("OMP_WAIT_POLICY");
  std::printf(
      "model %lld params, %s, %d threads (OpenMP wait policy %s), mode %s%s, peak memory after "
      "load %.0f MB\n",
      static_cast<long long>(parameterCount(*net.network)), precisionName(precision),
      runtimeThreads(), wait_policy ? wait_policy : "unset", mode.c_str(),
      options.trace_routing ? " + routing trace" : "", peakRssMb());
  torch::manual_seed(0);
  if (!args.has("no-video")) {
    auto clip = torch::randn({batch, 3, c.num_frames, c.img_size, c.img_size});
    double ms = medianMs(repeat, [&] { net.network->forward(clip, options); });
    std::printf(
        "video: batch %d, %.1f ms per batch, %.1f ms per clip, %.2f clips/s (median of %d)\n",
        batch, ms, ms / batch, 1000.0 * batch / ms, repeat);
  }
  if (!args.has("no-image")) {
    auto img = torch::randn({image_batch, 3, c.img_size, c.img_size});
    double ms = medianMs(repeat, [&] { net.network->forward(img, options); });
    std::printf(
        "image: batch %d, %.1f ms per batch, %.1f ms per image, %.2f images/s (median of %d)\n",
        image_batch, ms, ms / image_batch, 1000.0 * image_batch / ms, repeat);
  }
  if (args.has("trace-overhead")) {
    // Issue 6: what keeping every token's routing costs. Runs with and without the trace
    // alternate, so machine noise hits both alike; the trace includes the copy of the indices
    // and gates out of the tensors, as the routing views take them.
    auto clip = torch::randn({1, 3, c.num_frames, c.img_size, c.img_size});
    ForwardOptions plain = options, traced = options;
    plain.trace_routing = false;
    traced.trace_routing = true;
    std::vector<double> off, on;
    net.network->forward(clip, traced);
    for (int i = 0; i < repeat; ++i) {
      for (int with : {0, 1}) {
        auto t0 = std::chrono::steady_clock::now();
        ForwardOutput y = net.network->forward(clip, with ? traced : plain);
        for (const auto& layer : y.routing) {
          auto idx = layer.indices.to(torch::kInt32).contiguous();
          auto gates = layer.gates.contiguous();
          std::vector<int32_t> a(idx.data_ptr<int32_t>(), idx.data_ptr<int32_t>() + idx.numel());
          std::vector<float> b(gates.data_ptr<float>(), gates.data_ptr<float>() + gates.numel());
        }
        (with ? on : off)
            .push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
      }
    }
    std::sort(off.begin(), off.end());
    std::sort(on.begin(), on.end());
    const double a = off[off.size() / 2], b = on[on.size() / 2];
    std::printf(
        "routing trace: %.1f ms per clip without, %.1f ms with: %+.1f %% (median of %d "
        "alternating pairs)\n",
        a, b, 100.0 * (b - a) / a, repeat);
  }
  std::printf("peak memory (max RSS): %.0f MB\n", peakRssMb());
  return 0;
}

}  // namespace unilearn::cli
