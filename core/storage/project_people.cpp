// Person management of core::Project: merging and splitting face tracks, and undoing either.
#include "core/storage/project.h"
#include "core/storage/sqlite.h"
#include "model/base/error.h"

namespace unilearn::core {

namespace {

// Moves the listed rows of one track to another (inside the caller's transaction).
void moveRows(sql::Database& db, const Project::TrackMove& m, int64_t from, int64_t to) {
  auto w = db.prepare("UPDATE window_predictions SET track_id = ? WHERE id = ? AND track_id = ?");
  for (int64_t id : m.windows)
    w.bind(1, to).bind(2, id).bind(3, from).run();
  auto a = db.prepare("UPDATE annotations SET track_id = ? WHERE id = ? AND track_id = ?");
  for (int64_t id : m.annotations)
    a.bind(1, to).bind(2, id).bind(3, from).run();
  auto f = db.prepare(
      "UPDATE frame_predictions SET track_id = ? WHERE analysis_id = ? AND frame = ? AND track_id "
      "= ?");
  for (const auto& [analysis, frame] : m.frames)
    f.bind(1, to).bind(2, analysis).bind(3, frame).bind(4, from).run();
}

// The rows of `track` (all, or those at or after `at_frame`).
void collectRows(sql::Database& db, Project::TrackMove& m, int64_t track, int64_t at_frame) {
  m.windows =
      db.prepare("SELECT id FROM window_predictions WHERE track_id = ? AND start_frame >= ?")
          .bindAll(track, at_frame)
          .firstColumn<int64_t>();
  m.annotations = db.prepare("SELECT id FROM annotations WHERE track_id = ? AND start_frame >= ?")
                      .bindAll(track, at_frame)
                      .firstColumn<int64_t>();
  m.frames =
      db.prepare(
            "SELECT analysis_id, frame FROM frame_predictions WHERE track_id = ? AND "
            "frame >= ?")
          .bindAll(track, at_frame)
          .rows<std::pair<int64_t, int64_t>>([](auto& p) { return std::tie(p.first, p.second); });
}

}  // namespace

std::optional<int64_t> Project::sharedFrame(int64_t a, int64_t b) const {
  auto clash = db_->prepare(
      "SELECT a.frame FROM frame_predictions a JOIN frame_predictions b ON a.analysis_id = "
      "b.analysis_id AND a.frame = b.frame WHERE a.track_id = ? AND b.track_id = ? LIMIT 1");
  clash.bind(1, a).bind(2, b);
  if (!clash.step()) return std::nullopt;
  return clash.integer(0);
}

Project::TrackMove Project::mergeTracks(int64_t from, int64_t into) {
  if (from == into) throw Error(Error::Kind::kArgument, "a person cannot be merged into itself");
  sql::Transaction tx(*db_);
  auto same = db_->prepare(
      "SELECT a.media_id = b.media_id FROM tracks a, tracks b WHERE a.id = ? AND b.id = ?");
  same.bind(1, from).bind(2, into);
  if (!same.step()) throw Error(Error::Kind::kArgument, "no such track to merge");
  if (same.integer(0) == 0)
    throw Error(Error::Kind::kArgument, "tracks of different videos cannot be merged");
  if (const auto clash = sharedFrame(from, into))
    throw Error(Error::Kind::kArgument, "both faces are on screen at frame " +
                                            std::to_string(*clash) +
                                            ": they are two people and cannot be merged");
  auto wclash = db_->prepare(
      "SELECT a.start_frame FROM window_predictions a JOIN window_predictions b ON a.analysis_id "
      "= b.analysis_id AND a.start_frame = b.start_frame WHERE a.track_id = ? AND b.track_id = ? "
      "LIMIT 1");
  wclash.bind(1, from).bind(2, into);
  if (wclash.step())
    throw Error(Error::Kind::kArgument, "both tracks have a clip window starting at frame " +
                                            std::to_string(wclash.integer(0)) +
                                            "; they cannot be merged");
  TrackMove m;
  m.from = from;
  m.to = into;
  collectRows(*db_, m, from, 0);
  moveRows(*db_, m, from, into);
  auto up = db_->prepare("UPDATE tracks SET merged_into = ? WHERE id = ?");
  up.bind(1, into).bind(2, from).run();
  auto h =
      db_->prepare("INSERT INTO track_history (track_id, action, detail) VALUES (?, 'merge', ?)");
  h.bind(1, from).bind(2, "into track " + std::to_string(into)).run();
  tx.commit();
  return m;
}

Project::TrackMove Project::splitTrack(int64_t track_id, int64_t at_frame) {
  sql::Transaction tx(*db_);
  auto q = db_->prepare("SELECT media_id, person FROM tracks WHERE id = ?");
  q.bind(1, track_id);
  if (!q.step()) throw Error(Error::Kind::kArgument, "no track " + std::to_string(track_id));
  const int64_t media = q.integer(0);
  const std::string person = q.text(1);
  auto next =
      db_->prepare("SELECT COALESCE(MAX(tracker_id), 0) + 1 FROM tracks WHERE media_id = ?");
  next.bind(1, media);
  next.step();
  const int64_t tracker = next.integer(0);
  auto ins = db_->prepare("INSERT INTO tracks (media_id, tracker_id, person) VALUES (?, ?, ?)");
  ins.bind(1, media).bind(2, tracker).bind(3, person.empty() ? "" : person + " (2)").run();
  TrackMove m;
  m.from = track_id;
  m.to = db_->lastInsertId();
  m.split = true;
  collectRows(*db_, m, track_id, at_frame);
  if (m.frames.empty() && m.windows.empty() && m.annotations.empty())
    throw Error(Error::Kind::kArgument, "nothing of this person at or after frame " +
                                            std::to_string(at_frame) + " to split off");
  moveRows(*db_, m, track_id, m.to);
  auto h =
      db_->prepare("INSERT INTO track_history (track_id, action, detail) VALUES (?, 'split', ?)");
  h.bind(1, track_id)
      .bind(2, "at frame " + std::to_string(at_frame) + " into track " + std::to_string(m.to))
      .run();
  tx.commit();
  return m;
}

void Project::undoMove(const TrackMove& m) {
  sql::Transaction tx(*db_);
  moveRows(*db_, m, m.to, m.from);
  if (m.split) {
    auto del = db_->prepare("DELETE FROM tracks WHERE id = ?");
    del.bind(1, m.to).run();
  } else {
    auto up = db_->prepare("UPDATE tracks SET merged_into = NULL WHERE id = ?");
    up.bind(1, m.from).run();
  }
  tx.commit();
}

}  // namespace unilearn::core
