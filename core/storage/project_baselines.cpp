// Participant calibration of core::Project: each person's neutral baseline interval.
#include "core/storage/project.h"
#include "core/storage/sqlite.h"
#include "model/base/error.h"

namespace unilearn::core {
namespace {

// Deletes the baselines of a track's person: the track's own and those of same-named tracks.
void forgetPerson(sql::Database& db, int64_t track_id) {
  auto forget = db.prepare(
      "DELETE FROM baselines WHERE track_id = ?1 OR track_id IN (SELECT b.id FROM tracks a JOIN "
      "tracks b ON a.person = b.person WHERE a.id = ?1 AND a.person <> '')");
  forget.bind(1, track_id).run();
}

}  // namespace

int64_t Project::setBaseline(int64_t track_id, int64_t start_frame, int64_t end_frame) {
  if (start_frame < 0 || end_frame < start_frame)
    throw Error(Error::Kind::kArgument, "a baseline needs frames start <= end (got " +
                                            std::to_string(start_frame) + ".." +
                                            std::to_string(end_frame) + ")");
  sql::Transaction tx(*db_);
  auto find = db_->prepare("SELECT 1 FROM tracks WHERE id = ?");
  find.bind(1, track_id);
  if (!find.step())
    throw Error(Error::Kind::kArgument, "no face track " + std::to_string(track_id));
  forgetPerson(*db_, track_id);
  auto ins =
      db_->prepare("INSERT INTO baselines (track_id, start_frame, end_frame) VALUES (?,?,?)");
  ins.bind(1, track_id).bind(2, start_frame).bind(3, end_frame).run();
  const int64_t id = db_->lastInsertId();
  tx.commit();
  return id;
}

std::optional<Baseline> Project::baseline(int64_t track_id) const {
  // Its own first, else the latest of a track with the same (non-empty) name.
  auto q = db_->prepare(
      "SELECT b.id, t.media_id, b.track_id, b.start_frame, b.end_frame, COALESCE(t.person, '') "
      "FROM baselines b JOIN tracks t ON t.id = b.track_id JOIN tracks me ON me.id = ?1 "
      "WHERE b.track_id = ?1 OR (me.person <> '' AND t.person = me.person) "
      "ORDER BY b.track_id = ?1 DESC, b.id DESC LIMIT 1");
  q.bind(1, track_id);
  if (!q.step()) return std::nullopt;
  Baseline b;
  q.read(b.id, b.media_id, b.track_id, b.start_frame, b.end_frame, b.person);
  return b;
}

bool Project::clearBaseline(int64_t track_id) {
  if (!baseline(track_id)) return false;
  forgetPerson(*db_, track_id);
  return true;
}

}  // namespace unilearn::core
