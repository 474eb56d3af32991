// The fine-tuning wizard's runs: the time estimate, the training itself and the report numbers,
// each on the wizard's background job; results come back on the GUI thread.
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QValueAxis>
#include <chrono>
#include <cmath>

#include "core/analysis/clip_model.h"
#include "core/analysis/token_routing.h"
#include "core/clip_sampling.h"
#include "model/base/error.h"
#include "ui/train_wizard.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

double nowSeconds() {
  return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

void fitAxes(QChartView* view, double max_x, double max_y) {
  const auto axes = view->chart()->axes();
  for (auto* a : axes)
    if (auto* v = qobject_cast<QValueAxis*>(a))
      v->setRange(0, v->orientation() == Qt::Horizontal ? std::max(1.0, max_x)
                                                        : std::max(0.1, max_y * 1.05));
}

// Mean expert shares per layer of a model over the first test view of each clip.
std::vector<std::vector<float>> meanRouting(core::ClipModel& model, const trainer::Dataset& data,
                                            int sampling_rate) {
  std::vector<std::vector<float>> sum;
  int n = 0;
  const auto frames = model.config().num_frames;
  for (const auto& clip : data.clips) {
    const auto view =
        core::testViews(static_cast<int64_t>(clip.frames.size()), sampling_rate, frames, 1)[0];
    std::vector<cv::Mat> crops;
    for (int64_t f : view)
      crops.push_back(clip.frames[static_cast<size_t>(f)]);
    const auto r = model.predict({crops})[0];
    if (sum.empty())
      sum.assign(r.expert_share.size(), std::vector<float>(r.expert_share[0].size()));
    for (size_t l = 0; l < sum.size(); ++l)
      for (size_t e = 0; e < sum[l].size(); ++e)
        sum[l][e] += r.expert_share[l][e];
    ++n;
  }
  for (auto& layer : sum)
    for (float& v : layer)
      v /= static_cast<float>(std::max(1, n));
  return sum;
}

}  // namespace

void TrainWizard::measureEstimate() {
  if (work_.running()) return;
  const trainer::TrainJob j = job();
  // Clips and stills the data will give: a clip per 96 labelled frames, four stills per clip.
  int64_t clips = 0;
  for (int r = 0; r < counts_->rowCount(); ++r)
    if (counts_->item(r, 1))
      clips += std::max<int64_t>(counts_->item(r, 0)->text().toLongLong(),
                                 counts_->item(r, 1)->text().toLongLong() / 96);
  estimate_->setText(tr("measuring a few real training steps…"));
  auto per_epoch = std::make_shared<double>(-1);
  auto text = std::make_shared<QString>();
  work_.start(
      [j, clips, per_epoch, text](BackgroundJob&) {
        const auto& t = j.training;
        const auto b = trainer::benchTrainSteps(t.base_model, t.train, t.video_batch, t.image_batch,
                                                2, t.device);
        const double video_steps = std::max<double>(1, std::floor(clips * 0.8 / t.video_batch));
        const double image_steps = std::floor(clips * 0.8 * 4 / t.image_batch * t.image_ratio);
        *per_epoch =
            video_steps / b.video_steps_per_second + image_steps / b.image_steps_per_second;
        *text = tr("about %1 s per epoch (%2 clip steps at %3/s, %4 still steps at %5/s; %6 MB)")
                    .arg(qRound(*per_epoch))
                    .arg(video_steps)
                    .arg(localNumber(b.video_steps_per_second, 2))
                    .arg(image_steps)
                    .arg(localNumber(b.image_steps_per_second, 2))
                    .arg(qRound(b.peak_mb));
      },
      [this, per_epoch, text](const QString& error) {
        estimate_->setText(error.isEmpty() ? *text : tr("could not measure: %1").arg(error));
        emit estimateReady(error.isEmpty() ? *per_epoch : -1);
      });
}

void TrainWizard::setPaused(bool paused) {
  paused_ = paused;
  if (pause_->isChecked() != paused) pause_->setChecked(paused);
  pause_->setText(paused ? tr("Resume") : tr("Pause"));
}

void TrainWizard::cancelTraining() {
  work_.cancel();
  paused_ = false;
}

