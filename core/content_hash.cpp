#include "core/content_hash.h"

#include <cstdio>
#include <fstream>
#include <vector>

#include "model/base/zip_crc.h"

namespace unilearn::core {

std::string contentHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(1 << 20);
  uint32_t crc = 0;
  uint64_t size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    crc = crc32(buf.data(), n, crc);
    size += n;
  }
  char out[48];
  std::snprintf(out, sizeof out, "crc32:%08x:%llu", crc, static_cast<unsigned long long>(size));
  return out;
}

}  // namespace unilearn::core
