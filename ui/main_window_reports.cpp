// MainWindow's reports and questions about the project's people: the participant mapping asked
// before an import, session statistics, and agreement between raters. Split from
// main_window_actions.cpp (menus and editing).
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "core/analysis/agreement.h"
#include "core/analysis/face_events.h"
#include "core/analysis/statistics.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "ui/main_window.h"
#include "ui/statistics_chart.h"
#include "ui/timeline_view.h"
#include "ui/translation.h"

namespace unilearn::ui {

std::optional<std::map<std::string, std::string>> MainWindow::askSubjectMapping(
    const std::vector<std::string>& unmatched) {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Who is who?"));
  auto* form = new QFormLayout(&dialog);
  form->addRow(
      new QLabel(tr("The file names people this project does not know. Choose who each "
                    "of them is here:")));
  QStringList people;
  for (const auto& t : project_->tracks(media_id_))
    people << QString::fromStdString(t.person.empty() ? "face " + std::to_string(t.tracker_id)
                                                      : t.person);
  std::vector<QComboBox*> boxes;
  for (const auto& name : unmatched) {
    auto* box = new QComboBox(&dialog);
    box->addItems(people);
    box->addItem(tr("the whole video"), QString("whole video"));
    box->addItem(tr("leave out"), QString(""));
    form->addRow(QString::fromStdString(name), box);
    boxes.push_back(box);
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  form->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) return std::nullopt;
  std::map<std::string, std::string> mapping;
  for (size_t i = 0; i < unmatched.size(); ++i) {
    const QVariant data = boxes[i]->currentData();
    mapping[unmatched[i]] =
        (data.isValid() ? data.toString() : boxes[i]->currentText()).toStdString();
  }
  return mapping;
}

std::optional<std::vector<core::EmotionStatistics>> MainWindow::currentStatistics(
    QString* stretch) {
  if (!project_ || media_id_ < 0) return std::nullopt;
  try {
    core::StatisticsOptions o;
    o.scheme = scheme_;
    if (in_frame_ >= 0 && out_frame_ >= in_frame_) {  // the selection, when there is one
      o.from = in_frame_;
      o.to = out_frame_;
    }
    o.epochs_scheme = epochs_scheme_.toStdString();
    if (stretch) {
      *stretch = o.from ? tr("Frames %1 to %2 (the selection)").arg(*o.from).arg(*o.to)
                        : tr("The whole video");
      if (!epochs_scheme_.isEmpty()) *stretch += tr(", per epoch of %1").arg(epochs_scheme_);
    }
    return core::sessionStatistics(*project_, media_id_, o);
  } catch (const Error& e) {
    fail(QString::fromUtf8(e.what()));
    return std::nullopt;
  }
}

QString MainWindow::statisticsTable() {
  QString stretch;
  const auto stats = currentStatistics(&stretch);
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

bool MainWindow::saveStatistics(const QString& path) {
  const auto stats = currentStatistics(nullptr);
  if (!stats) return false;
  try {
    writeFileAtomically(
        path.toStdString(), [&](std::ostream& out) { core::writeStatisticsCsv(*stats, out); },
        /*binary=*/false);
  } catch (const Error& e) {
    fail(QString::fromUtf8(e.what()));
    return false;
  }
  return true;
}

void MainWindow::showStatistics() {
  if (!currentStatistics(nullptr)) return;
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Session statistics"));
  auto* layout = new QVBoxLayout(&dialog);
  // Per epoch: any other scheme of the project whose annotations mark stretches (baseline,
  // task, recovery...).
  auto* epochs = new QComboBox;
  epochs->setObjectName("statistics_epochs");
  epochs->addItem(tr("the whole stretch"), QString());
  for (const auto& s : project_->annotationSchemes())
    if (s != scheme_)
      epochs->addItem(tr("each epoch of “%1”").arg(QString::fromStdString(s)),
                      QString::fromStdString(s));
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Statistics for")));
  row->addWidget(epochs);
  row->addStretch(1);
  layout->addLayout(row);
  auto* chart = new StatisticsChart;
  chart->setObjectName("statistics_chart");
  layout->addWidget(chart);
  auto* table = new QLabel;
  table->setObjectName("statistics_table");
  table->setTextFormat(Qt::RichText);
  table->setTextInteractionFlags(Qt::TextSelectableByMouse);
  table->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  auto* scroll = new QScrollArea;
  scroll->setWidget(table);
  scroll->setWidgetResizable(true);
  layout->addWidget(scroll, 1);
  auto refresh = [this, epochs, chart, table] {
    epochs_scheme_ = epochs->currentData().toString();
    QString stretch;
    const auto stats = currentStatistics(&stretch);
    chart->setStatistics(stats ? *stats : std::vector<core::EmotionStatistics>{},
                         tr("Share of the rated time in each emotion — %1").arg(stretch));
    table->setText(stats ? statisticsTable() : lastError().toHtmlEscaped());
  };
  connect(epochs, &QComboBox::currentIndexChanged, &dialog, refresh);
  refresh();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  QPushButton* csv = buttons->addButton(tr("Save table as CSV…"), QDialogButtonBox::ActionRole);
  QPushButton* figure = buttons->addButton(tr("Save figure…"), QDialogButtonBox::ActionRole);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  connect(csv, &QPushButton::clicked, &dialog, [this, &dialog] {
    const QString path =
        QFileDialog::getSaveFileName(&dialog, tr("Statistics"), QString(), tr("CSV (*.csv)"));
    if (!path.isEmpty() && !saveStatistics(path))
      QMessageBox::warning(&dialog, tr("Statistics"), lastError());
  });
  connect(figure, &QPushButton::clicked, &dialog, [chart, &dialog] {
    const QString path = QFileDialog::getSaveFileName(&dialog, tr("Statistics figure"), QString(),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!path.isEmpty() && !chart->exportPicture(path))
      QMessageBox::warning(&dialog, tr("Statistics figure"),
                           tr("Could not write %1: check the folder and free space.").arg(path));
  });
  layout->addWidget(buttons);
  dialog.resize(900, 640);
  dialog.exec();
  epochs_scheme_.clear();
}

QString MainWindow::agreementReport(const QString& other) {
  if (!project_) return {};
  try {
    const auto r = core::agreeInProject(*project_, settings_.annotator().toStdString(),
                                        other.toStdString(), scheme_);
    // Cohen's kappa only: the emotion schemes are nominal, so a weighted kappa would weigh
    // disagreements by the arbitrary order of the labels.
    QString text = tr("%1 vs %2 over %3 frames rated by both\nobserved agreement %4\n"
                      "Cohen's kappa %5\n\nspecific agreement per class:")
                       .arg(settings_.annotator(), other)
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
    text += tr("\n\nconfusion (rows: %1, columns: %2):\n").arg(settings_.annotator(), other);
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
    fail(QString::fromUtf8(e.what()));
    return {};
  }
}

QString MainWindow::findFaceEvents() {
  if (!project_) {
    fail(tr("Open a project first."));
    return {};
  }
  try {
    const std::string who = "blendshapes";
    const auto summaries = core::writeFaceEvents(*project_, who);
    QString text = tr("Events written as annotations of \"%1\" (schemes Blinks and Smiles); "
                      "the timeline shows them in its comparison row.\n")
                       .arg(QString::fromStdString(who));
    for (const auto& s : summaries) {
      if (s.media_id != media_id_) continue;
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
    timeline_->setAnnotators(settings_.annotator().toStdString(), who);
    loadTimelineAsync();
    return text;
  } catch (const Error& e) {
    fail(QString::fromUtf8(e.what()));
    return {};
  }
}

}  // namespace unilearn::ui
