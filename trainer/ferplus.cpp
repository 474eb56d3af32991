#include "trainer/ferplus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "model/base/error.h"
#include "model/face_expression_net.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;

const std::vector<std::string>& ferPlusClassNames() {
  static const std::vector<std::string> names = {"neutral", "happy",     "surprised", "sad",
                                                 "angry",   "disgusted", "fearful"};
  return names;
}

FerPlusRow parseFerPlusRow(const std::string& raw, const std::string& where) {
  std::string line = raw;
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
    line.pop_back();
  FerPlusRow row;
  const auto comma = line.find(',');
  const auto open = line.find('"', comma == std::string::npos ? 0 : comma);
  const auto close = open == std::string::npos ? open : line.find('"', open + 1);
  if (comma == std::string::npos || comma == 0 || open != comma + 1 || close == std::string::npos)
    throw Error(Error::Kind::kFormat,
                where + ": expected FER+'s 'file,\"(x, y, w, h)\",10 vote counts'");
  row.file = line.substr(0, comma);
  std::string rest = line.substr(close + 1);
  size_t i = 0, pos = 0;
  while (i < row.votes.size()) {
    if (pos >= rest.size() || rest[pos] != ',')
      throw Error(Error::Kind::kFormat, where + ": expected 10 vote counts after the box");
    ++pos;
    size_t used = 0;
    int v = -1;
    try {
      v = std::stoi(rest.substr(pos), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || v < 0 || v > 1000)
      throw Error(Error::Kind::kFormat, where + ": vote count " + std::to_string(i + 1) +
                                            " is not a small non-negative number");
    row.votes[i++] = v;
    pos += used;
  }
  if (pos != rest.size())
    throw Error(Error::Kind::kFormat, where + ": more than 10 vote counts after the box");
  return row;
}

int ferPlusMajority(const FerPlusRow& row) {
  const auto top = std::max_element(row.votes.begin(), row.votes.end());
  if (*top <= 0 || std::count(row.votes.begin(), row.votes.end(), *top) > 1) return -1;
  const auto index = static_cast<int>(top - row.votes.begin());
  return index < 7 ? index : -1;
}

Dataset loadFerPlus(const std::string& label_csv, std::vector<std::string> classes, int img_size,
                    const ListLayout& layout, int64_t* skipped) {
  std::ifstream in(label_csv);
  if (!in) throw Error(Error::Kind::kIo, "cannot read FER+'s label file '" + label_csv + "'");
  if (classes.empty()) classes = FaceExpressionNet::classNames();
  // FER+ column → target class.
  std::vector<int> to_class;
  for (const auto& name : ferPlusClassNames()) {
    const int c = matchClassName(name, classes);
    if (c < 0)
      throw Error(Error::Kind::kArgument,
                  "FER+'s class '" + name + "' matches none of the classes given");
    to_class.push_back(c);
  }
  const fs::path base =
      layout.root.empty() ? fs::path(label_csv).parent_path() : fs::path(layout.root);
  Dataset d;
  d.classes = classes;
  std::string line;
  int number = 0;
  int64_t dropped = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const std::string where = label_csv + ":" + std::to_string(number);
    const FerPlusRow row = parseFerPlusRow(line, where);
    const int majority = ferPlusMajority(row);
    if (majority < 0) {
      ++dropped;
      continue;
    }
    const fs::path file = base / row.file;
    cv::Mat img = cv::imread(file.string(), cv::IMREAD_COLOR);
    if (img.empty())
      throw Error(Error::Kind::kIo, where + ": cannot read the image '" + file.string() + "'");
    if (img.rows != img_size || img.cols != img_size)
      cv::resize(img, img, cv::Size(img_size, img_size), 0, 0, cv::INTER_LINEAR);
    ImageItem item;
    item.face = img;
    item.label = to_class[static_cast<size_t>(majority)];
    item.group = item.name = row.file;
    item.soft.assign(classes.size(), 0.0F);
    float sum = 0;
    for (size_t k = 0; k < 7; ++k)
      sum += static_cast<float>(row.votes[k]);
    for (size_t k = 0; k < 7; ++k)
      item.soft[static_cast<size_t>(to_class[k])] += static_cast<float>(row.votes[k]) / sum;
    d.images.push_back(std::move(item));
    if (layout.limit > 0 && static_cast<int64_t>(d.images.size()) >= layout.limit) break;
  }
  if (skipped) *skipped = dropped;
  return d;
}

}  // namespace unilearn::trainer
