#include "core/faces/assignment.h"

#include <algorithm>
#include <limits>

namespace unilearn::core {

std::vector<int> solveAssignment(const std::vector<std::vector<double>>& cost, double forbidden) {
  const int rows = static_cast<int>(cost.size());
  const int cols = rows ? static_cast<int>(cost[0].size()) : 0;
  std::vector<int> result(rows, -1);
  if (rows == 0 || cols == 0) return result;
  // Square matrix padded with "unassigned" entries that cost `forbidden`.
  const int n = std::max(rows, cols);
  auto at = [&](int r, int c) {
    return (r < rows && c < cols) ? std::min(cost[r][c], forbidden) : forbidden;
  };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<int> p(n + 1, 0), way(n + 1, 0);
  for (int i = 1; i <= n; ++i) {
    p[0] = i;
    int j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<char> used(n + 1, 0);
    do {
      used[j0] = 1;
      const int i0 = p[j0];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= n; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  for (int j = 1; j <= n; ++j) {
    const int r = p[j] - 1, c = j - 1;
    if (r < rows && c < cols && cost[r][c] < forbidden) result[r] = c;
  }
  return result;
}

}  // namespace unilearn::core
