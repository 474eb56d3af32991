#include "model/runtime.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include <ATen/Parallel.h>

namespace unilearn {

void ensurePassiveOpenMp(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  setenv("OMP_WAIT_POLICY", "passive", 1);
#ifdef __linux__
  execv("/proc/self/exe", argv);  // returns only on failure; then carry on as we are
#else
  (void)argv;
#endif
}

void configureRuntime(int threads) {
  setenv("OMP_WAIT_POLICY", "passive", /*overwrite=*/0);
#ifdef M_MMAP_THRESHOLD
  // Inference allocates and frees many multi-megabyte tensors per block. With glibc's defaults
  // each one is a fresh mmap whose pages fault in again: a ViT-B clip spent ~30 % of its time
  // there (1.64-1.75 s -> 1.20-1.28 s with these settings, docs/performance.md). Keep such blocks
  // in the heap (up to glibc's 32 MB limit) and do not hand freed memory straight back.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
#endif
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
}

int runtimeThreads() {
  return at::get_num_threads();
}

}  // namespace unilearn
