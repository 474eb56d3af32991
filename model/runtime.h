// Process-wide LibTorch settings. Call ensurePassiveOpenMp() first thing in main(), then
// configureRuntime() before any other LibTorch work and before starting threads.
// Thread-safety: main thread only.
#pragma once

namespace unilearn {

// libgomp reads OMP_WAIT_POLICY when it is loaded, before main() runs, so setting it in main()
// is too late. When the variable is unset, this sets it to "passive" and re-executes the program
// (Linux: /proc/self/exe) with the same arguments; it returns only if the variable was already
// set or the re-exec failed. Measured: a ViT-B clip 2.9 s with spinning OpenMP workers fighting
// OpenBLAS's threads, 1.9 s passive; an image 0.72 s vs 0.20 s (docs/performance.md).
void ensurePassiveOpenMp(char** argv);

// Sets OMP_WAIT_POLICY=passive (unless the user set it), glibc malloc thresholds that keep
// tensor-sized blocks in the heap, and LibTorch's intra-op thread count (threads <= 0: the
// number of cores). Spin-waiting OpenMP threads collapse speed when the GUI
// or a decoder shares the cores (docs/performance.md).
void configureRuntime(int threads);

int runtimeThreads();

}  // namespace unilearn
