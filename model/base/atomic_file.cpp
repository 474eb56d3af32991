#include "model/base/atomic_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "model/base/error.h"

namespace unilearn {

void writeFileAtomically(const std::string& given, const std::function<void(std::ostream&)>& write,
                         bool binary) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(given, ec);  // follows links
  if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
    // A pipe, a terminal or another device: written through, nothing to replace.
    if (fs::is_directory(status))
      throw Error(Error::Kind::kIo, "'" + given + "' is a folder, not a file to write");
    std::ofstream out(given, binary ? std::ios::binary : std::ios::out);
    if (!out) throw Error(Error::Kind::kIo, "cannot write to '" + given + "'");
    write(out);
    out.flush();
    if (!out) throw Error(Error::Kind::kIo, "writing to '" + given + "' failed");
    return;
  }
  // A link is followed: its target is replaced, the link stays.
  const std::string path = fs::is_symlink(fs::symlink_status(given, ec))
                               ? fs::weakly_canonical(given, ec).string()
                               : given;
  const std::string tmp = path + ".partial";
  try {
    std::ofstream out(tmp, binary ? std::ios::binary | std::ios::trunc : std::ios::trunc);
    if (!out)
      throw Error(Error::Kind::kIo, "cannot write '" + path + "' (folder missing or read-only?)");
    write(out);
    out.flush();
    if (!out)
      throw Error(Error::Kind::kIo,
                  "writing '" + path + "' failed (disk full?); nothing was replaced");
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Error(Error::Kind::kIo, "cannot move the new file into place at '" + path + "'");
  }
}

std::string readFile(const std::string& path, const std::string& what) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))  // opens, then reads as empty: say what it is
    throw Error(Error::Kind::kIo, "'" + path + "' is a folder, not the " + what);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot read the " + what + " '" + path + "'");
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw Error(Error::Kind::kIo, "cannot read the " + what + " '" + path + "'");
  return bytes;
}

}  // namespace unilearn
