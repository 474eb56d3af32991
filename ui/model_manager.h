// The model manager: the models the app can use — the bundled static expression model, the
// UniLearn models of this project (imported checkpoints, later fine-tuned ones) and the bare
// architectures (random weights, for trying the pipeline) — with an overview of the selected
// one, the import of an authors' checkpoint (checked weight by weight on a worker thread, the
// load report in plain words) and the choice of the model for new analyses.
// Thread-safety: GUI thread only.
#pragma once

#include <QLabel>
#include <QPushButton>
#include <QTextEdit>
#include <QTreeWidget>
#include <QWidget>

#include "core/storage/project.h"
#include "ui/background_job.h"
#include "ui/settings.h"

namespace unilearn::ui {

class ModelSummaryWidget;

class ModelManager : public QWidget {
  Q_OBJECT

 public:
  ModelManager(Settings& settings, QWidget* parent = nullptr);
  ~ModelManager() override;

  // The project whose models are listed (may be null); `project_path` locates the models folder.
  void setProject(core::Project* project, const QString& project_path);
  void refresh();

  // Imports a checkpoint or model file (asynchronously; importFinished tells the outcome).
  void importFile(const QString& path, bool allow_partial);
  // Makes the selected UniLearn model the one new analyses use.
  bool useSelected();
  QTreeWidget* list() const { return list_; }
  QString report() const { return report_->toPlainText(); }

 signals:
  void importFinished(bool ok, const QString& report);
  void modelChosen(const QString& model);

 private:
  void showSelected();

  Settings& settings_;
  core::Project* project_ = nullptr;
  QString project_path_;
  QTreeWidget* list_ = nullptr;
  ModelSummaryWidget* summary_ = nullptr;
  QTextEdit* report_ = nullptr;
  QPushButton *import_ = nullptr, *use_ = nullptr;
  BackgroundJob import_job_{this};
};

}  // namespace unilearn::ui
