// The reports of a project as people read them: Annotate › Session statistics (per person and
// rater, for the selection or the whole video, per epoch of another scheme: core::
// sessionStatistics) as an HTML table and as CSV for R/SPSS; Annotate › Agreement (Cohen's kappa
// between two raters or a rater and the model, per class, the confusion matrix, the model's
// classes the scheme cannot match); Analysis › Find blinks and smiles (core::writeFaceEvents) as
// a per-person summary. Numbers on screen in the user's language (localNumber), files in C
// notation. A failure gives an empty result and lastError().
// Thread-safety: GUI thread only (each report is one read of the project).
#pragma once

#include <QObject>
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/statistics.h"

namespace unilearn::core {
class Project;
}

namespace unilearn::ui {

class ReportsController : public QObject {
  Q_OBJECT

 public:
  explicit ReportsController(QObject* parent = nullptr);

  // What statistics are about.
  struct Scope {
    int64_t media_id = -1;
    std::string scheme = "DFEW-7";
    int64_t from = -1, to = -1;  // the in..out selection; from -1: the whole video
    QString epochs_scheme;       // per epoch of this scheme; empty: the whole stretch
  };
  // `stretch` (when given) says which: "Frames 10 to 90 (the selection), per epoch of Task".
  std::optional<std::vector<core::EmotionStatistics>> statistics(core::Project& project,
                                                                 const Scope& scope,
                                                                 QString* stretch = nullptr);
  QString statisticsHtml(core::Project& project, const Scope& scope);
  bool saveStatisticsCsv(core::Project& project, const Scope& scope, const QString& path);

  // `annotator` against `other` ("model" for the model) in `scheme`, as text.
  QString agreement(core::Project& project, const QString& annotator, const QString& other,
                    const std::string& scheme);

  // Writes the blink and smile events of every analysis with blendshapes as annotations of
  // `who`; the summary of `media_id`'s people.
  QString faceEvents(core::Project& project, int64_t media_id, const std::string& who);

  QString lastError() const { return error_; }

 private:
  QString error_;
};

}  // namespace unilearn::ui
