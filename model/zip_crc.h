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

// Record name (without the archive's top folder, as PyTorchStreamReader names records) -> CRC-32
// from the central directory (zip and zip64). Throws unilearn::Error (kFormat) when the directory
// is missing or damaged.
std::map<std::string, uint32_t> zipRecordCrcs(const std::string& path);

}  // namespace unilearn
