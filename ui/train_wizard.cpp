#include "ui/train_wizard.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <set>

#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/config.h"
#include "trainer/dataset.h"

namespace unilearn::ui {
namespace {

QChartView* chartView(const QString& title, std::initializer_list<QLineSeries*> series,
                      QWidget* parent) {
  auto* chart = new QChart;
  chart->setTitle(title);
  for (auto* s : series)
    chart->addSeries(s);
  chart->createDefaultAxes();
  chart->legend()->setVisible(series.size() > 1);
  auto* view = new QChartView(chart, parent);
  view->setMinimumHeight(180);
  return view;
}

}  // namespace

TrainWizard::TrainWizard(const QString& project_path, QWidget* parent)
    : QWizard(parent), project_path_(project_path) {
  setWindowTitle(tr("Fine-tune UniLearn on your labelled clips"));
  setPage(kData, dataPage());
  setPage(kModel, modelPage());
  setPage(kSettings, settingsPage());
  setPage(kTrain, trainPage());
  setPage(kReport, reportPage());
  setOption(QWizard::NoCancelButtonOnLastPage);
  resize(820, 640);
  refreshCounts();
  applyPreset("quick");
}

TrainWizard::~TrainWizard() {
  // The work reads members declared after work_: stop it before they go.
  work_.cancel();
  work_.wait();
}

QWizardPage* TrainWizard::dataPage() {
  auto* page = new QWizardPage(this);
  page->setTitle(tr("Which labels"));
  page->setSubTitle(
      tr("Segments you labelled become training clips (and some of their frames "
         "stills). The video must have been analysed, so that its faces are known."));
  scheme_ = new QComboBox(page);
  try {
    auto project = core::Project::open(project_path_.toStdString(), false);
    for (const auto& s : project->annotationSchemes())
      scheme_->addItem(QString::fromStdString(s));
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
  }
  annotators_ = new QListWidget(page);
  annotators_->setMaximumHeight(90);
  counts_ = new QTableWidget(page);
  counts_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  warnings_ = new QLabel(page);
  warnings_->setWordWrap(true);
  warnings_->setStyleSheet("color: #a33;");
  auto* form = new QFormLayout;
  form->addRow(tr("Label scheme:"), scheme_);
  form->addRow(tr("Whose labels count:"), annotators_);
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(form);
  layout->addWidget(counts_, 1);
  layout->addWidget(warnings_);
  connect(scheme_, &QComboBox::currentIndexChanged, this, [this] {
    annotators_->clear();
    refreshCounts();
  });
  connect(annotators_, &QListWidget::itemChanged, this, &TrainWizard::refreshCounts);
  return page;
}

void TrainWizard::refreshCounts() {
  if (scheme_->currentText().isEmpty()) {
    warnings_->setText(error_.isEmpty() ? tr("No labels in this project yet: label segments of "
                                             "analysed people first (Annotate menu).")
                                        : error_);
    return;
  }
  std::vector<std::string> chosen;
  for (int i = 0; i < annotators_->count(); ++i)
    if (annotators_->item(i)->checkState() == Qt::Checked)
      chosen.push_back(annotators_->item(i)->text().toStdString());
  try {
    auto project = core::Project::open(project_path_.toStdString(), false);
    const auto n = trainer::labelCounts(*project, scheme_->currentText().toStdString(),
                                        annotators_->count() ? chosen : std::vector<std::string>{});
    if (annotators_->count() == 0) {
      QSignalBlocker block(annotators_);
      for (const auto& a : n.annotators) {
        auto* item = new QListWidgetItem(QString::fromStdString(a), annotators_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
      }
    }
    QStringList columns = {tr("segments"), tr("frames")};
    for (const auto& [person, row] : n.by_person)
      columns << QString::fromStdString(person);
    counts_->clear();
    counts_->setColumnCount(columns.size());
    counts_->setHorizontalHeaderLabels(columns);
    counts_->setRowCount(static_cast<int>(n.classes.size()));
    QStringList rows;
    for (size_t c = 0; c < n.classes.size(); ++c) {
      rows << QString::fromStdString(n.classes[c]);
      auto set = [&](int col, int64_t v) {
        counts_->setItem(static_cast<int>(c), col, new QTableWidgetItem(QString::number(v)));
      };
      set(0, n.segments[c]);
      set(1, n.frames[c]);
      for (size_t p = 0; p < n.by_person.size(); ++p)
        set(2 + static_cast<int>(p), n.by_person[p].second[c]);
    }
    counts_->setVerticalHeaderLabels(rows);
    QStringList w;
    for (const auto& x : n.warnings)
      w << QString::fromStdString(x);
    warnings_->setText(w.join("\n"));
  } catch (const Error& e) {
    warnings_->setText(QString::fromUtf8(e.what()));
  }
}

QWizardPage* TrainWizard::modelPage() {
  auto* page = new QWizardPage(this);
  page->setTitle(tr("Which model"));
  page->setSubTitle(tr("Start from a UniLearn model and choose how much of it to train."));
  base_ = new QComboBox(page);
  try {
    auto project = core::Project::open(project_path_.toStdString(), false);
    for (const auto& m : project->models())
      if (!m.path.empty() && QFileInfo::exists(QString::fromStdString(m.path)))
        base_->addItem(QString::fromStdString(m.name), QString::fromStdString(m.path));
  } catch (const Error&) {
  }
  for (const auto& p : ModelConfig::presetNames())
    base_->addItem(tr("%1 (random weights)").arg(QString::fromStdString(p)),
                   QString::fromStdString(p));
  train_what_ = new QComboBox(page);
  train_what_->addItem(tr("Experts, routers and heads (fast and small; backbone frozen)"),
                       "experts");
  train_what_->addItem(tr("Everything"), "all");
  train_what_->addItem(tr("Heads only"), "heads");
  device_ = new QLabel(QString::fromStdString(trainer::trainingDevice()), page);
  estimate_ = new QLabel(tr("not measured yet"), page);
  auto* measure = new QPushButton(tr("Measure"), page);
  auto* row = new QHBoxLayout;
  row->addWidget(estimate_, 1);
  row->addWidget(measure);
  auto* choose = new QPushButton(tr("File…"), page);
  choose->setToolTip(
      tr("A model file: an authors' checkpoint, one of ours, or the result of "
         "`unilearn pretrain`"));
  auto* base_row = new QHBoxLayout;
  base_row->addWidget(base_, 1);
  base_row->addWidget(choose);
  auto* form = new QFormLayout(page);
  form->addRow(tr("Base model:"), base_row);
  form->addRow(tr("Train:"), train_what_);
  form->addRow(tr("Device:"), device_);
  form->addRow(tr("Time per epoch:"), row);
  connect(measure, &QPushButton::clicked, this, &TrainWizard::measureEstimate);
  connect(choose, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Base model"), QString(),
                                                   tr("Model files (*.safetensors *.pth *.pt)"));
    if (!f.isEmpty()) setBaseModel(f);
  });
  return page;
}

