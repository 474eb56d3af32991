// Test entry point: fixes LibTorch's thread count (it starts at 1 on this platform) so that
// results and timings are comparable between runs.
#include <gtest/gtest.h>

#include "model/runtime.h"

int main(int argc, char** argv) {
  unilearn::configureRuntime(2);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
