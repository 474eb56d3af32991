#include "model/runtime.h"

#include <cstdlib>
#include <thread>

#include <ATen/Parallel.h>

namespace unilearn {

void configureRuntime(int threads) {
  setenv("OMP_WAIT_POLICY", "passive", /*overwrite=*/0);
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
}

int runtimeThreads() { return at::get_num_threads(); }

}  // namespace unilearn
