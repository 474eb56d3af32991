// `unilearn-gpu-check`: what a GPU does with UniLearn, on model/ alone (LibTorch, no Qt, no
// OpenCV), so that it builds against whatever PyTorch a GPU machine has (scripts/gpu-check.sh).
// Prints, for a preset or JSON config with random weights:
//   inference clips/s at a batch in fp32 and in bf16 (weights and activations, routers fp32),
//   fine-tuning steps/s (forward, cross-entropy, backward, AdamW) and masked-autoencoder
//   pre-training steps/s (95 % of a clip's tokens masked), each in fp32 and under bf16 autocast.
// Runs on the CPU as well (--device cpu), which is how the test suite checks it.
#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>

#include "model/base/error.h"
#include "model/config.h"
#include "model/mae.h"
#include "model/precision.h"
#include "model/vit_moe.h"

namespace {

using unilearn::Error;

struct Options {
  std::string device = "cuda", config = "unilearn-b16-160";
  int64_t batch = 64, train_batch = 16;
  double seconds = 5;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "%s\nusage: unilearn-gpu-check [--device cuda|cpu] [--config PRESET|FILE.json] "
               "[--batch N] [--train-batch N] [--seconds S]\n",
               why.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) usage("'" + a + "' needs a value");
    const std::string v = argv[++i];
    try {
      if (a == "--device")
        o.device = v;
      else if (a == "--config")
        o.config = v;
      else if (a == "--batch")
        o.batch = std::stoll(v);
      else if (a == "--train-batch")
        o.train_batch = std::stoll(v);
      else if (a == "--seconds")
        o.seconds = std::stod(v);
      else
        usage("unknown option '" + a + "'");
    } catch (const std::logic_error&) {
      usage("'" + v + "' is not a number for " + a);
    }
  }
  if (o.device != "cuda" && o.device != "cpu") usage("--device must be cuda or cpu");
  if (o.batch < 1 || o.train_batch < 1 || !(o.seconds > 0))
    usage("batches and seconds must be > 0");
  return o;
}

// bf16 autocast on (or off) for the device's kind, across the LibTorch versions a GPU machine
// may have (the API changed in 2.4).
void setAutocast(bool on, const torch::Device& device) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  at::autocast::set_autocast_dtype(device.type(), at::kBFloat16);
  at::autocast::set_autocast_enabled(device.type(), on);
#else
  if (device.is_cuda()) {
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(on);
  } else {
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(on);
  }
#endif
  if (!on) at::autocast::clear_cache();
}

void sync(const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize();
}

// Runs `measure`; an autocast variant that this LibTorch cannot run on this device (LibTorch 1.x
// on the CPU: a bf16 activation meets an fp32 layer norm) is reported, and the check goes on.
void orReport(const char* what, const std::function<void()>& measure, const torch::Device& d) {
  try {
    measure();
  } catch (const c10::Error& e) {
    setAutocast(false, d);
    std::string why = e.what_without_backtrace();
    why = why.substr(0, why.find('\n'));
    std::printf("%s: cannot run here (%s)\n", what, why.c_str());
  }
}

// Runs `step` twice to warm up, then until `seconds` have passed (at least 3 times); per second.
double rate(const torch::Device& device, double seconds, const std::function<void()>& step) {
  step();
  step();
  sync(device);
  const auto t0 = std::chrono::steady_clock::now();
  int n = 0;
  double elapsed = 0;
  do {
    step();
    ++n;
    sync(device);
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  } while (elapsed < seconds || n < 3);
  return n / elapsed;
}

