// The one owner of emotion colours: a colour per label *name*, so a human "Sad" and the model's
// "sad" are drawn alike wherever they appear (timeline bands, curves, legend, annotation marks,
// the player's face boxes). Names are matched by core::matchClassName ("Fear" is "fearful");
// other labels get a stable colour from their name. Thread-safety: free functions.
#pragma once

#include <QColor>
#include <QString>
#include <string>

namespace unilearn::ui {

QColor emotionColor(const std::string& label);

// An emotion as a person should read it, qualified by how sure the model is: "happy 82 %",
// "likely happy 61 %", "unsure: happy? 38 %" (below 75 % and 50 %).
QString verdictText(const QString& emotion, double confidence);

}  // namespace unilearn::ui