void TrainWizard::startTraining() {
  work_.wait();
  job_ = job();
  paused_ = false;
  result_.reset();
  report_.reset();
  loss_->clear();
  train_acc_->clear();
  val_acc_->clear();
  train_page_->setDone(false);
  pause_->setEnabled(true);
  cancel_->setEnabled(true);
  train_status_->setText(tr("Reading the labelled faces…"));
  progress_->setRange(0, 0);
  started_ = nowSeconds();
  auto result = std::make_shared<std::shared_ptr<trainer::FinetuneResult>>();
  auto report = std::make_shared<Report>();
  work_.start(
      [this, j = job_, result, report](BackgroundJob& work) {
        const trainer::JobData data = trainer::loadJobData(j);
        work.post([this, clips = data.train.clips.size(), stills = data.train.images.size(),
                   val = data.val.clips.size()] {
          train_status_->setText(tr("Training on %1 clips and %2 stills; %3 validation clips.")
                                     .arg(clips)
                                     .arg(stills)
                                     .arg(val));
        });
        trainer::FinetuneCallbacks cb;
        cb.progress = [this, &work](const trainer::TrainProgress& p) {
          work.post([this, p] {
            const int64_t total = static_cast<int64_t>(p.epochs) * p.steps;
            const int64_t done = static_cast<int64_t>(p.epoch) * p.steps + p.step;
            progress_->setRange(0, static_cast<int>(total));
            progress_->setValue(static_cast<int>(done));
            loss_->append(static_cast<double>(done), p.loss);
            if (loss_->count() % 10 == 1 || done == total) {
              double top = 0;
              for (const auto& pt : loss_->points())
                top = std::max(top, pt.y());
              fitAxes(loss_view_, static_cast<double>(total), top);
            }
            const double spent = nowSeconds() - started_;
            const double left = done > 0 ? spent * static_cast<double>(total - done) / done : 0;
            eta_->setText(tr("epoch %1/%2, step %3/%4 · about %5 s left")
                              .arg(p.epoch + 1)
                              .arg(p.epochs)
                              .arg(p.step)
                              .arg(p.steps)
                              .arg(qRound(left)));
          });
        };
        cb.epoch_done = [this, &work](const trainer::EpochReport& e) {
          work.post([this, e] { onEpoch(e); });
        };
        cb.cancelled = [this, &work] {
          while (paused_ && !work.cancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          return work.cancelled();
        };
        *result = std::make_shared<trainer::FinetuneResult>(
            trainer::finetune(j.training, data.train, data.val, cb));
        // The report: the new and the base model on the validation clips, and the routing.
        if (!data.val.clips.empty() && (*result)->best_epoch >= 0) {
          report->fresh = trainer::evaluateModel((*result)->model_path, data.val,
                                                 j.training.sampling_rate, j.training.device);
          if (!trainer::isPresetOrJson(j.training.base_model)) {
            try {
              report->base = trainer::evaluateModel(j.training.base_model, data.val,
                                                    j.training.sampling_rate, j.training.device);
              report->has_base = true;
            } catch (const Error& e) {
              report->note = tr("The base model cannot be compared class by class: %1")
                                 .arg(QString::fromUtf8(e.what()));
            }
          } else {
            report->note = tr("The base model had random weights: nothing to compare with.");
          }
          auto fresh = core::ClipModel::load((*result)->model_path);
          auto base = core::ClipModel::load(j.training.base_model);
          if (fresh->config().num_experts == base->config().num_experts &&
              fresh->config().moe_layers == base->config().moe_layers) {
            report->routing_distance =
                core::routingDistance(meanRouting(*base, data.val, j.training.sampling_rate),
                                      meanRouting(*fresh, data.val, j.training.sampling_rate));
            for (int64_t b : fresh->config().moe_layers)
              report->blocks.push_back(static_cast<int>(b));
          }
        }
      },
      [this, result, report](const QString& error) { onFinished(*result, report, error); });
}

void TrainWizard::onEpoch(const trainer::EpochReport& e) {
  train_acc_->append(e.epoch + 1, e.train_accuracy);
  if (e.val.samples > 0) val_acc_->append(e.epoch + 1, e.val.war);
  fitAxes(acc_view_, job_.training.epochs, 1.0);
  train_status_->setText(tr("Epoch %1: loss %2, validation %3%4")
                             .arg(e.epoch + 1)
                             .arg(localNumber(e.loss, 4))
                             .arg(QString::fromStdString(e.val.summary(job_.classes)))
                             .arg(e.best ? tr(" (best so far)") : QString()));
}

void TrainWizard::onFinished(std::shared_ptr<trainer::FinetuneResult> r,
                             std::shared_ptr<Report> report, const QString& error) {
  result_ = std::move(r);
  report_ = std::move(report);
  pause_->setEnabled(false);
  cancel_->setEnabled(false);
  const bool ok = error.isEmpty() && result_ && result_->best_epoch >= 0;
  QString message;
  if (!error.isEmpty())
    message = tr("Training failed: %1").arg(error);
  else if (result_ && result_->cancelled)
    message = result_->best_epoch >= 0
                  ? tr("Stopped; the best epoch so far (%1) is kept.").arg(result_->best_epoch + 1)
                  : tr("Stopped before the first epoch ended: nothing to keep.");
  else if (result_)
    message = tr("Done: the best epoch was %1 (%2).")
                  .arg(result_->best_epoch + 1)
                  .arg(QString::fromStdString(result_->best.summary(result_->classes)));
  train_status_->setText(message);
  error_ = error;
  train_page_->setDone(true);
  emit trainingFinished(ok, message);
}

void TrainWizard::buildReport() {
  confusion_->clear();
  recall_->setRowCount(0);
  const auto& classes = job_.classes;
  if (!report_ || report_->fresh.clips.samples == 0) {
    routing_->setText(result_ && result_->best_epoch >= 0
                          ? tr("No validation clips (hold out some people on the Settings page "
                               "to see how the model does on faces it has not seen).")
                          : tr("There is no trained model to report on."));
    emit reportReady();
    return;
  }
  const auto& cm = report_->fresh.clips.confusion;
  QStringList names;
  for (const auto& c : classes)
    names << QString::fromStdString(c);
  confusion_->setRowCount(static_cast<int>(cm.size()));
  confusion_->setColumnCount(static_cast<int>(cm.size()));
  confusion_->setHorizontalHeaderLabels(names);
  confusion_->setVerticalHeaderLabels(names);
  for (size_t r = 0; r < cm.size(); ++r)
    for (size_t c = 0; c < cm[r].size(); ++c) {
      auto* item = new QTableWidgetItem(QString::number(cm[r][c]));
      if (r == c) item->setBackground(QColor(200, 230, 200));
      confusion_->setItem(static_cast<int>(r), static_cast<int>(c), item);
    }
  auto percent = [](double v) {
    return v < 0 ? QString("—") : QString("%1 %").arg(qRound(v * 100));
  };
  recall_->setRowCount(static_cast<int>(classes.size()) + 1);
  for (size_t c = 0; c < classes.size(); ++c) {
    recall_->setItem(static_cast<int>(c), 0, new QTableWidgetItem(names[static_cast<int>(c)]));
    recall_->setItem(static_cast<int>(c), 1,
                     new QTableWidgetItem(percent(report_->fresh.clips.recall[c])));
    recall_->setItem(static_cast<int>(c), 2,
                     new QTableWidgetItem(report_->has_base && c < report_->base.clips.recall.size()
                                              ? percent(report_->base.clips.recall[c])
                                              : QString("—")));
  }
  const int last = static_cast<int>(classes.size());
  recall_->setItem(last, 0, new QTableWidgetItem(tr("UAR / WAR")));
  recall_->setItem(last, 1,
                   new QTableWidgetItem(percent(report_->fresh.clips.uar) + " / " +
                                        percent(report_->fresh.clips.war)));
  recall_->setItem(
      last, 2,
      new QTableWidgetItem(report_->has_base ? percent(report_->base.clips.uar) + " / " +
                                                   percent(report_->base.clips.war)
                                             : QString("—")));
  QString text = report_->note;
  if (!report_->routing_distance.empty()) {
    text += (text.isEmpty() ? "" : "\n") +
            tr("How much the expert routing changed on the validation clips (0 = same experts in "
               "the same proportions, 1 = entirely different):");
    for (size_t l = 0; l < report_->routing_distance.size(); ++l)
      text += QString(" block %1: %2")
                  .arg(l < report_->blocks.size() ? report_->blocks[l] : static_cast<int>(l))
                  .arg(localNumber(static_cast<double>(report_->routing_distance[l]), 2));
  }
  routing_->setText(text);
  emit reportReady();
}

}  // namespace unilearn::ui
