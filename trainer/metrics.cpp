#include "trainer/metrics.h"

#include <algorithm>
#include <cstdio>

#include "model/base/error.h"

namespace unilearn::trainer {

Metrics computeMetrics(const std::vector<int>& truth, const std::vector<int>& predicted,
                       int classes) {
  if (truth.size() != predicted.size())
    throw Error(Error::Kind::kArgument, "metrics need as many predictions as labels");
  Metrics m;
  m.confusion.assign(static_cast<size_t>(classes),
                     std::vector<int64_t>(static_cast<size_t>(classes)));
  int64_t correct = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
      throw Error(Error::Kind::kArgument, "a label or prediction is outside the classes");
    ++m.confusion[static_cast<size_t>(truth[i])][static_cast<size_t>(predicted[i])];
    correct += truth[i] == predicted[i];
  }
  m.samples = static_cast<int64_t>(truth.size());
  m.war = m.samples ? static_cast<double>(correct) / static_cast<double>(m.samples) : 0.0;
  int present = 0;
  double sum = 0;
  for (int c = 0; c < classes; ++c) {
    int64_t row = 0;
    for (int64_t v : m.confusion[static_cast<size_t>(c)])
      row += v;
    const double r =
        row ? static_cast<double>(m.confusion[static_cast<size_t>(c)][static_cast<size_t>(c)]) /
                  static_cast<double>(row)
            : -1.0;
    m.recall.push_back(r);
    if (row) {
      sum += r;
      ++present;
    }
  }
  m.uar = present ? sum / present : 0.0;
  return m;
}

std::string Metrics::summary(const std::vector<std::string>& classes) const {
  char line[160];
  std::snprintf(line, sizeof line, "WAR %.1f %%, UAR %.1f %% over %lld samples", 100 * war,
                100 * uar, static_cast<long long>(samples));
  std::string out = line;
  for (size_t c = 0; c < recall.size(); ++c) {
    if (recall[c] < 0) continue;
    std::snprintf(line, sizeof line, "; %s %.0f %%",
                  c < classes.size() ? classes[c].c_str() : std::to_string(c).c_str(),
                  100 * recall[c]);
    out += line;
  }
  return out;
}

namespace {

std::string className(const std::vector<std::string>& classes, size_t c) {
  return c < classes.size() ? classes[c] : std::to_string(c);
}

}  // namespace

std::string Metrics::table(const std::vector<std::string>& classes) const {
  size_t width = 6;
  for (size_t c = 0; c < confusion.size(); ++c)
    width = std::max(width, className(classes, c).size());
  std::string out = "confusion (rows: true class, columns: predicted):\n";
  out += std::string(width, ' ');
  char cell[64];
  for (size_t c = 0; c < confusion.size(); ++c) {
    std::snprintf(cell, sizeof cell, " %9.9s", className(classes, c).c_str());
    out += cell;
  }
  out += "     recall\n";
  for (size_t r = 0; r < confusion.size(); ++r) {
    const std::string name = className(classes, r);
    out += name + std::string(width - name.size(), ' ');
    for (int64_t v : confusion[r]) {
      std::snprintf(cell, sizeof cell, " %9lld", static_cast<long long>(v));
      out += cell;
    }
    if (r < recall.size() && recall[r] >= 0)
      std::snprintf(cell, sizeof cell, "   %6.1f %%\n", 100 * recall[r]);
    else
      std::snprintf(cell, sizeof cell, "        -\n");
    out += cell;
  }
  return out;
}

json::Value Metrics::toJson(const std::vector<std::string>& classes) const {
  json::Value v = json::Value::object();
  v.set("war", war);
  v.set("uar", uar);
  v.set("samples", samples);
  json::Value names = json::Value::array();
  json::Value rec = json::Value::object();
  json::Value conf = json::Value::array();
  for (size_t c = 0; c < confusion.size(); ++c) {
    names.push(className(classes, c));
    if (c < recall.size() && recall[c] >= 0)
      rec.set(className(classes, c), recall[c]);
    else
      rec.set(className(classes, c), json::Value());
    json::Value row = json::Value::array();
    for (int64_t x : confusion[c])
      row.push(x);
    conf.push(row);
  }
  v.set("classes", names);
  v.set("recall", rec);
  v.set("confusion", conf);
  return v;
}

}  // namespace unilearn::trainer
