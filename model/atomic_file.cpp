#include "model/atomic_file.h"

#include <cstdio>
#include <fstream>

#include "model/error.h"

namespace unilearn {

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                         bool binary) {
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

}  // namespace unilearn
