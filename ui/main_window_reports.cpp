// MainWindow's reports and questions about the project's people: the participant mapping asked
// before an import, the session statistics dialog; the reports themselves (statistics,
// agreement, face events) come from ReportsController for the shown video and selection.
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

#include "core/analysis/statistics.h"
#include "ui/main_window.h"
#include "ui/reports_controller.h"
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
  for (const auto& t : project()->tracks(media_id_))
    people << QString::fromStdString(core::personName(t));
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

ReportsController::Scope MainWindow::reportScope() const {
  ReportsController::Scope scope;
  scope.media_id = media_id_;
  scope.scheme = scheme_;
  scope.from = in_frame_;
  scope.to = out_frame_;
  scope.epochs_scheme = epochs_scheme_;
  return scope;
}

std::optional<std::vector<core::EmotionStatistics>> MainWindow::currentStatistics(
    QString* stretch) {
  if (!project()) return std::nullopt;
  auto stats = reports_->statistics(*project(), reportScope(), stretch);
  if (!stats) fail(reports_->lastError());
  return stats;
}

QString MainWindow::statisticsTable() {
  if (!project()) return {};
  const QString html = reports_->statisticsHtml(*project(), reportScope());
  if (html.isEmpty()) fail(reports_->lastError());
  return html;
}

bool MainWindow::saveStatistics(const QString& path) {
  if (project() && reports_->saveStatisticsCsv(*project(), reportScope(), path)) return true;
  if (project()) fail(reports_->lastError());
  return false;
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
  for (const auto& s : project()->annotationSchemes())
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
  if (!project()) return {};
  const QString text = reports_->agreement(*project(), settings_.annotator(), other, scheme_);
  if (text.isEmpty()) fail(reports_->lastError());
  return text;
}

QString MainWindow::findFaceEvents() {
  if (!project()) {
    fail(tr("Open a project first."));
    return {};
  }
  const std::string who = "blendshapes";
  const QString text = reports_->faceEvents(*project(), media_id_, who);
  if (text.isEmpty()) {
    fail(reports_->lastError());
    return {};
  }
  timeline_->setAnnotators(settings_.annotator().toStdString(), who);
  loadTimelineAsync();
  return text;
}

}  // namespace unilearn::ui
