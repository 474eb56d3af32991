// A stable identity of a file's content: "crc32:XXXXXXXX:SIZE" (CRC-32 of its bytes and its
// size). How a project recognises a video or a model file wherever it moves.
// Thread-safety: a pure function of the file.
#pragma once

#include <string>

namespace unilearn::core {

std::string contentHash(const std::string& path);

}  // namespace unilearn::core
