#include "core/storage/schema.h"

namespace unilearn::core {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> m = {
      // Version 1: media, tracks, models, analyses with window/frame predictions and routing,
      // annotation schemes and annotations, training runs.
      R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  width INTEGER, height INTEGER,
  fps_num INTEGER, fps_den INTEGER,
  time_base_num INTEGER, time_base_den INTEGER,
  duration_ms INTEGER, frame_count INTEGER,
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (content_hash));
CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  tracker_id INTEGER NOT NULL,
  person TEXT,
  merged_into INTEGER REFERENCES tracks(id) ON DELETE SET NULL,
  UNIQUE (media_id, tracker_id));
CREATE TABLE track_history (
  id INTEGER PRIMARY KEY,
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('rename', 'merge', 'split')),
  detail TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  config_json TEXT NOT NULL,
  weights_hash TEXT NOT NULL,
  path TEXT,
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (name, weights_hash));
CREATE TABLE analyses (
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  model_id INTEGER REFERENCES models(id),
  kind TEXT NOT NULL CHECK (kind IN ('clip', 'static')),
  params_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  finished_at TEXT);
CREATE TABLE window_predictions (
  id INTEGER PRIMARY KEY,
  analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  start_frame INTEGER NOT NULL, end_frame INTEGER NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
  probs BLOB NOT NULL,
  top_class INTEGER NOT NULL, confidence REAL NOT NULL, entropy REAL NOT NULL,
  UNIQUE (analysis_id, track_id, start_frame));
CREATE TABLE routing_summaries (
  window_id INTEGER NOT NULL REFERENCES window_predictions(id) ON DELETE CASCADE,
  layer INTEGER NOT NULL,
  expert_share BLOB NOT NULL,
  mean_gate BLOB NOT NULL,
  PRIMARY KEY (window_id, layer)) WITHOUT ROWID;
CREATE TABLE frame_predictions (
  analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  frame INTEGER NOT NULL, ms INTEGER NOT NULL,
  probs BLOB NOT NULL, smoothed BLOB NOT NULL,
  PRIMARY KEY (analysis_id, track_id, frame)) WITHOUT ROWID;
CREATE TABLE annotation_schemes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  labels_json TEXT NOT NULL,
  ordinal INTEGER NOT NULL DEFAULT 0);
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  track_id INTEGER REFERENCES tracks(id) ON DELETE CASCADE,
  scheme_id INTEGER NOT NULL REFERENCES annotation_schemes(id),
  start_frame INTEGER NOT NULL, end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
  label TEXT NOT NULL,
  annotator TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
CREATE INDEX annotations_by_media ON annotations(media_id, track_id, start_frame);
CREATE TABLE training_runs (
  id INTEGER PRIMARY KEY,
  base_model_id INTEGER REFERENCES models(id),
  result_model_id INTEGER REFERENCES models(id),
  config_json TEXT NOT NULL,
  status TEXT NOT NULL,
  metrics_json TEXT NOT NULL DEFAULT '{}',
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  finished_at TEXT);
INSERT INTO annotation_schemes (name, labels_json) VALUES
  ('DFEW-7', '["Happy","Sad","Neutral","Angry","Surprise","Disgust","Fear"]'),
  ('MAFW-11', '["Anger","Anxiety","Contempt","Disappointment","Disgust","Fear","Happiness","Helplessness","Neutral","Sadness","Surprise"]');
)SQL",
      // Version 2: where the face was on each analysed frame (box x, y, w, h, score, then the
      // six keypoints' x, y: 17 floats), for the player's overlays.
      R"SQL(
ALTER TABLE frame_predictions ADD COLUMN face BLOB;
)SQL",
      // Version 3: user-defined schemes carry a colour per label ("#rrggbb"; [] = the palette).
      R"SQL(
ALTER TABLE annotation_schemes ADD COLUMN colors_json TEXT NOT NULL DEFAULT '[]';
)SQL",
      // Version 4: per analysed frame, the face's 52 blendshape scores (float32) and, when asked
      // for, its 478 landmarks (x, y, z as int16 quarter pixels; see Project::addFrames).
      R"SQL(
ALTER TABLE frame_predictions ADD COLUMN blendshapes BLOB;
ALTER TABLE frame_predictions ADD COLUMN landmarks BLOB;
)SQL",
      // Version 5: a person's neutral baseline (FaceReader's participant calibration): frames
      // of one of their face tracks; it serves every track with the same name.
      R"SQL(
CREATE TABLE baselines (
  id INTEGER PRIMARY KEY,
  track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  start_frame INTEGER NOT NULL, end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
  set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
)SQL",
  };
  return m;
}

}  // namespace unilearn::core
