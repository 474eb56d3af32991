#include "ui/emotion_palette.h"

#include <QObject>
#include <array>
#include <cctype>
#include <vector>

#include "core/analysis/class_names.h"

namespace unilearn::ui {

QColor emotionColor(const std::string& label) {
  // Colour-blind-safe hues (Okabe-Ito and kin), one per common expression.
  static const std::vector<std::string> kNames = {"neutral", "happy",     "sad",       "angry",
                                                  "fearful", "disgusted", "surprised", "contempt"};
  static const std::array<QColor, 8> kColours = {
      QColor(150, 150, 150), QColor(230, 159, 0),  QColor(86, 119, 233), QColor(213, 50, 40),
      QColor(140, 80, 170),  QColor(120, 160, 40), QColor(0, 170, 160),  QColor(100, 60, 30)};
  const int i = core::matchClassName(label, kNames);
  if (i >= 0) return kColours[static_cast<size_t>(i)];
  static const std::array<QColor, 6> kOthers = {QColor(240, 110, 170), QColor(0, 110, 180),
                                                QColor(200, 200, 60),  QColor(30, 150, 90),
                                                QColor(255, 140, 90),  QColor(120, 120, 200)};
  uint32_t h = 2166136261u;  // FNV-1a of the lower-case name: the same label, the same colour
  for (char c : label)
    h = (h ^ static_cast<uint8_t>(std::tolower(static_cast<unsigned char>(c)))) * 16777619u;
  return kOthers[h % kOthers.size()];
}

QString verdictText(const QString& emotion, double confidence) {
  const int percent = static_cast<int>(confidence * 100 + 0.5);
  if (confidence >= 0.75) return QString("%1 %2 %").arg(emotion).arg(percent);
  if (confidence >= 0.5) return QObject::tr("likely %1 %2 %").arg(emotion).arg(percent);
  return QObject::tr("unsure: %1? %2 %").arg(emotion).arg(percent);
}

}  // namespace unilearn::ui
