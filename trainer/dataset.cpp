#include "trainer/dataset.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/analysis/token_routing.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/text.h"
#include "model/config.h"
#include "model/face_expression_net.h"
#include "trainer/ferplus.h"

namespace unilearn::trainer {
namespace {

namespace fs = std::filesystem;

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n\"");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r\n\"") - a + 1);
}

std::vector<int64_t> counts(size_t classes, const std::vector<int>& labels) {
  std::vector<int64_t> c(classes);
  for (int l : labels)
    if (l >= 0 && static_cast<size_t>(l) < classes) ++c[static_cast<size_t>(l)];
  return c;
}

cv::Mat readFace(const fs::path& file, int img_size) {
  cv::Mat img = cv::imread(file.string(), cv::IMREAD_COLOR);
  if (img.empty()) return img;
  if (img.rows != img_size || img.cols != img_size)
    cv::resize(img, img, cv::Size(img_size, img_size), 0, 0, cv::INTER_LINEAR);
  return img;
}

// Label text → class index, growing `classes` when it was given empty.
class LabelMap {
 public:
  explicit LabelMap(std::vector<std::string>& classes)
      : classes_(classes), open_(classes.empty()) {}

  int operator()(const std::string& text) {
    for (size_t i = 0; i < classes_.size(); ++i)
      if (lowerAscii(classes_[i]) == lowerAscii(text)) return static_cast<int>(i);
    if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit) && !open_) {
      const int i = std::stoi(text);
      if (i >= 0 && static_cast<size_t>(i) < classes_.size()) return i;
    }
    if (!open_) return -1;
    classes_.push_back(text);
    return static_cast<int>(classes_.size()) - 1;
  }

 private:
  std::vector<std::string>& classes_;
  bool open_;
};

}  // namespace

std::vector<int64_t> Dataset::clipCounts() const {
  std::vector<int> l;
  for (const auto& c : clips)
    l.push_back(c.label);
  return counts(classes.size(), l);
}

std::vector<int64_t> Dataset::imageCounts() const {
  std::vector<int> l;
  for (const auto& i : images)
    l.push_back(i.label);
  return counts(classes.size(), l);
}

std::vector<std::string> Dataset::warnings(int min_clips) const {
  std::vector<std::string> out;
  // Stills alone (no clips at all) train head.image only: count those instead.
  const bool stills_only = clips.empty() && !images.empty();
  const auto n = stills_only ? imageCounts() : clipCounts();
  const std::string what = stills_only ? " stills" : " clips";
  for (size_t c = 0; c < classes.size(); ++c) {
    if (n[c] < min_clips)
      out.push_back("'" + classes[c] + "' has only " + std::to_string(n[c]) + what +
                    ": the model will hardly learn it (aim for " + std::to_string(min_clips) +
                    " or more)");
    std::map<std::string, int64_t> by_group;
    for (const auto& clip : clips)
      if (clip.label == static_cast<int>(c)) ++by_group[clip.group];
    for (const auto& [group, k] : by_group)
      if (n[c] >= 4 && by_group.size() > 1 && k * 4 > n[c] * 3)
        out.push_back("'" + classes[c] + "': " + std::to_string(k) + " of its " +
                      std::to_string(n[c]) + " clips come from " + group +
                      ", so the model may learn that person rather than the expression");
  }
  return out;
}

