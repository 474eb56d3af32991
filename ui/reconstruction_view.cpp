#include "ui/reconstruction_view.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include "core/analysis/reconstruction.h"
#include "core/analysis/token_routing.h"
#include "ui/routing_style.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

constexpr int kLabel = 110, kTop = 8;

std::vector<QImage> toImages(const std::vector<cv::Mat>& v) {
  std::vector<QImage> out;
  for (const auto& m : v)
    out.push_back(imageFromBgr(m));
  return out;
}

}  // namespace

ReconstructionView::ReconstructionView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(520, 300);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addStretch(1);
  layout->addWidget(status_);
}

ReconstructionView::~ReconstructionView() = default;  // job_ waits for the work

QString ReconstructionView::status() const {
  return status_->text();
}

void ReconstructionView::show(const QString& model, const QString& project,
                              const core::AnalysisRecord& analysis,
                              const core::WindowPrediction& window, uint64_t seed) {
  if (job_.running()) job_.wait();  // a reconstruction takes a second or two
  status_->setText(
      tr("Reconstructing frames %1–%2…").arg(window.start_frame).arg(window.end_frame));
  auto result = std::make_shared<std::shared_ptr<core::Reconstruction>>();
  job_.start(
      [result, model = model.toStdString(), project = project.toStdString(), analysis, window,
       seed](BackgroundJob&) {
        auto mae = core::MaeModel::load(model);
        auto p = core::Project::open(project, false);
        const auto& e = mae->encoder();
        // The window's frames, sampled as the pre-training clips are (every 4th).
        auto crops = core::windowCrops(*p, analysis, window, static_cast<int>(e.img_size));
        crops.resize(std::min<size_t>(crops.size(), static_cast<size_t>(e.num_frames)),
                     crops.empty() ? cv::Mat() : crops.back());
        while (static_cast<int64_t>(crops.size()) < e.num_frames)
          crops.push_back(crops.back());
        *result = std::make_shared<core::Reconstruction>(mae->reconstruct(crops, seed));
      },
      [this, result](const QString& error) {
        const auto& r = *result;
        if (error.isEmpty() && r) {
          original_ = toImages(r->original);
          masked_ = toImages(r->masked);
          reconstructed_ = toImages(r->reconstructed);
          status_->setText(tr("%1 % of the patches hidden; reconstruction loss %2 (1.0 = no "
                              "better than guessing each hidden patch's average). The network "
                              "predicts each hidden patch's pattern; its average colour and "
                              "contrast are the true ones, as in MAE pictures.")
                               .arg(qRound(r->mask_ratio * 100))
                               .arg(localNumber(r->loss, 3)));
        } else {
          original_.clear();
          masked_.clear();
          reconstructed_.clear();
          status_->setText(tr("Cannot reconstruct: %1").arg(error));
        }
        update();
        emit ready(error.isEmpty() && r);
      });
}

void ReconstructionView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (original_.empty()) return;
  const int n = columns();
  const int bottom = status_->geometry().top() - 6;
  const double side = std::min((width() - kLabel - 10.0) / n, (bottom - kTop) / 3.0);
  const QString names[3] = {tr("clip"), tr("masked"), tr("reconstruction")};
  const std::vector<QImage>* rows[3] = {&original_, &masked_, &reconstructed_};
  for (int r = 0; r < 3; ++r) {
    const double y = kTop + r * side;
    p.drawText(QRectF(4, y, kLabel - 8, side), Qt::AlignVCenter | Qt::AlignRight, names[r]);
    for (int c = 0; c < n; ++c)
      p.drawImage(QRectF(kLabel + c * side, y, side - 2, side - 2),
                  (*rows[r])[static_cast<size_t>(c)]);
  }
}

}  // namespace unilearn::ui