void TrainWizard::setBaseModel(const QString& spec) {
  int i = base_->findData(spec);
  if (i < 0) {
    base_->addItem(QFileInfo(spec).fileName(), spec);
    i = base_->count() - 1;
  }
  base_->setCurrentIndex(i);
}

QWizardPage* TrainWizard::settingsPage() {
  auto* page = new QWizardPage(this);
  page->setTitle(tr("Settings"));
  page->setSubTitle(
      tr("Quick: a first try in minutes. Standard: more epochs. Paper: the "
         "authors' recipe (100 epochs, small learning rate; hours on a GPU)."));
  preset_ = new QComboBox(page);
  preset_->addItem(tr("Quick"), "quick");
  preset_->addItem(tr("Standard"), "standard");
  preset_->addItem(tr("Paper"), "paper");
  epochs_ = new QSpinBox(page);
  epochs_->setRange(1, 1000);
  lr_ = new QDoubleSpinBox(page);
  lr_->setDecimals(7);
  lr_->setRange(1e-7, 1e-1);
  lr_->setSingleStep(1e-5);
  video_batch_ = new QSpinBox(page);
  video_batch_->setRange(1, 256);
  image_batch_ = new QSpinBox(page);
  image_batch_->setRange(1, 512);
  seed_ = new QSpinBox(page);
  seed_->setRange(0, 1000000);
  val_fraction_ = new QDoubleSpinBox(page);
  val_fraction_->setRange(0, 0.5);
  val_fraction_->setSingleStep(0.05);
  val_fraction_->setValue(0.2);
  mixup_ = new QCheckBox(tr("mixup / cutmix with label smoothing"), page);
  augment_ = new QCheckBox(tr("augmentations (RandAugment, crops, flips, erasing)"), page);
  aux_loss_ = new QCheckBox(tr("load-balancing loss (the paper's intent; the official code "
                               "never adds it)"),
                            page);
  auto* form = new QFormLayout(page);
  form->addRow(tr("Preset:"), preset_);
  form->addRow(tr("Epochs:"), epochs_);
  form->addRow(tr("Learning rate:"), lr_);
  form->addRow(tr("Clips per batch:"), video_batch_);
  form->addRow(tr("Stills per batch:"), image_batch_);
  form->addRow(tr("Held out for validation (by person):"), val_fraction_);
  form->addRow(tr("Seed:"), seed_);
  form->addRow(mixup_);
  form->addRow(augment_);
  form->addRow(aux_loss_);
  page->setCommitPage(true);
  page->setButtonText(QWizard::CommitButton, tr("Train"));
  connect(preset_, &QComboBox::currentIndexChanged, this,
          [this] { applyPreset(preset_->currentData().toString()); });
  return page;
}

