// Integrity of torch.save zip files. LibTorch's zip reader is built without CRC checks, so a
// flipped bit in a weight record would load silently; we read the CRC-32 of every record from the
// zip's central directory and compare. No LibTorch. Thread-safety: free functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace unilearn {

uint32_t crc32(const void* data, size_t size, uint32_t crc = 0);

struct ZipRecord {
  uint32_t crc = 0;
  uint64_t size = 0;    // uncompressed size
  bool stored = false;  // compression method 0 (torch.save stores records uncompressed)
};

// Record name (without the archive's top folder, as PyTorchStreamReader names records) -> CRC-32
// and size from the central directory (zip and zip64). Throws unilearn::Error (kFormat) when the
// directory is missing or damaged.
std::map<std::string, ZipRecord> zipRecords(const std::string& path);

}  // namespace unilearn