int run(const Options& o) {
  if (o.device == "cuda" && !torch::cuda::is_available()) {
    std::printf("no CUDA device: this LibTorch (%s) sees no GPU\n", TORCH_VERSION);
    return 3;
  }
  const torch::Device device(o.device == "cuda" ? torch::kCUDA : torch::kCPU);
  const unilearn::ModelConfig c = unilearn::ModelConfig::fromNameOrFile(o.config);
  std::printf("LibTorch %s; device %s%s; model %s (%.1f M parameters, %lld px, %lld frames)\n",
              TORCH_VERSION, o.device.c_str(),
              device.is_cuda()
                  ? (" (" + std::to_string(torch::cuda::device_count()) + " GPUs)").c_str()
                  : "",
              o.config.c_str(), static_cast<double>(c.parameterCount()) / 1e6,
              static_cast<long long>(c.img_size), static_cast<long long>(c.num_frames));
  torch::manual_seed(2409);
  auto clips = [&](int64_t b, torch::ScalarType type) {
    return torch::randn({b, 3, c.num_frames, c.img_size, c.img_size},
                        torch::TensorOptions().device(device).dtype(type));
  };

  // Inference: fp32, then bf16 weights and activations (routers kept fp32, as on the CPU).
  for (const auto p : {unilearn::Precision::kFp32, unilearn::Precision::kBf16}) {
    unilearn::VitMoE net(c);
    net->eval();
    net->to(device);
    unilearn::applyPrecision(*net, p);
    const auto x =
        clips(o.batch, p == unilearn::Precision::kBf16 ? torch::kBFloat16 : torch::kFloat);
    torch::InferenceMode guard;
    const double r = rate(device, o.seconds, [&] { net->forward(x); });
    std::printf("inference %s: %.1f clips/s at batch %lld\n", unilearn::precisionName(p),
                r * static_cast<double>(o.batch), static_cast<long long>(o.batch));
  }

  // Training steps, fp32 and under bf16 autocast (fp32 master weights): fine-tuning the network
  // on labelled clips, and pre-training the masked autoencoder (95 % of a clip's tokens masked).
  const auto x = clips(o.train_batch, torch::kFloat);
  const auto y = torch::randint(c.video_classes, {o.train_batch},
                                torch::TensorOptions().device(device).dtype(torch::kLong));
  unilearn::MaeConfig m;
  m.encoder = c;
  m.encoder.moe_layers.clear();
  const auto mask =
      unilearn::randomTokenMask(o.train_batch, c.videoTokens(), m.video_mask_ratio).to(device);
  const auto target = unilearn::maeTargets(x, m.encoder);
  for (const bool pretraining : {false, true})
    for (const bool autocast : {false, true}) {
      const std::string what = std::string(pretraining ? "pre-training " : "fine-tuning ") +
                               (autocast ? "bf16 autocast" : "fp32");
      orReport(
          what.c_str(),
          [&] {
            std::shared_ptr<torch::nn::Module> net;
            std::function<torch::Tensor()> loss;
            if (pretraining) {
              unilearn::MaePretrain mae(m);
              net = mae.ptr();
              loss = [mae, &x, &mask, &target]() mutable {
                return unilearn::maeLoss(mae->forward(x, mask).to(torch::kFloat), target, mask);
              };
            } else {
              unilearn::VitMoE vit(c);
              net = vit.ptr();
              loss = [vit, &x, &y]() mutable {
                return torch::cross_entropy_loss(vit->forward(x).logits.to(torch::kFloat), y);
              };
            }
            net->train();
            net->to(device);
            torch::optim::AdamW opt(net->parameters(), torch::optim::AdamWOptions(1e-4));
            const double r = rate(device, o.seconds, [&] {
              setAutocast(autocast, device);
              const auto l = loss();
              setAutocast(false, device);
              opt.zero_grad();
              l.backward();
              opt.step();
            });
            std::printf("%s: %.2f steps/s at batch %lld (%.1f clips/s)\n", what.c_str(), r,
                        static_cast<long long>(o.train_batch),
                        r * static_cast<double>(o.train_batch));
          },
          device);
    }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  try {
    return run(o);
  } catch (const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
  } catch (const c10::Error& e) {
    std::fprintf(stderr, "LibTorch error: %s\n",
                 std::getenv("UNILEARN_BACKTRACE") ? e.what() : e.what_without_backtrace());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
  }
  return 1;
}