void TrainWizard::applyPreset(const QString& name) {
  const int i = preset_->findData(name);
  if (i >= 0 && preset_->currentIndex() != i) preset_->setCurrentIndex(i);  // comes back here
  const bool paper = name == "paper", quick = name == "quick";
  epochs_->setValue(paper ? 100 : quick ? 5 : 20);
  lr_->setValue(paper ? 1e-5 : 5e-4);
  video_batch_->setValue(paper ? 16 : 8);
  image_batch_->setValue(paper ? 32 : 16);
  mixup_->setChecked(!quick);
  augment_->setChecked(true);
  aux_loss_->setChecked(false);
  if (quick) train_what_->setCurrentIndex(train_what_->findData("experts"));
}

trainer::TrainJob TrainWizard::job() const {
  trainer::TrainJob j;
  j.data.project = project_path_.toStdString();
  j.data.scheme = scheme_->currentText().toStdString();
  for (int i = 0; i < annotators_->count(); ++i)
    if (annotators_->item(i)->checkState() == Qt::Checked)
      j.data.annotators.push_back(annotators_->item(i)->text().toStdString());
  for (int r = 0; r < counts_->rowCount(); ++r)
    if (counts_->item(r, 0) && counts_->item(r, 0)->text().toLongLong() > 0)
      j.classes.push_back(counts_->verticalHeaderItem(r)->text().toStdString());
  j.validation.fraction = val_fraction_->value();
  j.register_model = false;  // the report page adds it under the chosen name
  auto& t = j.training;
  t.base_model = base_->currentData().toString().toStdString();
  t.train = train_what_->currentData().toString().toStdString();
  t.epochs = epochs_->value();
  t.lr = lr_->value();
  t.min_lr = std::min(1e-6, t.lr / 10);
  t.warmup_epochs = t.epochs >= 20 ? 5 : 1;
  t.video_batch = video_batch_->value();
  t.image_batch = image_batch_->value();
  t.seed = static_cast<uint64_t>(seed_->value());
  if (!mixup_->isChecked()) t.mixup = t.cutmix = 0;
  t.augment.enabled = augment_->isChecked();
  t.aux_loss = aux_loss_->isChecked();
  const QFileInfo p(project_path_);
  t.model_name = "finetuned";
  t.out_dir = (p.absolutePath() + "/" + p.completeBaseName() + "-training/" +
               QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss"))
                  .toStdString();
  return j;
}

QWizardPage* TrainWizard::trainPage() {
  auto* page = new TrainingPage(this);
  train_page_ = page;
  page->setTitle(tr("Training"));
  loss_ = new QLineSeries(this);
  loss_->setName(tr("loss"));
  train_acc_ = new QLineSeries(this);
  train_acc_->setName(tr("training accuracy"));
  val_acc_ = new QLineSeries(this);
  val_acc_->setName(tr("validation WAR"));
  loss_view_ = chartView(tr("Loss per step"), {loss_}, page);
  acc_view_ = chartView(tr("Accuracy per epoch"), {train_acc_, val_acc_}, page);
  progress_ = new QProgressBar(page);
  train_status_ = new QLabel(page);
  train_status_->setWordWrap(true);
  eta_ = new QLabel(page);
  pause_ = new QPushButton(tr("Pause"), page);
  pause_->setCheckable(true);
  cancel_ = new QPushButton(tr("Stop (keep the best epoch)"), page);
  auto* charts = new QHBoxLayout;
  charts->addWidget(loss_view_);
  charts->addWidget(acc_view_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(eta_, 1);
  buttons->addWidget(pause_);
  buttons->addWidget(cancel_);
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(charts, 1);
  layout->addWidget(progress_);
  layout->addWidget(train_status_);
  layout->addLayout(buttons);
  connect(pause_, &QPushButton::toggled, this, &TrainWizard::setPaused);
  connect(cancel_, &QPushButton::clicked, this, &TrainWizard::cancelTraining);
  page->setCommitPage(true);
  page->setButtonText(QWizard::CommitButton, tr("Report >"));
  return page;
}

int TrainWizard::lossPoints() const {
  return static_cast<int>(loss_->count());
}

QWizardPage* TrainWizard::reportPage() {
  auto* page = new QWizardPage(this);
  page->setTitle(tr("Report"));
  page->setSubTitle(
      tr("On the validation clips, held out from training (whole people where "
         "there are several)."));
  confusion_ = new QTableWidget(page);
  recall_ = new QTableWidget(page);
  recall_->setColumnCount(3);
  recall_->setHorizontalHeaderLabels({tr("class"), tr("new model"), tr("base model")});
  routing_ = new QLabel(page);
  routing_->setWordWrap(true);
  name_ = new QLineEdit(page);
  name_->setText("finetuned-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmm"));
  auto* tables = new QHBoxLayout;
  auto* left = new QVBoxLayout;
  left->addWidget(new QLabel(tr("Confusion (rows: labelled, columns: predicted)"), page));
  left->addWidget(confusion_);
  auto* right = new QVBoxLayout;
  right->addWidget(new QLabel(tr("Recall per class"), page));
  right->addWidget(recall_);
  tables->addLayout(left);
  tables->addLayout(right);
  auto* form = new QFormLayout;
  form->addRow(tr("Name of the new model:"), name_);
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(tables, 1);
  layout->addWidget(routing_);
  layout->addLayout(form);
  return page;
}

bool TrainWizard::askToStop() {
  if (!work_.running()) return true;
  const auto answer = QMessageBox::question(
      this, tr("Training is running"),
      tr("Stop the training? The best epoch so far is kept and the run can be resumed with "
         "`unilearn train`."));
  if (answer != QMessageBox::Yes) return false;
  cancelTraining();
  work_.wait();
  return true;
}

void TrainWizard::reject() {
  if (askToStop()) QWizard::reject();
}

void TrainWizard::closeEvent(QCloseEvent* e) {
  if (askToStop())
    QWizard::closeEvent(e);
  else
    e->ignore();
}

void TrainWizard::initializePage(int id) {
  QWizard::initializePage(id);
  if (id == kTrain) startTraining();
  if (id == kReport) buildReport();
}

bool TrainWizard::validateCurrentPage() {
  if (currentId() == kData) {
    if (job().classes.size() < 2) {
      warnings_->setText(tr("Training needs labelled segments of at least two classes."));
      return false;
    }
  }
  if (currentId() == kReport) {
    if (!result_ || !QFileInfo::exists(QString::fromStdString(result_->model_path))) return true;
    const QFileInfo p(project_path_);
    const QString dir = p.absolutePath() + "/" + p.completeBaseName() + "-models";
    QDir().mkpath(dir);
    QString name = name_->text().trimmed();
    if (name.isEmpty()) name = "finetuned";
    const QString target = dir + "/" + name + ".safetensors";
    if (QFileInfo::exists(target)) {
      QMessageBox::warning(
          this, tr("Name taken"),
          tr("A model named %1 is in the project already: choose another name.").arg(name));
      return false;
    }
    if (!QFile::copy(QString::fromStdString(result_->model_path), target)) {
      QMessageBox::warning(this, tr("Could not save the model"),
                           tr("Could not write %1 (is the disk full?).").arg(target));
      return false;
    }
    try {
      trainer::registerModel(project_path_.toStdString(), target.toStdString());
    } catch (const Error& e) {
      QMessageBox::warning(this, tr("Could not add the model"), QString::fromUtf8(e.what()));
      return false;
    }
    added_model_ = target;
    emit modelAdded(target);
  }
  return true;
}

}  // namespace unilearn::ui
