// The core boundary for errors from the libraries below (LibTorch's c10::Error, OpenCV's
// cv::Exception, std::bad_alloc, any std::exception): inside a `catch (...)`, call
// rethrowAsError("what was being done") and the caller receives a unilearn::Error with a message a
// person can act on instead of an exception type it does not know (which ended the app through
// std::terminate on a worker thread). Thread-safety: free function.
#pragma once

#include <string>

namespace unilearn::core {

// Rethrows the exception being handled: unilearn::Error as it is, everything else translated.
// Must be called from inside a catch block.
[[noreturn]] void rethrowAsError(const std::string& context);

// Inside a catch block: the message of the exception being handled, translated the same way
// (for callers that report and go on, such as the app's background jobs).
std::string currentErrorMessage();

}  // namespace unilearn::core
