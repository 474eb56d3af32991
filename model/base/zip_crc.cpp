#include "model/base/zip_crc.h"

#include <array>
#include <fstream>
#include <vector>

#include "model/base/error.h"

namespace unilearn {
namespace {

const std::array<uint32_t, 256>& crcTable() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

uint64_t le(const std::vector<char>& b, size_t at, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v |= static_cast<uint64_t>(static_cast<uint8_t>(b[at + i])) << (8 * i);
  return v;
}

[[noreturn]] void damaged(const std::string& path, const std::string& why) {
  throw Error(Error::Kind::kFormat, "'" + path + "' is damaged or truncated (zip " + why + ")");
}

std::vector<char> readAt(std::ifstream& in, uint64_t offset, uint64_t size,
                         const std::string& path) {
  std::vector<char> buf(size);
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(buf.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size) damaged(path, "directory outside the file");
  return buf;
}

}  // namespace

uint32_t crc32(const void* data, size_t size, uint32_t crc) {
  const auto& t = crcTable();
  const auto* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
  for (size_t i = 0; i < size; ++i)
    crc = t[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::map<std::string, ZipRecord> zipRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "'");
  in.seekg(0, std::ios::end);
  const uint64_t file_size = static_cast<uint64_t>(in.tellg());
  const uint64_t tail_size = std::min<uint64_t>(file_size, 22 + 65535 + 20);
  std::vector<char> tail = readAt(in, file_size - tail_size, tail_size, path);
  int64_t eocd = -1;
  for (int64_t i = static_cast<int64_t>(tail_size) - 22; i >= 0; --i)
    if (le(tail, static_cast<size_t>(i), 4) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) damaged(path, "end record missing");
  uint64_t entries = le(tail, eocd + 10, 2);
  uint64_t cd_size = le(tail, eocd + 12, 4);
  uint64_t cd_offset = le(tail, eocd + 16, 4);
  if (entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    if (eocd < 20 || le(tail, eocd - 20, 4) != 0x07064b50) damaged(path, "zip64 locator missing");
    const uint64_t z64 = le(tail, eocd - 20 + 8, 8);
    if (z64 > file_size || file_size - z64 < 56) damaged(path, "zip64 record outside the file");
    std::vector<char> rec = readAt(in, z64, 56, path);
    if (le(rec, 0, 4) != 0x06064b50) damaged(path, "zip64 end record damaged");
    entries = le(rec, 32, 8);
    cd_size = le(rec, 40, 8);
    cd_offset = le(rec, 48, 8);
  }
  if (cd_offset > file_size || cd_size > file_size - cd_offset || entries > cd_size / 46)
    damaged(path, "directory outside the file");
  std::vector<char> cd = readAt(in, cd_offset, cd_size, path);
  std::map<std::string, ZipRecord> records;
  size_t at = 0;
  for (uint64_t e = 0; e < entries; ++e) {
    if (at + 46 > cd.size() || le(cd, at, 4) != 0x02014b50)
      damaged(path, "directory entry damaged");
    ZipRecord rec;
    rec.stored = le(cd, at + 10, 2) == 0;
    rec.crc = static_cast<uint32_t>(le(cd, at + 16, 4));
    rec.size = le(cd, at + 24, 4);
    const size_t name_len = le(cd, at + 28, 2), extra = le(cd, at + 30, 2),
                 comment = le(cd, at + 32, 2);
    if (at + 46 + name_len + extra + comment > cd.size()) damaged(path, "directory entry damaged");
    if (rec.size == 0xFFFFFFFF) {  // zip64: the real size is the first field of extra 0x0001
      bool found = false;
      const size_t extra_end = at + 46 + name_len + extra;
      for (size_t x = at + 46 + name_len; x + 4 <= extra_end;) {
        const size_t id = le(cd, x, 2), len = le(cd, x + 2, 2);
        if (x + 4 + len > extra_end) break;
        if (id == 0x0001 && len >= 8) {
          rec.size = le(cd, x + 4, 8);
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) damaged(path, "zip64 size missing");
    }
    if (rec.size > file_size) damaged(path, "record larger than the file");
    std::string name(cd.data() + at + 46, name_len);
    const size_t slash = name.find('/');
    records[slash == std::string::npos ? name : name.substr(slash + 1)] = rec;
    at += 46 + name_len + extra + comment;
  }
  return records;
}

}  // namespace unilearn
