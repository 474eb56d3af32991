#include "core/export/importer.h"

#include <cctype>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "core/export/import_rows.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/text.h"

namespace unilearn::core {
namespace {

// Splits one line; CSV fields may be quoted ("a, b" and "" for a quote).
std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (sep == ',' && c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == sep && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  out.push_back(cell);
  return out;
}

// One record: a line, continued over line breaks inside a quoted CSV field.
bool readRecord(std::istream& in, std::string& record, char sep) {
  if (!std::getline(in, record)) return false;
  if (sep != ',') return true;
  auto open = [](const std::string& s) { return std::count(s.begin(), s.end(), '"') % 2 == 1; };
  std::string more;
  while (open(record) && std::getline(in, more))
    record += "\n" + more;
  return true;
}

// A delimited file read one record at a time (a million rows never sit in memory at once).
class TableReader {
 public:
  TableReader(const std::string& path, char sep) : in_(path), sep_(sep) {
    if (!in_) throw Error(Error::Kind::kIo, "cannot open '" + path + "'");
    std::string line;
    if (!readRecord(in_, line, sep_)) throw Error(Error::Kind::kFormat, "'" + path + "' is empty");
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // Excel's "CSV UTF-8" mark
    header_ = split(line, sep_);
  }
  int column(const std::string& name) const {
    auto it = std::find(header_.begin(), header_.end(), name);
    return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
  }
  // The next non-empty record's cells; false at the end. record() is its 1-based number in
  // the file, the header being record 1.
  bool next(std::vector<std::string>& cells) {
    std::string line;
    while (readRecord(in_, line, sep_)) {
      ++record_;
      if (line.empty()) continue;
      cells = split(line, sep_);
      return true;
    }
    return false;
  }
  int64_t record() const { return record_; }

