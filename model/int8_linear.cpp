#include "model/int8_linear.h"

#include <algorithm>
#include <optional>

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/native/quantized/PackedParams.h>
#include <torch/torch.h>

#include "model/base/error.h"

namespace unilearn {
namespace {

// The engine to use: oneDNN (per-channel weights, x86 VNNI), else QNNPACK; chosen once.
std::optional<at::QEngine> engine() {
  static const std::optional<at::QEngine> chosen = []() -> std::optional<at::QEngine> {
    const auto& have = at::globalContext().supportedQEngines();
    for (at::QEngine e : {at::QEngine::ONEDNN, at::QEngine::FBGEMM, at::QEngine::QNNPACK})
      if (std::find(have.begin(), have.end(), e) != have.end()) {
        at::globalContext().setQEngine(e);
        return e;
      }
    return std::nullopt;
  }();
  return chosen;
}

}  // namespace

struct Int8Linear::Packed {
  c10::intrusive_ptr<LinearPackedParamsBase> params;
};

bool Int8Linear::supported() {
  return engine().has_value();
}

Int8Linear::Int8Linear(const at::Tensor& weight, const at::Tensor& bias) {
  const auto e = engine();
  if (!e)
    throw Error(Error::Kind::kConfig,
                "this LibTorch has no quantized engine (oneDNN, FBGEMM or QNNPACK) for int8");
  torch::NoGradGuard no_grad;
  const auto w = weight.to(torch::kFloat32).contiguous();
  out_ = w.size(0);
  at::Tensor qw;
  if (*e == at::QEngine::QNNPACK) {  // per-tensor, symmetric
    const double scale = std::max(w.abs().max().item<double>(), 1e-8) / 127.0;
    qw = torch::quantize_per_tensor(w, scale, 0, torch::kQInt8);
  } else {  // per output channel, symmetric
    const auto scales = (w.abs().amax({1}).clamp_min(1e-8) / 127.0).to(torch::kDouble);
    qw = torch::quantize_per_channel(w, scales, torch::zeros({out_}, torch::kLong), 0,
                                     torch::kQInt8);
  }
  static const auto prepack = c10::Dispatcher::singleton()
                                  .findSchemaOrThrow("quantized::linear_prepack", "")
                                  .typed<c10::intrusive_ptr<LinearPackedParamsBase>(
                                      at::Tensor, c10::optional<at::Tensor>)>();
  c10::optional<at::Tensor> b;
  if (bias.defined()) b = bias.to(torch::kFloat32).contiguous();
  packed_ = std::make_unique<Packed>(Packed{prepack.call(qw, b)});
}

Int8Linear::~Int8Linear() = default;

at::Tensor Int8Linear::forward(const at::Tensor& x) const {
  auto shape = x.sizes().vec();
  const auto flat = x.to(torch::kFloat32).reshape({-1, shape.back()}).contiguous();
  shape.back() = out_;
  return packed_->params->apply_dynamic(flat, /*reduce_range=*/false).view(shape);
}

}  // namespace unilearn
