#include "core/library_errors.h"

#include <exception>
#include <new>

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>

#include "model/base/error.h"

namespace unilearn::core {
namespace {

// LibTorch's messages carry a C++ backtrace after the first line.
std::string firstLine(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

}  // namespace

void rethrowAsError(const std::string& context) {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw Error(Error::Kind::kIo, context +
                                      ": out of memory (close other programs, or use a smaller "
                                      "model or fewer threads)");
  } catch (const c10::Error& e) {
    throw Error(Error::Kind::kArgument,
                context + ": the network failed (" + firstLine(e.what_without_backtrace()) + ")");
  } catch (const cv::Exception& e) {
    throw Error(Error::Kind::kArgument,
                context + ": image processing failed (" + firstLine(e.what()) + ")");
  } catch (const std::exception& e) {
    throw Error(Error::Kind::kArgument, context + ": " + firstLine(e.what()));
  } catch (...) {
    throw Error(Error::Kind::kArgument, context + ": an unknown error");
  }
}

}  // namespace unilearn::core
