// A linear layer with int8 weights and dynamically quantized int8 activations (what PyTorch's
// quantize_dynamic does), through LibTorch's quantized engines (oneDNN here; QNNPACK otherwise):
// weights quantized once, symmetric per output channel; each call quantizes its input with the
// input's own range, multiplies in int8 with int32 accumulation, and returns fp32 with the bias
// added in fp32. Thread-safety: forward() only reads the packed weights.
#pragma once

#include <memory>

#include <ATen/Tensor.h>

namespace unilearn {

class Int8Linear {
 public:
  // Whether this LibTorch has a quantized engine that runs dynamic int8 linears.
  static bool supported();

  // weight [out, in] and optional bias [out], fp32. Throws unilearn::Error (kConfig) when no
  // quantized engine is available.
  Int8Linear(const at::Tensor& weight, const at::Tensor& bias);
  ~Int8Linear();

  // [..., in] fp32 -> [..., out] fp32.
  at::Tensor forward(const at::Tensor& x) const;

 private:
  struct Packed;
  std::unique_ptr<Packed> packed_;
  int64_t out_ = 0;
};

}  // namespace unilearn
