#include "ui/model_manager.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QVBoxLayout>

#include "core/analysis/clip_model.h"
#include "core/analysis/model_import.h"
#include "core/faces/face_pipeline.h"
#include "core/resources.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "ui/model_summary_widget.h"

namespace unilearn::ui {
namespace {

enum Role { kPathRole = Qt::UserRole, kConfigRole, kNameRole, kCardRole };

}  // namespace

ModelManager::ModelManager(Settings& settings, QWidget* parent)
    : QWidget(parent), settings_(settings) {
  list_ = new QTreeWidget(this);
  list_->setHeaderLabels({tr("Model"), tr("What it is")});
  list_->setRootIsDecorated(true);
  summary_ = new ModelSummaryWidget(this);
  report_ = new QTextEdit(this);
  report_->setReadOnly(true);
  report_->setPlaceholderText(tr("The load report of an imported checkpoint appears here."));
  report_->setMaximumHeight(110);
  auto* help = new QLabel(
      tr("<b>Paper-level accuracy needs the authors' weights.</b> UniLearn's authors publish "
         "their fine-tuned checkpoints on Hugging Face (<i>cyinen/S4D</i>: DFEW, FERV39K and MAFW "
         "folds). Download a <tt>.pth</tt> file there and import it: every weight is checked, the "
         "report says in plain words what was found and what was missing, and a "
         "<tt>.safetensors</tt> copy is kept in the project's models folder."),
      this);
  help->setWordWrap(true);
  import_ = new QPushButton(tr("Import the authors' checkpoint…"), this);
  use_ = new QPushButton(tr("Use for analysis"), this);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(import_);
  buttons->addWidget(use_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_, 2);
  layout->addWidget(summary_, 2);
  layout->addWidget(help);
  layout->addLayout(buttons);
  layout->addWidget(report_);
  connect(list_, &QTreeWidget::currentItemChanged, this, &ModelManager::showSelected);
  connect(use_, &QPushButton::clicked, this, &ModelManager::useSelected);
  connect(import_, &QPushButton::clicked, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Authors' checkpoint or model file"), QString(),
                                     tr("Checkpoints (*.pth *.pt *.safetensors)"));
    if (!path.isEmpty()) importFile(path, /*allow_partial=*/false);
  });
  refresh();
}

ModelManager::~ModelManager() = default;  // import_job_ waits for an import in progress

void ModelManager::setProject(core::Project* project, const QString& project_path) {
  project_ = project;
  project_path_ = project_path;
  refresh();
}

void ModelManager::refresh() {
  list_->clear();
  auto* bundled = new QTreeWidgetItem(list_, {tr("Bundled")});
  new QTreeWidgetItem(bundled, {tr("FaceExpressionNet"),
                                tr("static expressions per frame (face-api.js, MIT); always on")});
  if (const std::string shipped = core::shippedClipModel(); !shipped.empty()) {
    // The shipped UniLearn-T, its config read from the file once.
    static const std::string config = [&] {
      try {
        return core::ClipModel::shared(shipped)->config().toJson().dump();
      } catch (const Error&) {
        return std::string();
      }
    }();
    auto* item = new QTreeWidgetItem(
        bundled, {tr("UniLearn-T (FER+)"),
                  tr("works out of the box; trained on FER+'s labelled faces — see its card")});
    item->setData(0, kPathRole, QString::fromStdString(shipped));
    item->setData(0, kConfigRole, QString::fromStdString(config));
    item->setData(0, kNameRole, tr("UniLearn-T (FER+)"));
    item->setData(0, kCardRole, QString::fromStdString(core::shippedModelCard()));
    if (QString::fromStdString(shipped) == settings_.defaultModel())
      item->setText(0, item->text(0) + tr("  ✓ used for analysis"));
  }
  auto* project = new QTreeWidgetItem(list_, {tr("In this project")});
  if (project_) {
    for (const auto& m : project_->models()) {
      if (m.path.empty()) continue;  // presets used for plumbing: listed below
      auto* item = new QTreeWidgetItem(
          project, {QString::fromStdString(m.name), QString::fromStdString(m.path)});
      item->setData(0, kPathRole, QString::fromStdString(m.path));
      item->setData(0, kConfigRole, QString::fromStdString(m.config_json));
      item->setData(0, kNameRole, QString::fromStdString(m.name));
      if (QString::fromStdString(m.path) == settings_.defaultModel())
        item->setText(0, item->text(0) + tr("  ✓ used for analysis"));
    }
  }
  if (project->childCount() == 0)
    new QTreeWidgetItem(project, {tr("(none yet)"), tr("import an authors' checkpoint below")});
  auto* bare = new QTreeWidgetItem(list_, {tr("Architectures (random weights)")});
  for (const char* preset : {"unilearn-b16-160", "unilearn-s16-160", "unilearn-t16-160"}) {
    auto* item = new QTreeWidgetItem(bare, {preset, tr("no training: for trying the pipeline")});
    item->setData(0, kConfigRole,
                  QString::fromStdString(ModelConfig::preset(preset).toJson().dump()));
  }
  list_->expandAll();
  list_->resizeColumnToContents(0);
}

void ModelManager::showSelected() {
  const QTreeWidgetItem* item = list_->currentItem();
  const QString config = item ? item->data(0, kConfigRole).toString() : QString();
  use_->setEnabled(item && !item->data(0, kPathRole).toString().isEmpty());
  if (const QString card = item ? item->data(0, kCardRole).toString() : QString();
      !card.isEmpty()) {
    QFile f(card);
    if (f.open(QIODevice::ReadOnly)) report_->setMarkdown(QString::fromUtf8(f.readAll()));
  }
  if (config.isEmpty()) return;
  try {
    const QString name = item->data(0, kNameRole).toString();
    summary_->setModel(name.isEmpty() ? item->text(0) : name,
                       ModelConfig::fromJson(json::parse(config.toStdString())));
  } catch (const Error&) {
  }
}

bool ModelManager::useSelected() {
  const QTreeWidgetItem* item = list_->currentItem();
  const QString path = item ? item->data(0, kPathRole).toString() : QString();
  if (path.isEmpty()) return false;
  settings_.setDefaultModel(path);
  emit modelChosen(path);
  refresh();
  return true;
}

void ModelManager::importFile(const QString& path, bool allow_partial) {
  if (!project_ || project_path_.isEmpty()) {
    report_->setPlainText(tr("Open a project first: imported models are kept with it."));
    emit importFinished(false, report_->toPlainText());
    return;
  }
  if (import_job_.running()) return;
  const QFileInfo project(project_path_);
  const QString dir = project.absolutePath() + "/" + project.completeBaseName() + "-models";
  QDir().mkpath(dir);
  const QString out = dir + "/" + QFileInfo(path).completeBaseName() + ".safetensors";
  import_->setEnabled(false);
  report_->setPlainText(tr("Importing %1 …").arg(QFileInfo(path).fileName()));
  auto imported = std::make_shared<core::ImportedModel>();
  import_job_.start(
      [imported, in = path.toStdString(), out = out.toStdString(), allow_partial](BackgroundJob&) {
        *imported = core::importModelFile(in, out, allow_partial);
      },
      [this, imported](const QString& error) {
        const bool ok = error.isEmpty();
        const QString text =
            ok ? QString::fromStdString(imported->report) : tr("Not imported: %1").arg(error);
        import_->setEnabled(true);
        report_->setPlainText(text);
        if (ok && project_)
          project_->addModel({0, imported->name, imported->config.toJson().dump(),
                              imported->weights_hash, imported->path});
        refresh();
        emit importFinished(ok, text);
      });
}

}  // namespace unilearn::ui