Dataset loadList(const std::string& list, std::vector<std::string> classes, int img_size,
                 const std::string& split, const ListLayout& layout) {
  std::ifstream in(list);
  if (!in) throw Error(Error::Kind::kIo, "cannot read the list '" + list + "'");
  const fs::path base = layout.root.empty() ? fs::path(list).parent_path() : fs::path(layout.root);
  const std::string& format = layout.format;
  if (format == "ferplus") return loadFerPlus(list, classes, img_size, layout);
  if (!format.empty()) {
    if (format == "dfew")
      classes = dfewClassNames();
    else if (format == "ferv39k")
      classes = ferv39kClassNames();
    else if (format == "affectnet")
      classes = affectnet7ClassNames();
    else
      throw Error(Error::Kind::kArgument,
                  "unknown list format '" + format +
                      "' (dfew, ferv39k, affectnet or ferplus; MAFW's lists are "
                      "not read yet)");
  }
  Dataset d;
  LabelMap label_of(classes);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    const char sep = line.find(',') != std::string::npos ? ',' : ' ';
    while (std::getline(ss, col, sep))
      if (!trim(col).empty()) cols.push_back(trim(col));
    const std::string where = list + ":" + std::to_string(number);
    if (cols.size() < 2) throw Error(Error::Kind::kFormat, where + ": expected 'path,label'");
    if (number == 1 && (lowerAscii(cols[1]) == "label" || lowerAscii(cols[0]) == "path" ||
                        lowerAscii(cols[0]) == "video_name"))
      continue;  // header
    if (!split.empty() && (cols.size() < 3 || cols[2] != split)) continue;
    if (format == "dfew") {  // video 1 → folder 00001, labels 1..7
      if (cols[0].size() < 5) cols[0] = std::string(5 - cols[0].size(), '0') + cols[0];
      cols[1] = std::to_string(std::atoi(cols[1].c_str()) - 1);
    }
    const int label = label_of(cols[1]);
    if (label < 0)
      throw Error(Error::Kind::kArgument, where + ": '" + cols[1] + "' is not one of the classes");
    const fs::path path = fs::path(cols[0]).is_absolute() ? fs::path(cols[0]) : base / cols[0];
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(path))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      ClipItem clip;
      for (const auto& f : files) {
        cv::Mat face = readFace(f, img_size);
        if (!face.empty()) clip.frames.push_back(face);
      }
      if (clip.frames.empty())
        throw Error(Error::Kind::kFormat,
                    where + ": no readable frame images in '" + path.string() + "'");
      clip.label = label;
      clip.group = clip.name = cols[0];
      d.clips.push_back(std::move(clip));
    } else {
      cv::Mat face = readFace(path, img_size);
      if (face.empty())
        throw Error(Error::Kind::kIo, where + ": cannot read the image '" + path.string() + "'");
      d.images.push_back({face, label, cols[0], cols[0]});
    }
    if (layout.limit > 0 && static_cast<int64_t>(d.clips.size() + d.images.size()) >= layout.limit)
      break;
  }
  d.classes = classes;
  return d;
}

Dataset projectDataset(const core::Project& project, const ProjectDataOptions& o,
                       std::vector<std::string>* skipped) {
  Dataset d;
  d.classes = o.classes;
  if (d.classes.empty()) d.classes = project.schemeLabels(o.scheme);
  LabelMap label_of(d.classes);
  int used = 0;
  for (const auto& media : project.media()) {
    const std::optional<core::AnalysisRecord> analysis = latestFinishedAnalysis(project, media.id);
    const auto tracks = project.tracks(media.id);
    for (const auto& a : project.annotations(media.id)) {
      if (a.scheme != o.scheme) continue;
      if (!o.annotators.empty() &&
          std::find(o.annotators.begin(), o.annotators.end(), a.annotator) == o.annotators.end())
        continue;
      const std::string what = "'" + a.label + "' frames " + std::to_string(a.start_frame) + "–" +
                               std::to_string(a.end_frame) + " of " +
                               fs::path(media.path).filename().string();
      auto skip = [&](const std::string& why) {
        if (skipped) skipped->push_back(what + ": " + why);
      };
      if (!analysis) {
        skip("the video has not been analysed, so its faces are unknown");
        continue;
      }
      std::optional<core::TrackRecord> track;
      for (const auto& t : tracks)
        if ((a.track_id && t.id == *a.track_id) || (!a.track_id && tracks.size() == 1)) track = t;
      if (!track) {
        skip(a.track_id ? "its person is gone" : "a whole-video label with several people");
        continue;
      }
      const int label = label_of(a.label);
      if (label < 0) {
        skip("not a class of the scheme");
        continue;
      }
      std::set<int64_t> stored;
      for (const auto& f : project.frames(analysis->id, track->id))
        if (f.frame >= a.start_frame && f.frame <= a.end_frame && !f.face.empty())
          stored.insert(f.frame);
      if (stored.empty()) {
        skip("no face of that person was found in it");
        continue;
      }
      std::vector<int64_t> frames(stored.begin(), stored.end());
      const std::string group = track->person.empty()
                                    ? fs::path(media.path).filename().string() + " face " +
                                          std::to_string(track->tracker_id)
                                    : track->person;
      const size_t chunk = static_cast<size_t>(std::max(16, o.clip_frames));
      for (size_t start = 0; start < frames.size(); start += chunk) {
        size_t end = std::min(frames.size(), start + chunk);
        if (frames.size() - end < chunk / 3) end = frames.size();  // no tiny last piece
        std::vector<int64_t> part(frames.begin() + static_cast<long>(start),
                                  frames.begin() + static_cast<long>(end));
        ClipItem clip;
        clip.frames = core::trackCrops(project, *analysis, track->id, part, o.img_size);
        clip.label = label;
        clip.group = group;
        clip.name = what;
        for (int k = 0; k < o.stills_per_clip; ++k) {
          const size_t i = (2 * static_cast<size_t>(k) + 1) * clip.frames.size() /
                           (2 * static_cast<size_t>(o.stills_per_clip));
          d.images.push_back({clip.frames[i], label, group, what});
        }
        d.clips.push_back(std::move(clip));
        if (end == frames.size()) break;
        start = end - chunk;
      }
      ++used;
    }
  }
  if (used == 0)
    throw Error(Error::Kind::kArgument,
                "no usable annotations of the scheme '" + o.scheme +
                    "' in this project: label segments of analysed people first");
  return d;
}