 private:
  std::ifstream in_;
  char sep_;
  std::vector<std::string> header_;
  int64_t record_ = 1;
};

std::optional<int64_t> toInt(const std::string& s) {
  try {
    size_t used = 0;
    const long long v = std::stoll(s, &used);
    if (used != s.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

namespace detail {

ImportReport importRows(Project& p, const std::vector<ImportRow>& rows, const ImportOptions& o) {
  size_t i = 0;
  return importRows(
      p,
      [&](ImportRow& r) {
        if (i == rows.size()) return false;
        r = rows[i++];
        if (r.where.empty()) r.where = "row " + std::to_string(i + 1);
        return true;
      },
      o);
}

ImportReport importRows(Project& p, const std::function<bool(ImportRow&)>& next_row,
                        const ImportOptions& o) {
  const std::string& scheme = o.scheme;
  ImportReport report;
  const auto labels = p.schemeLabels(scheme);
  const auto media = p.media();
  // Each video's tracks and annotations are read once (a row-by-row look-up made importing
  // quadratic). Rows stream from the file into one transaction (all or nothing); what stays
  // in memory is one key per row, for the duplicates.
  using Key =
      std::tuple<std::optional<int64_t>, std::string, std::string, std::string, int64_t, int64_t>;
  std::map<int64_t, std::set<Key>> known;
  std::map<int64_t, std::vector<TrackRecord>> tracks;
  ImportRow r;
  // The next row that maps, as an annotation; false at the end of the rows.
  auto next = [&](Annotation& out) -> bool {
    while (next_row(r)) {
      auto fail = [&](const std::string& why) { report.skipped.push_back(r.where + ": " + why); };
      auto m = std::find_if(media.begin(), media.end(), [&](const MediaRecord& x) {
        return x.path == r.video || fileName(x.path) == fileName(r.video);
      });
      if (m == media.end()) {
        fail("video '" + r.video + "' is not in the project");
        continue;
      }
      auto label = std::find_if(labels.begin(), labels.end(), [&](const std::string& l) {
        return lowerAscii(l) == lowerAscii(r.label);
      });
      if (label == labels.end()) {
        fail("label '" + r.label + "' is not in the scheme " + scheme);
        continue;
      }
      const auto f0 = toInt(r.start), f1 = toInt(r.stop);
      if (!f0 || !f1 || *f0 < 0 || *f1 < *f0) {
        fail("bad frame range '" + r.start + "'..'" + r.stop + "'");
        continue;
      }
      if (m->frame_count > 0 && *f1 >= m->frame_count) {
        fail("frames " + r.start + ".." + r.stop + " end after the video's last frame (" +
             std::to_string(m->frame_count - 1) + ")");
        continue;
      }
      if (r.annotator.empty()) {
        fail("no annotator (give --annotator)");
        continue;
      }
      Annotation a;  // not `out` itself: a skipped row must not leave half of itself there
      a.media_id = m->id;
      a.scheme = scheme;
      a.start_frame = *f0;
      a.end_frame = *f1;
      a.label = *label;
      a.annotator = r.annotator;
      a.note = r.note;
      const auto mapped = o.subjects.find(r.subject);
      const std::string subject = mapped == o.subjects.end() ? r.subject : mapped->second;
      if (mapped != o.subjects.end() && subject.empty()) {
        fail("'" + r.subject + "' is left out by the participant mapping");
        continue;
      }
      if (subject != "whole video" && !subject.empty()) {
        std::optional<int64_t> track;
        if (!tracks.count(m->id)) tracks[m->id] = p.tracks(m->id);
        for (const auto& t : tracks[m->id])
          // The name, or the face's number (also once it is named: files made before that).
          if (t.person == subject || "face " + std::to_string(t.tracker_id) == subject ||
              std::to_string(t.tracker_id) == subject)
            track = t.id;
        if (!track) {
          fail("no face track '" + subject + "' in " + fileName(m->path) +
               (mapped == o.subjects.end() ? " (map it onto a person of the project)" : ""));
          if (std::find(report.unmatched_subjects.begin(), report.unmatched_subjects.end(),
                        r.subject) == report.unmatched_subjects.end())
            report.unmatched_subjects.push_back(r.subject);
          continue;
        }
        a.track_id = track;
      }
      if (!known.count(m->id)) {
        auto& keys = known[m->id];
        for (const auto& e : p.annotations(m->id))
          keys.emplace(e.track_id, e.scheme, e.label, e.annotator, e.start_frame, e.end_frame);
      }
      if (!known[m->id]
               .emplace(a.track_id, a.scheme, a.label, a.annotator, a.start_frame, a.end_frame)
               .second) {
        ++report.duplicates;
        continue;
      }
      out = std::move(a);
      return true;
    }
    return false;
  };
  if (o.dry_run) {
    Annotation a;
    while (next(a))
      ++report.imported;
  } else {
    report.imported = static_cast<int>(p.addAnnotations(next));
  }
  return report;
}

}  // namespace detail

ImportReport importTsv(Project& p, const std::string& path, const std::string& annotator,
                       const std::string& scheme) {
  return importTsv(p, path, importOptions(annotator, scheme));
}

ImportReport importCsv(Project& p, const std::string& path, const std::string& annotator,
                       const std::string& scheme) {
  return importCsv(p, path, importOptions(annotator, scheme));
}

ImportReport importTsv(Project& p, const std::string& path, const ImportOptions& o) {
  const std::string& annotator = o.annotator;
  TableReader t(path, '\t');
  const int media = t.column("Media file"), subject = t.column("Subject"),
            behavior = t.column("Behavior"), start = t.column("Image index start"),
            stop = t.column("Image index stop"), source = t.column("Source");
  if (media < 0 || subject < 0 || behavior < 0 || start < 0 || stop < 0)
    throw Error(Error::Kind::kFormat, "'" + path +
                                          "' lacks the columns Media file, Subject, "
                                          "Behavior, Image index start and Image index stop");
  std::vector<std::string> c;
  auto at = [&](int i) {
    return i >= 0 && static_cast<size_t>(i) < c.size() ? c[static_cast<size_t>(i)] : std::string();
  };
  return detail::importRows(
      p,
      [&](detail::ImportRow& r) {
        while (t.next(c)) {
          const std::string src = at(source);
          if (src.rfind("model:", 0) == 0) continue;  // the model's own states are not annotations
          r = {at(media), at(subject), at(behavior), annotator,
               "",        at(start),   at(stop),     "row " + std::to_string(t.record())};
          if (src.rfind("annotator:", 0) == 0) r.annotator = src.substr(10);
          return true;
        }
        return false;
      },
      o);
}

ImportReport importCsv(Project& p, const std::string& path, const ImportOptions& o) {
  const std::string& annotator = o.annotator;
  TableReader t(path, ',');
  const int video = t.column("video"), track = t.column("track"), start = t.column("start_frame"),
            stop = t.column("end_frame"), label = t.column("label"), who = t.column("annotator"),
            note = t.column("note");
  if (video < 0 || track < 0 || start < 0 || stop < 0 || label < 0)
    throw Error(Error::Kind::kFormat,
                "'" + path + "' lacks the columns video, track, start_frame, end_frame, label");
  std::vector<std::string> c;
  auto at = [&](int i) {
    return i >= 0 && static_cast<size_t>(i) < c.size() ? c[static_cast<size_t>(i)] : std::string();
  };
  return detail::importRows(
      p,
      [&](detail::ImportRow& r) {
        if (!t.next(c)) return false;
        r = {at(video), at(track), at(label), who >= 0 && !at(who).empty() ? at(who) : annotator,
             at(note),  at(start), at(stop),  "row " + std::to_string(t.record())};
        return true;
      },
      o);
}

}  // namespace unilearn::core
