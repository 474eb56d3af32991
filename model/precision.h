// Numeric precision for inference on the CPU: fp32 (the reference) or bf16 (weights and
// activations in bfloat16 where the CPU has native bf16 arithmetic: AVX-512 BF16 or AMX). The
// routers of the expert layers stay in fp32, so which experts a token goes to is decided as in
// fp32 wherever the scores are not within bf16's rounding of each other.
// Thread-safety: free functions; convert a network before sharing it between threads.
#pragma once

#include <string>

namespace torch::nn {
class Module;
}

namespace unilearn {

enum class Precision { kFp32, kBf16 };

// "fp32" or "bf16"; throws unilearn::Error (kArgument) naming the choices otherwise.
Precision parsePrecision(const std::string& name);
const char* precisionName(Precision p);

// Whether this CPU computes bf16 natively (Linux: the avx512_bf16 or amx_bf16 flag). Without it
// bf16 is emulated and slower than fp32.
bool cpuHasBf16();

// The precision to use when `wanted` was asked for: bf16 falls back to fp32 on a CPU without
// native bf16, with the reason in `why` (empty when nothing fell back).
Precision usablePrecision(Precision wanted, std::string* why);

// Converts a network's parameters and buffers (expert routers excepted, see above).
void applyPrecision(torch::nn::Module& network, Precision p);

}  // namespace unilearn
