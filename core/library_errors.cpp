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

// Inside a catch block: the exception being handled as a unilearn::Error, `context` first.
Error translated(const std::string& context) {
  const std::string at = context.empty() ? std::string() : context + ": ";
  try {
    throw;
  } catch (const Error& e) {
    return e;
  } catch (const std::bad_alloc&) {
    return Error(Error::Kind::kIo,
                 at + "out of memory (close other programs, or use a smaller model or fewer "
                      "threads)");
  } catch (const c10::Error& e) {
    return Error(Error::Kind::kArgument,
                 at + "the network failed (" + firstLine(e.what_without_backtrace()) + ")");
  } catch (const cv::Exception& e) {
    return Error(Error::Kind::kArgument,
                 at + "image processing failed (" + firstLine(e.what()) + ")");
  } catch (const std::exception& e) {
    return Error(Error::Kind::kArgument, at + firstLine(e.what()));
  } catch (...) {
    return Error(Error::Kind::kArgument, at + "an unknown error");
  }
}

}  // namespace

void rethrowAsError(const std::string& context) {
  throw translated(context);
}

std::string currentErrorMessage() {
  return translated("").what();
}

}  // namespace unilearn::core
