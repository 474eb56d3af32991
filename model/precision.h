// Numeric precision for inference on the CPU: fp32 (the reference), bf16 (weights and
// activations in bfloat16 where the CPU has native bf16 arithmetic: AVX-512 BF16 or AMX) or int8
// (dynamic quantization of the linear layers: qkv, proj, the MLPs and the experts, as PyTorch's
// quantize_dynamic does; model/int8_linear.h). The routers of the expert layers stay in fp32 in
// every precision, so which experts a token goes to is decided as in fp32 wherever the scores
// are not within the rounding of each other; the patch embedding, norms and heads stay fp32 in
// int8.
// Thread-safety: free functions; convert a network before sharing it between threads.
#pragma once

#include <string>

namespace torch::nn {
class Module;
}

namespace unilearn {

enum class Precision { kFp32, kBf16, kInt8 };

// "fp32", "bf16" or "int8"; throws unilearn::Error (kArgument) naming the choices otherwise.
Precision parsePrecision(const std::string& name);
const char* precisionName(Precision p);

// Whether this CPU computes bf16 natively (Linux: the avx512_bf16 or amx_bf16 flag). Without it
// bf16 is emulated and slower than fp32.
bool cpuHasBf16();

// The precision to use when `wanted` was asked for: bf16 falls back to fp32 on a CPU without
// native bf16, int8 on a LibTorch without a quantized engine, with the reason in `why` (empty
// when nothing fell back).
Precision usablePrecision(Precision wanted, std::string* why);

// Converts a network's parameters and buffers (expert routers excepted, see above); for int8,
// packs the linear layers' weights (the fp32 ones stay for the parts kept in fp32).
void applyPrecision(torch::nn::Module& network, Precision p);

}  // namespace unilearn
