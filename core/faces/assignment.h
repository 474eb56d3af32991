// Minimum-cost assignment (Hungarian method, O(n^3)) for matching tracks to detections.
// Thread-safety: free function.
#pragma once

#include <vector>

namespace unilearn::core {

// cost[r][c] for r rows and c columns (any shape). Returns for each row the assigned column or
// -1; pairs whose cost is >= `forbidden` are never assigned.
std::vector<int> solveAssignment(const std::vector<std::vector<double>>& cost, double forbidden);

}  // namespace unilearn::core
