#include "ui/reports_controller.h"

#include "core/analysis/agreement.h"
#include "core/analysis/face_events.h"
#include "core/storage/project.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "ui/translation.h"

namespace unilearn::ui {

ReportsController::ReportsController(QObject* parent) : QObject(parent) {}

std::optional<std::vector<core::EmotionStatistics>> ReportsController::statistics(
    core::Project& project, const Scope& scope, QString* stretch) {
  error_.clear();
  if (scope.media_id < 0) {
    error_ = tr("Select a video first.");
    return std::nullopt;
  }
  try {
    core::StatisticsOptions o;
    o.scheme = scope.scheme;
    if (scope.from >= 0 && scope.to >= scope.from) {  // the selection, when there is one
      o.from = scope.from;
      o.to = scope.to;
    }
    o.epochs_scheme = scope.epochs_scheme.toStdString();
    if (stretch) {
      *stretch = o.from ? tr("Frames %1 to %2 (the selection)").arg(*o.from).arg(*o.to)
                        : tr("The whole video");
      if (!scope.epochs_scheme.isEmpty())
        *stretch += tr(", per epoch of %1").arg(scope.epochs_scheme);
    }
    return core::sessionStatistics(project, scope.media_id, o);
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return std::nullopt;
  }
}

QString ReportsController::statisticsHtml(core::Project& project, const Scope& scope) {
  QString stretch;
  const auto stats = statistics(project, scope, &stretch);
  if (!stats) return {};
  QString html = tr("<p>%1</p><table cellspacing=6><tr><th align=left>person</th>"
                    "<th align=left>rater</th><th align=left>emotion</th><th>time (s)</th>"
                    "<th>share</th><th>bouts</th><th>mean bout (s)</th><th>first at (s)</th>"
                    "</tr>")
                     .arg(stretch);
  std::string epoch;
  for (const auto& s : *stats) {
    if (!s.epoch.empty() && (s.epoch != epoch || &s == &stats->front()))
      html += tr("<tr><td colspan=8><b>%1</b> (frames %2 to %3)</td></tr>")
                  .arg(QString::fromStdString(s.epoch).toHtmlEscaped())
                  .arg(s.epoch_start)
                  .arg(s.epoch_end);
    epoch = s.epoch;
    html += QString(
                "<tr><td>%1</td><td>%2</td><td>%3</td><td align=right>%4</td>"
                "<td align=right>%5 %</td><td align=right>%6</td><td align=right>%7</td>"
                "<td align=right>%8</td></tr>")
                .arg(QString::fromStdString(s.person).toHtmlEscaped(),
                     QString::fromStdString(s.rater).toHtmlEscaped(),
                     QString::fromStdString(s.label).toHtmlEscaped())
                .arg(localNumber(s.seconds, 1))
                .arg(localNumber(s.share * 100, 1))
                .arg(s.bouts)
                .arg(localNumber(s.mean_bout_seconds, 1))
                .arg(s.latency_seconds ? localNumber(*s.latency_seconds, 1) : "—");
  }
  return html + "</table>";
}

bool ReportsController::saveStatisticsCsv(core::Project& project, const Scope& scope,
                                          const QString& path) {
  const auto stats = statistics(project, scope);
  if (!stats) return false;
  try {
    writeFileAtomically(
        path.toStdString(), [&](std::ostream& out) { core::writeStatisticsCsv(*stats, out); },
        /*binary=*/false);
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

QString ReportsController::agreement(core::Project& project, const QString& annotator,
                                     const QString& other, const std::string& scheme) {
  error_.clear();
  try {
    const auto r =
        core::agreeInProject(project, annotator.toStdString(), other.toStdString(), scheme);
    // Cohen's kappa only: the emotion schemes are nominal, so a weighted kappa would weigh
    // disagreements by the arbitrary order of the labels.
    QString text = tr("%1 vs %2 over %3 frames rated by both\nobserved agreement %4\n"
                      "Cohen's kappa %5\n\nspecific agreement per class:")
                       .arg(annotator, other)
                       .arg(r.items)
                       .arg(localNumber(r.observed, 3))
                       .arg(localNumber(r.kappa, 3));
    if (r.ordinal)  // an ordered scale: disagreement by one step counts less than by four
      text.replace(tr("\n\nspecific agreement per class:"),
                   tr("\nweighted kappa (quadratic) %1\n\nspecific agreement per class:")
                       .arg(localNumber(r.weighted_kappa, 3)));
    for (size_t i = 0; i < r.labels.size(); ++i)
      text += QString("\n  %1: %2")
                  .arg(QString::fromStdString(r.labels[i]))
                  .arg(localNumber(r.per_class[i], 3));
    text += tr("\n\nconfusion (rows: %1, columns: %2):\n").arg(annotator, other);
    for (const auto& l : r.labels)
      text += QString("\t%1").arg(QString::fromStdString(l));
    for (size_t i = 0; i < r.labels.size(); ++i) {
      text += "\n" + QString::fromStdString(r.labels[i]);
      for (int64_t n : r.confusion[i])
        text += QString("\t%1").arg(n);
    }
    if (!r.unmatched.empty()) {
      QStringList names;
      for (const auto& n : r.unmatched)
        names << QString::fromStdString(n);
      text += tr("\n\nThe model's %1 match no label of the scheme: %2 frames left out.")
                  .arg(names.join(", "))
                  .arg(r.unmatched_frames);
    }
    return text;
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return {};
  }
}

QString ReportsController::faceEvents(core::Project& project, int64_t media_id,
                                      const std::string& who) {
  error_.clear();
  try {
    const auto summaries = core::writeFaceEvents(project, who);
    QString text = tr("Events written as annotations of \"%1\" (schemes Blinks and Smiles); "
                      "the timeline shows them in its comparison row.\n")
                       .arg(QString::fromStdString(who));
    for (const auto& s : summaries) {
      if (s.media_id != media_id) continue;
      text += tr("\n%1: %2 blinks").arg(QString::fromStdString(s.person)).arg(s.blinks);
      if (s.blinks_per_minute > 0)
        text += tr(" (%1 a minute)").arg(localNumber(s.blinks_per_minute, 1));
      if (s.closures > 0) text += tr(", eyes closed %1 times").arg(s.closures);
      text += tr(", %1 smiles (%2 Duchenne-like), %3 s smiling")
                  .arg(s.smiles)
                  .arg(s.duchenne)
                  .arg(localNumber(s.smile_seconds, 1));
    }
    text +=
        tr("\n\nThese are heuristics over blendshape scores, not FACS coding "
           "(docs/action-units.md).");
    return text;
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return {};
  }
}

}  // namespace unilearn::ui
