#include "core/storage/project.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "core/storage/landmark_blob.h"
#include "core/storage/schema.h"
#include "core/storage/sqlite.h"
#include "model/base/error.h"
#include "model/base/json.h"

namespace unilearn::core {
namespace {

namespace fs = std::filesystem;

// Whether the file needs the full check (quick_check): not when this process checked it already
// and it has not changed since (same size and time): later opens (workers, timeline reloads)
// skip that pass, whose cost grows with the project.
bool needsFullCheck(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> checked;
  std::error_code ec;
  std::string key = fs::weakly_canonical(path, ec).string();
  if (ec) key = path;
  const auto stamp = std::make_pair(fs::file_size(path, ec), fs::last_write_time(path, ec));
  if (ec) return true;
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, added] = checked.emplace(key, stamp);
  if (added) return true;
  if (it->second == stamp) return false;
  it->second = stamp;
  return true;
}

// Checks an existing file through a read-only connection, so that a file we refuse is never
// modified. Returns its schema version. The file is never opened by anything but SQLite: closing
// any other descriptor of it would drop every POSIX lock this process holds on it, SQLite's
// included, and another process could then checkpoint and delete the WAL under our feet.
int inspect(const std::string& path) {
  std::error_code ec;
  if (fs::file_size(path, ec) == 0 || ec)
    throw Error(Error::Kind::kFormat, "'" + path + "' is not a UniLearn Studio project");
  const bool full_check = needsFullCheck(path);
  int version = 0, app = 0;
  std::string check = "ok";
  try {
    sql::Database ro(path, sql::Database::Mode::kReadOnly);
    auto a = ro.prepare("PRAGMA application_id");
    app = a.step() ? static_cast<int>(a.integer(0)) : 0;
    auto v = ro.prepare("PRAGMA user_version");
    version = v.step() ? static_cast<int>(v.integer(0)) : 0;
    if (app == 0 && version == 0) {  // a new project, or another program's database?
      auto t = ro.prepare("SELECT count(*) FROM sqlite_master");
      if (t.step() && t.integer(0) > 0)
        throw Error(Error::Kind::kArgument, "'" + path +
                                                "' is an SQLite database of another program, "
                                                "not a project");
    }
    if (full_check) {
      auto q = ro.prepare("PRAGMA quick_check");
      check = q.step() ? q.text(0) : "";
    }
  } catch (const Error& e) {
    if (std::string(e.what()).find("of another program") != std::string::npos)
      throw Error(Error::Kind::kFormat, e.what());
    if (std::string(e.what()).find("not a database") != std::string::npos)
      throw Error(Error::Kind::kFormat, "'" + path + "' is not a UniLearn Studio project");
    throw Error(Error::Kind::kFormat,
                "project '" + path + "' is damaged and was left as it is (" + e.what() + ")");
  }
  if (check != "ok")
    throw Error(Error::Kind::kFormat, "project '" + path + "' is damaged and was left as it is (" +
                                          check.substr(0, 200) + ")");
  if (app != kProjectApplicationId && !(app == 0 && version == 0))
    throw Error(Error::Kind::kFormat,
                "'" + path + "' is an SQLite database of another program, not a project");
  if (version > latestSchemaVersion())
    throw Error(Error::Kind::kConfig, "project '" + path +
                                          "' was made by a newer UniLearn Studio "
                                          "(schema " +
                                          std::to_string(version) +
                                          "; this version reads "
                                          "up to " +
                                          std::to_string(latestSchemaVersion()) +
                                          "): update the app to open it");
  return version;
}

// SQLite writes a project's journal (-wal, -shm) next to it, so even reading needs write access
// to the folder. Says so, instead of letting the failed open read as damage.
void requireWritable(const std::string& path) {
  const fs::path dir = fs::absolute(path).parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(Error::Kind::kIo,
                "project '" + path + "': the folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error(Error::Kind::kIo, "project '" + path + "' is in a folder you cannot write to ('" +
                                      dir.string() +
                                      "'): the project keeps its journal beside it, so copy it "
                                      "to a folder of yours (or ask for write access) and open "
                                      "the copy");
  if (fs::exists(path) && ::access(path.c_str(), W_OK) != 0)
    throw Error(Error::Kind::kIo, "project '" + path +
                                      "' is read-only for you: make it writable (chmod u+w) or "
                                      "open a copy");
}

// The latest analysis of a media with exactly this kind and parameters, finished or not.
std::optional<int64_t> latestAnalysis(sql::Database& db, int64_t media_id, const std::string& kind,
                                      const std::string& params_json, bool done) {
  auto q = db.prepare(
      std::string("SELECT id FROM analyses WHERE media_id = ? AND kind = ? AND params_json = ? "
                  "AND status ") +
      (done ? "=" : "!=") + " 'done' ORDER BY id DESC LIMIT 1");
  q.bind(1, media_id).bind(2, kind).bind(3, params_json);
  if (!q.step()) return std::nullopt;
  return q.integer(0);
}

// Scheme `scheme`'s row of annotation_schemes with `columns`, stepped onto; an error naming the
// scheme when the project has none of that name.
sql::Statement schemeRow(sql::Database& db, const std::string& scheme, const std::string& columns) {
  auto q = db.prepare("SELECT " + columns + " FROM annotation_schemes WHERE name = ?");
  q.bind(1, scheme);
  if (!q.step()) throw Error(Error::Kind::kArgument, "no annotation scheme '" + scheme + "'");
  return q;
}

// A JSON array of strings as stored in a scheme's row (labels, colours).
std::vector<std::string> stringList(const std::string& text, const char* what) {
  const json::Value parsed = json::parse(text);  // outlives the loop over its array
  std::vector<std::string> out;
  for (const auto& item : parsed.asArray(what))
    out.push_back(item.asString(what));
  return out;
}

}  // namespace

Project::Project(std::string path) : path_(std::move(path)) {}
Project::~Project() = default;

std::unique_ptr<Project> Project::open(const std::string& path, bool create) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && !create) throw Error(Error::Kind::kIo, "project '" + path + "' does not exist");
  requireWritable(path);
  if (exists) inspect(path);
  std::unique_ptr<Project> p(new Project(path));
  p->db_ = std::make_unique<sql::Database>(
      path, exists ? sql::Database::Mode::kReadWrite : sql::Database::Mode::kCreate);
  p->db_->exec("PRAGMA foreign_keys = ON");
  p->db_->exec("PRAGMA journal_mode = WAL");
  p->db_->exec("PRAGMA synchronous = NORMAL");
  p->migrate();
  return p;
}

