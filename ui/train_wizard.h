// The fine-tuning wizard (issue 7): 1 data — scheme, whose labels count, class counts per person
// with warnings; 2 model — base model, what to train, the device and a time-per-epoch estimate
// measured on real steps; 3 settings — quick / standard / paper presets and the advanced values;
// 4 training — live loss and accuracy charts, progress, ETA, pause and cancel (cancel keeps the
// best epoch); 5 report — confusion matrix, per-class recall of the new and the base model on the
// validation clips, how the routing changed, a name, and the model added to the project.
// Training and measurements run on a worker thread with the trainer (no Qt below ui/); closing
// the wizard during a run asks first. Thread-safety: GUI thread only.
#pragma once

#include <QWizard>
#include <atomic>
#include <memory>
#include <vector>

#include "trainer/finetune.h"
#include "trainer/train_job.h"
#include "ui/background_job.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QLineSeries;
class QChartView;

namespace unilearn::ui {

// The wizard's training page: complete once the run has ended.
class TrainingPage : public QWizardPage {
  Q_OBJECT

 public:
  using QWizardPage::QWizardPage;
  bool isComplete() const override { return done_; }
  void setDone(bool done) {
    done_ = done;
    emit completeChanged();
  }

 private:
  bool done_ = false;
};

class TrainWizard : public QWizard {
  Q_OBJECT

 public:
  enum PageId { kData, kModel, kSettings, kTrain, kReport };

  explicit TrainWizard(const QString& project_path, QWidget* parent = nullptr);
  ~TrainWizard() override;

  // The choices as a training job (what `unilearn train` would run).
  trainer::TrainJob job() const;
  void setBaseModel(const QString& spec);  // adds it to the list when missing, and selects it
  void applyPreset(const QString& name);   // "quick", "standard" or "paper"
  bool running() const { return work_.running(); }
  void setPaused(bool paused);
  void cancelTraining();
  // What the report page shows, computed on the worker thread after training.
  struct Report {
    trainer::Evaluation fresh, base;
    bool has_base = false;
    std::vector<float> routing_distance;  // per MoE layer, base vs new, on the validation clips
    std::vector<int> blocks;
    QString note;
  };

  const trainer::FinetuneResult* result() const { return result_.get(); }
  const Report* report() const { return report_.get(); }
  QString addedModel() const { return added_model_; }  // the file added to the project
  QString error() const { return error_; }

  // Widgets, for tests and for people.
  QComboBox* scheme() const { return scheme_; }
  QListWidget* annotators() const { return annotators_; }
  QTableWidget* counts() const { return counts_; }
  QLabel* warnings() const { return warnings_; }
  QComboBox* baseModel() const { return base_; }
  QComboBox* trainWhat() const { return train_what_; }
  QLabel* device() const { return device_; }
  QLabel* estimate() const { return estimate_; }
  QSpinBox* epochs() const { return epochs_; }
  QDoubleSpinBox* learningRate() const { return lr_; }
  QProgressBar* progress() const { return progress_; }
  QLabel* eta() const { return eta_; }
  QChartView* lossChart() const { return loss_view_; }
  int lossPoints() const;
  QTableWidget* confusion() const { return confusion_; }
  QTableWidget* recall() const { return recall_; }
  QLabel* routingChange() const { return routing_; }
  QLineEdit* modelName() const { return name_; }

 public slots:
  void measureEstimate();
  void refreshCounts();

 signals:
  void estimateReady(double seconds_per_epoch);
  void trainingFinished(bool ok, const QString& message);
  void reportReady();
  void modelAdded(const QString& path);

 protected:
  void reject() override;
  void closeEvent(QCloseEvent* e) override;
  void initializePage(int id) override;
  bool validateCurrentPage() override;

 private:
  QWizardPage* dataPage();
  QWizardPage* modelPage();
  QWizardPage* settingsPage();
  QWizardPage* trainPage();
  QWizardPage* reportPage();
  void startTraining();
  void onEpoch(const trainer::EpochReport& e);
  void onFinished(std::shared_ptr<trainer::FinetuneResult> r, std::shared_ptr<Report> report,
                  const QString& error);
  void buildReport();
  bool askToStop();

  QString project_path_;
  BackgroundJob work_{this};  // measurement or training
  std::atomic<bool> paused_{false};
  std::shared_ptr<trainer::FinetuneResult> result_;
  std::shared_ptr<Report> report_;
  trainer::TrainJob job_;  // the job being run
  QString added_model_, error_;
  int64_t steps_per_epoch_ = 0;
  double started_ = 0;  // seconds since epoch of the run's start (ETA)

  QComboBox *scheme_ = nullptr, *base_ = nullptr, *train_what_ = nullptr, *preset_ = nullptr;
  QListWidget* annotators_ = nullptr;
  QTableWidget *counts_ = nullptr, *confusion_ = nullptr, *recall_ = nullptr;
  QLabel *warnings_ = nullptr, *device_ = nullptr, *estimate_ = nullptr, *eta_ = nullptr,
         *train_status_ = nullptr, *routing_ = nullptr;
  QSpinBox *epochs_ = nullptr, *video_batch_ = nullptr, *image_batch_ = nullptr, *seed_ = nullptr;
  QDoubleSpinBox *lr_ = nullptr, *val_fraction_ = nullptr;
  QCheckBox *mixup_ = nullptr, *aux_loss_ = nullptr, *augment_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton *pause_ = nullptr, *cancel_ = nullptr;
  QLineSeries *loss_ = nullptr, *train_acc_ = nullptr, *val_acc_ = nullptr;
  QChartView *loss_view_ = nullptr, *acc_view_ = nullptr;
  QLineEdit* name_ = nullptr;
  TrainingPage* train_page_ = nullptr;
};

}  // namespace unilearn::ui
