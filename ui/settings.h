// The one typed settings facade of the app: every persisted preference with its default in one
// place, stored through QSettings. Thread-safety: GUI thread only.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace unilearn::ui {

class Settings {
 public:
  // `file` empty: the platform's user settings; otherwise an INI file (tests, portable installs).
  explicit Settings(const QString& file = QString());

  QStringList recentProjects() const;
  // Puts `path` first, removes duplicates, keeps at most kMaxRecent entries.
  void addRecentProject(const QString& path);
  static constexpr int kMaxRecent = 10;

  QByteArray windowGeometry() const;
  void setWindowGeometry(const QByteArray& geometry);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& state);

  // Inference threads; 0 = all cores.
  int inferenceThreads() const;
  void setInferenceThreads(int threads);

  // "bf16" runs UniLearn in bfloat16 where the CPU has it (twice as fast, the same top class
  // for 99 % of faces measured); "int8" quantizes its linear layers; "fp32" (the default) is
  // the reference.
  QString precision() const;
  void setPrecision(const QString& precision);

  // New analyses also compute blendshapes and landmarks (face movements, mesh overlay, events).
  bool faceMovements() const;
  void setFaceMovements(bool on);
  // Which model new analyses take the per-frame curves from, as core::frameEngineKey names it:
  // "static", "image_head" or "combined" (the default; where the UniLearn model cannot, the
  // static model: core::usableFrameEngine).
  QString frameModel() const;
  void setFrameModel(const QString& key);
  // The timeline shows each person's expressions relative to their neutral baseline
  // (core/analysis/calibration.h) where they have one.
  // The user interface's language ("" follows the system; ui/translation.h), from the next start.
  QString language() const;
  void setLanguage(const QString& code);
  bool relativeToBaseline() const;
  void setRelativeToBaseline(bool on);

  // Model preset name or model file path used for new analyses.
  QString defaultModel() const;
  void setDefaultModel(const QString& model);

  // Who annotates on this computer (asked once); empty until chosen.
  QString annotator() const;
  void setAnnotator(const QString& name);

  // The keys that label a selection, one character per label in scheme order ("123456789").
  QString labelKeys() const;
  void setLabelKeys(const QString& keys);

  void sync() { settings_->sync(); }

 private:
  std::unique_ptr<QSettings> settings_;
};

}  // namespace unilearn::ui
