// Process-wide LibTorch settings. Call configureRuntime() once at the top of main(), before any
// other LibTorch work and before starting threads. Thread-safety: main thread only.
#pragma once

namespace unilearn {

// Sets OMP_WAIT_POLICY=passive (unless the user set it) and LibTorch's intra-op thread count
// (threads <= 0: the number of cores). Spin-waiting OpenMP threads collapse speed when the GUI
// or a decoder shares the cores (docs/performance.md).
void configureRuntime(int threads);

int runtimeThreads();

}  // namespace unilearn