std::optional<core::AnalysisRecord> latestFinishedAnalysis(const core::Project& project,
                                                           int64_t media_id) {
  std::optional<core::AnalysisRecord> latest;
  for (const auto& a : project.analyses(media_id))
    if (a.status == "done" && (!latest || a.id > latest->id)) latest = a;
  return latest;
}

Dataset pseudoLabelDataset(const core::Project& project, const PseudoLabelOptions& o) {
  Dataset d;
  d.classes = o.classes.empty() ? std::vector<std::string>{"face"} : o.classes;
  const auto& names = FaceExpressionNet::classNames();
  std::vector<int> to_class;  // no classes: every face, one label (pre-training)
  for (const auto& n : names)
    to_class.push_back(o.classes.empty() ? 0 : matchClassName(n, o.classes));
  for (const auto& media : project.media()) {
    const std::optional<core::AnalysisRecord> analysis = latestFinishedAnalysis(project, media.id);
    if (!analysis) continue;
    for (const auto& track : project.tracks(media.id)) {
      const auto frames = project.frames(analysis->id, track.id);
      // Runs of one confident smoothed top class over consecutive frames.
      size_t start = 0;
      auto flush = [&](size_t begin, size_t end, int cls) {
        if (cls < 0 || static_cast<int>(end - begin) < o.min_frames) return;
        std::vector<int64_t> run;
        for (size_t i = begin; i < end; ++i)
          run.push_back(frames[i].frame);
        const std::string group =
            fs::path(media.path).filename().string() + " face " + std::to_string(track.tracker_id);
        const size_t chunk = static_cast<size_t>(std::max(16, o.clip_frames));
        for (size_t a = 0; a < run.size(); a += chunk) {
          const size_t b = run.size() - a < chunk + chunk / 3 ? run.size() : a + chunk;
          ClipItem clip;
          clip.frames = core::trackCrops(
              project, *analysis, track.id,
              {run.begin() + static_cast<long>(a), run.begin() + static_cast<long>(b)}, o.img_size);
          clip.label = cls;
          clip.group = group;
          clip.name =
              group + " frames " + std::to_string(run[a]) + "–" + std::to_string(run[b - 1]);
          for (int k = 0; k < o.stills_per_clip; ++k)
            d.images.push_back({clip.frames[(2 * static_cast<size_t>(k) + 1) * clip.frames.size() /
                                            (2 * static_cast<size_t>(o.stills_per_clip))],
                                cls, group, clip.name});
          d.clips.push_back(std::move(clip));
          if (b == run.size()) break;
        }
      };
      int current = -1;
      for (size_t i = 0; i <= frames.size(); ++i) {
        int cls = -1;
        if (i < frames.size() && !frames[i].smoothed.empty() && !frames[i].face.empty()) {
          const auto& p = frames[i].smoothed;
          const auto top = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
          if (p[top] >= o.min_confidence && top < to_class.size()) cls = to_class[top];
        }
        const bool gap = i > 0 && i < frames.size() && frames[i].frame != frames[i - 1].frame + 1;
        if (i == frames.size() || cls != current || gap) {
          if (i > 0) flush(start, i, current);
          start = i;
          current = cls;
        }
      }
    }
  }
  return d;
}

