// The one owner of emotion colours: a colour per label *name*, so a human "Sad" and the model's
// "sad" are drawn alike wherever they appear (timeline bands, curves, legend, annotation marks,
// the player's face boxes). Names are matched by core::matchClassName ("Fear" is "fearful");
// other labels get a stable colour from their name. Thread-safety: free functions.
#pragma once

#include <QColor>
#include <string>

namespace unilearn::ui {

QColor emotionColor(const std::string& label);

}  // namespace unilearn::ui
