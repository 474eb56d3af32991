// The project file's schema, one migration per version: migration N takes a database at
// version N-1 to version N. Never edit a released migration; add the next one.
// Thread-safety: constants only.
#pragma once

#include <string>
#include <vector>

namespace unilearn::core {

// SQLite application_id of UniLearn Studio projects ("ULST").
constexpr int kProjectApplicationId = 0x554C5354;

// migrations()[i] brings the schema from version i to i + 1.
const std::vector<std::string>& migrations();

inline int latestSchemaVersion() {
  return static_cast<int>(migrations().size());
}

}  // namespace unilearn::core