int Project::schemaVersion() const {
  auto q = db_->prepare("PRAGMA user_version");
  return q.step() ? static_cast<int>(q.integer(0)) : 0;
}

void Project::migrate() {
  for (int v = schemaVersion(); v < latestSchemaVersion(); ++v) {
    sql::Transaction tx(*db_);
    db_->exec(migrations()[static_cast<size_t>(v)]);
    db_->exec("PRAGMA application_id = " + std::to_string(kProjectApplicationId));
    db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

int64_t Project::addMedia(const MediaRecord& m) {
  auto find = db_->prepare("SELECT id FROM media WHERE content_hash = ?");
  find.bind(1, m.content_hash);
  if (find.step()) return find.integer(0);
  auto ins = db_->prepare(
      "INSERT INTO media (path, content_hash, width, height, fps_num, fps_den, time_base_num, "
      "time_base_den, duration_ms, frame_count) VALUES (?,?,?,?,?,?,?,?,?,?)");
  ins.bind(1, m.path).bind(2, m.content_hash).bind(3, int64_t{m.width}).bind(4, int64_t{m.height});
  ins.bind(5, m.fps_num).bind(6, m.fps_den).bind(7, m.time_base_num).bind(8, m.time_base_den);
  ins.bind(9, m.duration_ms).bind(10, m.frame_count);
  ins.run();
  return db_->lastInsertId();
}

void Project::setMediaLength(int64_t id, int64_t frame_count, int64_t duration_ms) {
  auto up = db_->prepare("UPDATE media SET frame_count = ?, duration_ms = ? WHERE id = ?");
  up.bind(1, frame_count).bind(2, duration_ms).bind(3, id).run();
}

void Project::setMediaFile(int64_t id, const std::string& path, const std::string& hash) {
  auto up = db_->prepare("UPDATE media SET path = ?, content_hash = ? WHERE id = ?");
  up.bind(1, path).bind(2, hash).bind(3, id).run();
}

std::vector<MediaRecord> Project::media() const {
  return db_
      ->prepare(
          "SELECT id, path, content_hash, width, height, fps_num, fps_den, time_base_num, "
          "time_base_den, duration_ms, frame_count FROM media ORDER BY id")
      .rows<MediaRecord>([](MediaRecord& m) {
        return std::tie(m.id, m.path, m.content_hash, m.width, m.height, m.fps_num, m.fps_den,
                        m.time_base_num, m.time_base_den, m.duration_ms, m.frame_count);
      });
}

int64_t Project::track(int64_t media_id, int64_t tracker_id) {
  auto find = db_->prepare("SELECT id FROM tracks WHERE media_id = ? AND tracker_id = ?");
  find.bind(1, media_id).bind(2, tracker_id);
  if (find.step()) return find.integer(0);
  auto ins = db_->prepare("INSERT INTO tracks (media_id, tracker_id) VALUES (?, ?)");
  ins.bind(1, media_id).bind(2, tracker_id).run();
  return db_->lastInsertId();
}

void Project::renameTrack(int64_t track_id, const std::string& person) {
  sql::Transaction tx(*db_);
  auto up = db_->prepare("UPDATE tracks SET person = ? WHERE id = ?");
  up.bind(1, person).bind(2, track_id).run();
  if (db_->changes() == 0)
    throw Error(Error::Kind::kArgument, "no track " + std::to_string(track_id) + " in the project");
  auto h =
      db_->prepare("INSERT INTO track_history (track_id, action, detail) VALUES (?, 'rename', ?)");
  h.bind(1, track_id).bind(2, person).run();
  tx.commit();
}

std::optional<std::string> Project::person(int64_t track_id) const {
  auto q = db_->prepare("SELECT person FROM tracks WHERE id = ?");
  q.bind(1, track_id);
  if (!q.step() || q.isNull(0)) return std::nullopt;
  return q.text(0);
}

std::vector<TrackRecord> Project::tracks(int64_t media_id) const {
  return db_
      ->prepare(
          "SELECT id, media_id, tracker_id, person FROM tracks WHERE media_id = ? AND merged_into "
          "IS NULL ORDER BY tracker_id")
      .bindAll(media_id)
      .rows<TrackRecord>(
          [](TrackRecord& t) { return std::tie(t.id, t.media_id, t.tracker_id, t.person); });
}

std::optional<ModelRecord> Project::model(int64_t id) const {
  auto q = db_->prepare("SELECT name, config_json, weights_hash, path FROM models WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return ModelRecord{id, q.text(0), q.text(1), q.text(2), q.text(3)};
}

std::vector<AnalysisRecord> Project::analyses(int64_t media_id) const {
  return db_
      ->prepare(
          "SELECT id, media_id, model_id, kind, params_json, status FROM analyses WHERE media_id = "
          "? ORDER BY id")
      .bindAll(media_id)
      .rows<AnalysisRecord>([](AnalysisRecord& a) {
        return std::tie(a.id, a.media_id, a.model_id, a.kind, a.params_json, a.status);
      });
}

int64_t Project::addModel(const ModelRecord& m) {
  auto find = db_->prepare("SELECT id FROM models WHERE name = ? AND weights_hash = ?");
  find.bind(1, m.name).bind(2, m.weights_hash);
  if (find.step()) {
    const int64_t id = find.integer(0);
    if (!m.path.empty())  // where the same weights are now (older records stored none)
      db_->prepare("UPDATE models SET path = ? WHERE id = ?").bind(1, m.path).bind(2, id).run();
    return id;
  }
  auto ins =
      db_->prepare("INSERT INTO models (name, config_json, weights_hash, path) VALUES (?,?,?,?)");
  ins.bind(1, m.name).bind(2, m.config_json).bind(3, m.weights_hash).bind(4, m.path).run();
  return db_->lastInsertId();
}

std::vector<ModelRecord> Project::models() const {
  return db_->prepare("SELECT id, name, config_json, weights_hash, path FROM models ORDER BY id")
      .rows<ModelRecord>([](ModelRecord& m) {
        return std::tie(m.id, m.name, m.config_json, m.weights_hash, m.path);
      });
}

int64_t Project::startAnalysis(int64_t media_id, std::optional<int64_t> model_id,
                               const std::string& kind, const std::string& params_json) {
  auto ins = db_->prepare(
      "INSERT INTO analyses (media_id, model_id, kind, params_json, status) VALUES "
      "(?,?,?,?,'running')");
  ins.bind(1, media_id);
  if (model_id)
    ins.bind(2, *model_id);
  else
    ins.bindNull(2);
  ins.bind(3, kind).bind(4, params_json).run();
  return db_->lastInsertId();
}

std::optional<int64_t> Project::finishedAnalysis(int64_t media_id, const std::string& kind,
                                                 const std::string& params_json) const {
  return latestAnalysis(*db_, media_id, kind, params_json, true);
}

std::optional<int64_t> Project::unfinishedAnalysis(int64_t media_id, const std::string& kind,
                                                   const std::string& params_json) const {
  return latestAnalysis(*db_, media_id, kind, params_json, false);
}

void Project::finishAnalysis(int64_t id, const std::string& status) {
  auto up = db_->prepare(
      "UPDATE analyses SET status = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id "
      "= ?");
  up.bind(1, status).bind(2, id).run();
}

std::string Project::analysisStatus(int64_t id) const {
  auto q = db_->prepare("SELECT status FROM analyses WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) throw Error(Error::Kind::kArgument, "no analysis " + std::to_string(id));
  return q.text(0);
}

int64_t Project::addWindow(const WindowPrediction& w) {
  sql::Transaction tx(*db_);
  auto ins = db_->prepare(
      "INSERT INTO window_predictions (analysis_id, track_id, start_frame, end_frame, start_ms, "
      "end_ms, probs, top_class, confidence, entropy) VALUES (?,?,?,?,?,?,?,?,?,?)");
  ins.bind(1, w.analysis_id).bind(2, w.track_id).bind(3, w.start_frame).bind(4, w.end_frame);
  ins.bind(5, w.start_ms).bind(6, w.end_ms).bindFloats(7, w.probs);
  ins.bind(8, int64_t{w.top_class}).bind(9, w.confidence).bind(10, w.entropy).run();
  const int64_t id = db_->lastInsertId();
  auto r = db_->prepare(
      "INSERT INTO routing_summaries (window_id, layer, expert_share, mean_gate) VALUES (?,?,?,?)");
  for (size_t l = 0; l < w.expert_share.size(); ++l) {
    r.bind(1, id).bind(2, static_cast<int64_t>(l)).bindFloats(3, w.expert_share[l]);
    r.bindFloats(4, l < w.mean_gate.size() ? w.mean_gate[l] : std::vector<float>{});
    r.run();
  }
  tx.commit();
  return id;
}

std::vector<WindowPrediction> Project::windows(int64_t analysis_id, bool with_routing) const {
  auto out =
      db_->prepare(
             "SELECT id, analysis_id, track_id, start_frame, end_frame, start_ms, end_ms, "
             "probs, top_class, confidence, entropy FROM window_predictions WHERE "
             "analysis_id = ? ORDER BY track_id, start_frame")
          .bindAll(analysis_id)
          .rows<WindowPrediction>([](WindowPrediction& w) {
            return std::tie(w.id, w.analysis_id, w.track_id, w.start_frame, w.end_frame, w.start_ms,
                            w.end_ms, w.probs, w.top_class, w.confidence, w.entropy);
          });
  if (with_routing) {
    auto r = db_->prepare(
        "SELECT expert_share, mean_gate FROM routing_summaries WHERE window_id = ? ORDER BY layer");
    for (auto& w : out) {
      r.bind(1, w.id);
      while (r.step()) {
        w.expert_share.push_back(r.floats(0));
        w.mean_gate.push_back(r.floats(1));
      }
      r.reset();
    }
  }
  return out;
}

std::vector<int64_t> Project::windowStarts(int64_t analysis_id, int64_t track_id) const {
  return db_
      ->prepare(
          "SELECT start_frame FROM window_predictions WHERE analysis_id = ? AND track_id = ? "
          "ORDER BY start_frame")
      .bindAll(analysis_id, track_id)
      .firstColumn<int64_t>();
}

void Project::addFrames(const std::vector<FramePrediction>& frames) {
  sql::Transaction tx(*db_);
  auto ins = db_->prepare(
      "INSERT OR REPLACE INTO frame_predictions (analysis_id, track_id, frame, ms, probs, "
      "smoothed, face, blendshapes, landmarks) VALUES (?,?,?,?,?,?,?,?,?)");
  std::vector<int16_t> packed;
  for (const auto& f : frames) {
    ins.bind(1, f.analysis_id).bind(2, f.track_id).bind(3, f.frame).bind(4, f.ms);
    ins.bindFloats(5, f.probs).bindFloats(6, f.smoothed).bindFloats(7, f.face);
    if (f.blendshapes.empty())
      ins.bindNull(8);
    else
      ins.bindFloats(8, f.blendshapes);
    if (f.landmarks.empty()) {
      ins.bindNull(9);
    } else {
      packLandmarks(f.landmarks, packed);
      ins.bindBlob(9, packed.data(), packed.size() * sizeof(int16_t));
    }
    ins.run();
  }
  tx.commit();
}

std::vector<FramePrediction> Project::frames(int64_t analysis_id, int64_t track_id) const {
  auto q = db_->prepare(
      "SELECT frame, ms, probs, smoothed, face, blendshapes, landmarks FROM frame_predictions "
      "WHERE analysis_id = ? AND track_id = ? ORDER BY frame");
  q.bind(1, analysis_id).bind(2, track_id);
  std::vector<FramePrediction> out;
  while (q.step()) {
    out.push_back({analysis_id, track_id, q.integer(0), q.integer(1), q.floats(2), q.floats(3),
                   q.floats(4), q.floats(5), unpackLandmarks(q.blob(6))});
  }
  return out;
}

std::vector<std::string> Project::annotationSchemes() const {
  return db_->prepare("SELECT name FROM annotation_schemes ORDER BY id").firstColumn<std::string>();
}

std::vector<std::string> Project::schemeLabels(const std::string& scheme) const {
  return stringList(schemeRow(*db_, scheme, "labels_json").text(0), "label");
}

bool Project::schemeOrdinal(const std::string& scheme) const {
  return schemeRow(*db_, scheme, "ordinal").integer(0) != 0;
}

std::vector<std::string> Project::schemeColors(const std::string& scheme) const {
  return stringList(schemeRow(*db_, scheme, "colors_json").text(0), "colour");
}

void Project::addScheme(const std::string& name, const std::vector<std::string>& labels,
                        const std::vector<std::string>& colors, bool ordinal) {
  if (name.empty()) throw Error(Error::Kind::kArgument, "a scheme needs a name");
  const auto existing = annotationSchemes();
  if (std::find(existing.begin(), existing.end(), name) != existing.end())
    throw Error(Error::Kind::kArgument, "there is a scheme called '" + name + "' already");
  if (labels.empty()) throw Error(Error::Kind::kArgument, "a scheme needs at least one label");
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) throw Error(Error::Kind::kArgument, "a label cannot be empty");
    if (std::find(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(i), labels[i]) !=
        labels.begin() + static_cast<std::ptrdiff_t>(i))
      throw Error(Error::Kind::kArgument, "the label '" + labels[i] + "' is there twice");
  }
  if (!colors.empty() && colors.size() != labels.size())
    throw Error(Error::Kind::kArgument, "give one colour per label, or none");
  for (const auto& c : colors)
    if (c.size() != 7 || c[0] != '#' ||
        c.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
      throw Error(Error::Kind::kArgument, "'" + c + "' is not a colour like #3366cc");
  json::Value l = json::Value::array(), k = json::Value::array();
  for (const auto& x : labels)
    l.push(x);
  for (const auto& x : colors)
    k.push(x);
  auto ins = db_->prepare(
      "INSERT INTO annotation_schemes (name, labels_json, ordinal, colors_json) VALUES (?,?,?,?)");
  ins.bind(1, name).bind(2, l.dump()).bind(3, int64_t{ordinal ? 1 : 0}).bind(4, k.dump()).run();
}

void Project::validateAnnotation(const Annotation& a) const {
  const auto labels = schemeLabels(a.scheme);
  if (std::find(labels.begin(), labels.end(), a.label) == labels.end())
    throw Error(Error::Kind::kArgument,
                "label '" + a.label + "' is not in the scheme '" + a.scheme + "'");
  if (a.start_frame < 0 || a.end_frame < a.start_frame)
    throw Error(Error::Kind::kArgument, "an annotation needs 0 <= start frame <= end frame");
}

int64_t Project::addAnnotation(const Annotation& a) {
  validateAnnotation(a);
  auto ins = db_->prepare(
      "INSERT INTO annotations (media_id, track_id, scheme_id, start_frame, end_frame, label, "
      "annotator, note, id) VALUES (?, ?, (SELECT id FROM annotation_schemes WHERE name = ?), ?, "
      "?, ?, ?, ?, ?)");
  if (a.id != 0)
    ins.bind(9, a.id);
  else
    ins.bindNull(9);
  ins.bind(1, a.media_id);
  if (a.track_id)
    ins.bind(2, *a.track_id);
  else
    ins.bindNull(2);
  ins.bind(3, a.scheme).bind(4, a.start_frame).bind(5, a.end_frame).bind(6, a.label);
  ins.bind(7, a.annotator).bind(8, a.note).run();
  return db_->lastInsertId();
}

std::vector<int64_t> Project::addAnnotations(const std::vector<Annotation>& annotations) {
  sql::Transaction tx(*db_);
  std::vector<int64_t> ids;
  for (const auto& a : annotations)
    ids.push_back(addAnnotation(a));
  tx.commit();
  return ids;
}

int64_t Project::addAnnotations(const std::function<bool(Annotation&)>& next) {
  sql::Transaction tx(*db_);
  int64_t added = 0;
  Annotation a;
  while (next(a)) {
    addAnnotation(a);
    ++added;
  }
  tx.commit();
  return added;
}

void Project::updateAnnotation(const Annotation& a) {
  validateAnnotation(a);
  auto up = db_->prepare(
      "UPDATE annotations SET track_id = ?, scheme_id = (SELECT id FROM annotation_schemes WHERE "
      "name = ?), start_frame = ?, end_frame = ?, label = ?, annotator = ?, note = ?, "
      "modified_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?");
  if (a.track_id)
    up.bind(1, *a.track_id);
  else
    up.bindNull(1);
  up.bind(2, a.scheme).bind(3, a.start_frame).bind(4, a.end_frame).bind(5, a.label);
  up.bind(6, a.annotator).bind(7, a.note).bind(8, a.id).run();
  if (db_->changes() == 0)
    throw Error(Error::Kind::kArgument, "no annotation " + std::to_string(a.id));
}

void Project::deleteAnnotation(int64_t id) {
  auto del = db_->prepare("DELETE FROM annotations WHERE id = ?");
  del.bind(1, id).run();
}

std::optional<Annotation> Project::annotation(int64_t id) const {
  auto q = db_->prepare("SELECT media_id FROM annotations WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  for (const auto& a : annotations(q.integer(0)))
    if (a.id == id) return a;
  return std::nullopt;
}

std::vector<Annotation> Project::annotations(int64_t media_id) const {
  return db_
      ->prepare(
          "SELECT a.id, a.media_id, a.track_id, s.name, a.start_frame, a.end_frame, a.label, "
          "a.annotator, a.note FROM annotations a JOIN annotation_schemes s ON s.id = a.scheme_id "
          "WHERE a.media_id = ? ORDER BY a.start_frame, a.id")
      .bindAll(media_id)
      .rows<Annotation>([](Annotation& a) {
        return std::tie(a.id, a.media_id, a.track_id, a.scheme, a.start_frame, a.end_frame, a.label,
                        a.annotator, a.note);
      });
}

}  // namespace unilearn::core
