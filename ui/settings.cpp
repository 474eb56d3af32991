#include "ui/settings.h"

#include "core/resources.h"

namespace unilearn::ui {
Settings::Settings(const QString& file)
    : settings_(file.isEmpty() ? std::make_unique<QSettings>(QStringLiteral("UniLearn"),
                                                             QStringLiteral("UniLearn Studio"))
                               : std::make_unique<QSettings>(file, QSettings::IniFormat)) {}

QStringList Settings::recentProjects() const {
  return settings_->value("projects/recent").toStringList();
}

void Settings::addRecentProject(const QString& path) {
  QStringList list = recentProjects();
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > kMaxRecent)
    list.removeLast();
  settings_->setValue("projects/recent", list);
}

QByteArray Settings::windowGeometry() const {
  return settings_->value("window/geometry").toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& g) {
  settings_->setValue("window/geometry", g);
}
QByteArray Settings::windowState() const {
  return settings_->value("window/state").toByteArray();
}
void Settings::setWindowState(const QByteArray& s) {
  settings_->setValue("window/state", s);
}

int Settings::inferenceThreads() const {
  return settings_->value("inference/threads", 0).toInt();
}
void Settings::setInferenceThreads(int t) {
  settings_->setValue("inference/threads", t < 0 ? 0 : t);
}

QString Settings::precision() const {
  const QString p = settings_->value("inference/precision", "fp32").toString();
  return p == "bf16" || p == "int8" ? p : QStringLiteral("fp32");
}
void Settings::setPrecision(const QString& p) {
  settings_->setValue("inference/precision",
                      p == "bf16" || p == "int8" ? p : QStringLiteral("fp32"));
}

bool Settings::faceMovements() const {
  return settings_->value("analysis/face_movements", false).toBool();
}
void Settings::setFaceMovements(bool on) {
  settings_->setValue("analysis/face_movements", on);
}
QString Settings::language() const {
  return settings_->value("view/language", QString()).toString();
}
void Settings::setLanguage(const QString& code) {
  settings_->setValue("view/language", code);
}
bool Settings::relativeToBaseline() const {
  return settings_->value("view/relative_to_baseline", false).toBool();
}
void Settings::setRelativeToBaseline(bool on) {
  settings_->setValue("view/relative_to_baseline", on);
}
QString Settings::frameModel() const {
  const QString key = settings_->value("analysis/frame_model").toString();
  if (key == "static" || key == "image_head" || key == "combined") return key;
  // Before there were three: a yes/no for the image head.
  if (settings_->value("analysis/image_head_frames", false).toBool()) return "image_head";
  return "combined";
}
void Settings::setFrameModel(const QString& key) {
  settings_->setValue("analysis/frame_model", key);
  settings_->remove("analysis/image_head_frames");
}

QString Settings::defaultModel() const {
  // Until someone chooses, the UniLearn model that ships with the app (a preset's random weights
  // where an installation has none).
  const std::string shipped = core::shippedClipModel();
  return settings_
      ->value("inference/model", shipped.empty() ? QStringLiteral("unilearn-b16-160")
                                                 : QString::fromStdString(shipped))
      .toString();
}
void Settings::setDefaultModel(const QString& m) {
  settings_->setValue("inference/model", m);
}

QString Settings::annotator() const {
  return settings_->value("annotation/annotator").toString();
}
void Settings::setAnnotator(const QString& name) {
  settings_->setValue("annotation/annotator", name.trimmed());
}

QString Settings::labelKeys() const {
  return settings_->value("annotation/keys", QStringLiteral("123456789")).toString();
}
void Settings::setLabelKeys(const QString& keys) {
  settings_->setValue("annotation/keys", keys);
}

}  // namespace unilearn::ui