LabelCounts labelCounts(const core::Project& project, const std::string& scheme,
                        const std::vector<std::string>& annotators, int min_segments) {
  LabelCounts n;
  n.classes = project.schemeLabels(scheme);
  n.segments.assign(n.classes.size(), 0);
  n.frames.assign(n.classes.size(), 0);
  std::map<std::string, std::vector<int64_t>> people;
  std::set<std::string> who;
  for (const auto& media : project.media()) {
    std::map<int64_t, std::string> names;
    const auto tracks = project.tracks(media.id);
    for (const auto& t : tracks)
      names[t.id] = t.person.empty() ? fs::path(media.path).filename().string() + " face " +
                                           std::to_string(t.tracker_id)
                                     : t.person;
    for (const auto& a : project.annotations(media.id)) {
      if (a.scheme != scheme) continue;
      who.insert(a.annotator);
      if (!annotators.empty() &&
          std::find(annotators.begin(), annotators.end(), a.annotator) == annotators.end())
        continue;
      auto it = std::find(n.classes.begin(), n.classes.end(), a.label);
      if (it == n.classes.end()) continue;
      const auto c = static_cast<size_t>(it - n.classes.begin());
      ++n.segments[c];
      n.frames[c] += a.end_frame - a.start_frame + 1;
      const std::string person =
          a.track_id ? names[*a.track_id]
                     : (tracks.size() == 1 ? names[tracks[0].id]
                                           : fs::path(media.path).filename().string());
      auto& row = people[person];
      row.resize(n.classes.size());
      ++row[c];
    }
  }
  n.annotators.assign(who.begin(), who.end());
  n.by_person.assign(people.begin(), people.end());
  for (size_t c = 0; c < n.classes.size(); ++c) {
    if (n.segments[c] == 0) continue;  // unused classes are left out of training
    if (n.segments[c] < min_segments)
      n.warnings.push_back("'" + n.classes[c] + "' has only " + std::to_string(n.segments[c]) +
                           " labelled segments (aim for " + std::to_string(min_segments) +
                           " or more)");
    for (const auto& [person, row] : n.by_person)
      if (n.segments[c] >= 4 && n.by_person.size() > 1 && row[c] * 4 > n.segments[c] * 3)
        n.warnings.push_back("'" + n.classes[c] + "': " + std::to_string(row[c]) + " of " +
                             std::to_string(n.segments[c]) + " segments are " + person +
                             "'s: the model may learn the person, not the expression");
  }
  return n;
}

std::pair<Dataset, Dataset> splitDataset(const Dataset& data, double fraction, uint64_t seed) {
  Dataset train, val;
  train.classes = val.classes = data.classes;
  std::mt19937_64 rng(seed);
  // Groups per class, in a seeded order; about `fraction` of them (at least one when a class has
  // two or more) go to validation.
  std::set<std::string> val_groups;
  std::set<std::pair<int, std::string>> val_items;  // classes with one group: by clip name
  for (size_t c = 0; c < data.classes.size(); ++c) {
    std::vector<std::string> groups;
    std::vector<std::string> names;
    for (const auto& clip : data.clips)
      if (clip.label == static_cast<int>(c)) {
        if (std::find(groups.begin(), groups.end(), clip.group) == groups.end())
          groups.push_back(clip.group);
        names.push_back(clip.name + "#" + std::to_string(names.size()));
      }
    if (groups.size() >= 2) {
      std::shuffle(groups.begin(), groups.end(), rng);
      const size_t k = std::max<size_t>(1, static_cast<size_t>(fraction * groups.size() + 0.5));
      for (size_t i = 0; i < std::min(k, groups.size() - 1); ++i)
        val_groups.insert(groups[i]);
    } else if (names.size() >= 2) {
      std::shuffle(names.begin(), names.end(), rng);
      const size_t k = std::max<size_t>(1, static_cast<size_t>(fraction * names.size() + 0.5));
      for (size_t i = 0; i < std::min(k, names.size() - 1); ++i)
        val_items.insert({static_cast<int>(c), names[i]});
    }
  }
  std::map<int, size_t> seen;
  for (const auto& clip : data.clips) {
    const std::string key = clip.name + "#" + std::to_string(seen[clip.label]++);
    const bool to_val = val_groups.count(clip.group) || val_items.count({clip.label, key});
    (to_val ? val : train).clips.push_back(clip);
  }
  std::set<std::string> val_names;
  for (const auto& clip : val.clips)
    if (!val_groups.count(clip.group)) val_names.insert(clip.name);
  for (const auto& img : data.images) {
    const bool to_val = val_groups.count(img.group) || val_names.count(img.name);
    (to_val ? val : train).images.push_back(img);
  }
  return {train, val};
}

}  // namespace unilearn::trainer
