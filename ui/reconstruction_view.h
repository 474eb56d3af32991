// Issue 8's "reconstruction" view: a face clip from the session, the same with the pre-training
// mask applied, and the pre-training network's reconstruction, one column per temporal slice —
// for students, and for checking a pre-training run. The crops and the network run on a worker
// thread. Thread-safety: GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/storage/project.h"
#include "ui/background_job.h"

class QLabel;

namespace unilearn::ui {

class ReconstructionView : public QWidget {
  Q_OBJECT

 public:
  explicit ReconstructionView(QWidget* parent = nullptr);
  ~ReconstructionView() override;

  // The pre-training file, and the clip window of an analysis to show it on.
  void show(const QString& model, const QString& project, const core::AnalysisRecord& analysis,
            const core::WindowPrediction& window, uint64_t seed = 1);
  int columns() const { return static_cast<int>(original_.size()); }
  const std::vector<QImage>& original() const { return original_; }
  const std::vector<QImage>& masked() const { return masked_; }
  const std::vector<QImage>& reconstructed() const { return reconstructed_; }
  QString status() const;

 signals:
  void ready(bool ok);

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  BackgroundJob job_{this};
  std::vector<QImage> original_, masked_, reconstructed_;
  QLabel* status_ = nullptr;
};

}  // namespace unilearn::ui
