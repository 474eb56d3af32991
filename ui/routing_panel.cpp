#include "ui/routing_panel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/expert_class_view.h"
#include "ui/expert_usage_chart.h"
#include "ui/path_comparison.h"
#include "ui/routing_map.h"
#include "ui/routing_tracer.h"
#include "ui/token_routing_view.h"

namespace unilearn::ui {

QString RoutingPanel::explanation() {
  return tr(
      "UniLearn cuts a clip into tokens (16×16-pixel patches over two frames: 10×10 per temporal "
      "slice, 8 slices). In each of its last six blocks a <b>router</b> scores every token and "
      "sends it to its <b>top-k</b> (here 2) <b>experts</b>, small adapter networks next to the "
      "block's main MLP; the <b>gate weight</b> says how much each chosen expert's output counts "
      "(a token's weights sum to 1). Experts that specialise — on face regions, on motion, on "
      "stills versus clips — show up as patterns below.");
}

RoutingPanel::RoutingPanel(QWidget* parent) : QWidget(parent) {
  auto* intro = new QLabel(explanation(), this);
  intro->setWordWrap(true);
  intro->setTextFormat(Qt::RichText);
  QFont small = intro->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  intro->setFont(small);

  layer_ = new QComboBox(this);
  slice_ = new QSlider(Qt::Horizontal, this);
  slice_->setRange(0, 7);
  slice_->setPageStep(1);
  slice_->setToolTip(tr("Temporal slice: two frames of the 16"));
  play_ = new QPushButton(tr("Animate"), this);
  play_->setCheckable(true);
  group_by_ = new QComboBox(this);
  group_by_->addItem(tr("by predicted class"), "predicted");
  group_by_->addItem(tr("by annotated class"), "annotated");
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Layer:"), this));
  controls->addWidget(layer_);
  controls->addWidget(new QLabel(tr("Slice:"), this));
  controls->addWidget(slice_, 1);
  controls->addWidget(play_);
  controls->addWidget(group_by_);

  map_ = new RoutingMap(this);
  face_ = new TokenRoutingView(this);
  details_ = new QLabel(tr("Click a patch to see its experts in every layer; click an expert "
                           "below the face to show only its tokens."),
                        this);
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* face_page = new QWidget(this);
  auto* face_layout = new QVBoxLayout(face_page);
  face_layout->setContentsMargins(0, 0, 0, 0);
  face_layout->addWidget(face_, 1);
  face_layout->addWidget(details_);
  usage_ = new ExpertUsageChart(this);
  classes_ = new ExpertClassView(this);
  paths_ = new PathComparison(this);
  tabs_ = new QTabWidget(this);
  tabs_->addTab(map_, tr("Clip"));
  tabs_->addTab(face_page, tr("On the face"));
  tabs_->addTab(usage_, tr("Over time"));
  tabs_->addTab(classes_, tr("By emotion"));
  tabs_->addTab(paths_, tr("Image vs clip"));

  status_ = new QLabel(this);
  auto* png = new QPushButton(tr("PNG…"), this);
  auto* svg = new QPushButton(tr("SVG…"), this);
  auto* csv = new QPushButton(tr("CSV…"), this);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(status_, 1);
  bottom->addWidget(png);
  bottom->addWidget(svg);
  bottom->addWidget(csv);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(controls);
  layout->addWidget(tabs_, 1);
  layout->addLayout(bottom);

  tracer_ = new RoutingTracer(this);
  debounce_.setSingleShot(true);
  debounce_.setInterval(150);
  animate_.setInterval(400);
  connect(&debounce_, &QTimer::timeout, this, &RoutingPanel::requestTraceIfShown);
  connect(&animate_, &QTimer::timeout, this,
          [this] { setSlice((slice_->value() + 1) % (slice_->maximum() + 1)); });
  connect(play_, &QPushButton::toggled, this, &RoutingPanel::setAnimating);
  connect(slice_, &QSlider::valueChanged, this, &RoutingPanel::setSlice);
  connect(layer_, &QComboBox::currentIndexChanged, this, &RoutingPanel::setLayer);
  connect(group_by_, &QComboBox::currentIndexChanged, this, [this] {
    matrix_stale_ = true;
    requestMatrixIfShown();
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    updateControls();
    requestTraceIfShown();
    requestMatrixIfShown();
  });
  connect(usage_, &ExpertUsageChart::seekRequested, this, &RoutingPanel::seekRequested);
  connect(face_, &TokenRoutingView::patchSelected, this,
          [this](int row, int col) { details_->setText(face_->patchDetails(row, col)); });
  connect(tracer_, &RoutingTracer::traced, this,
          [this](qint64 id, std::shared_ptr<const core::TokenRouting> clip,
                 std::shared_ptr<const core::TokenRouting> still, double ms) {
            traced_window_ = id;
            face_->setRouting(clip, tr("Clip at the playhead"));
            paths_->setRoutings(still, clip);
            setStatus(tr("Traced frames %1–%2 in %3 ms")
                          .arg(window_ ? window_->start_frame : 0)
                          .arg(window_ ? window_->end_frame : 0)
                          .arg(qRound(ms)));
            emit traceShown(id);
          });
  connect(tracer_, &RoutingTracer::traceFailed, this, [this](qint64 id, const QString& message) {
    traced_window_ = id;
    face_->clear();
    paths_->clear();
    setStatus(tr("Cannot trace this clip: %1").arg(message));
    emit traceShown(id);
  });
  connect(tracer_, &RoutingTracer::matrixReady, this,
          [this](std::shared_ptr<const core::ExpertClassMatrix> m, const QString& by) {
            classes_->setMatrix(*m, by, blocks());
            classes_->setLayer(std::max(0, layer_->currentIndex()));
            emit matrixShown();
          });
  connect(tracer_, &RoutingTracer::matrixFailed, this,
          [this](const QString& message) { setStatus(message); });
  connect(png, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getSaveFileName(this, tr("Export view"), "routing.png",
                                                   tr("PNG image (*.png)"));
    if (!f.isEmpty() && !exportCurrent(f)) setStatus(error_);
  });
  connect(svg, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getSaveFileName(this, tr("Export view"), "routing.svg",
                                                   tr("SVG drawing (*.svg)"));
    if (!f.isEmpty() && !exportCurrent(f)) setStatus(error_);
  });
  connect(csv, &QPushButton::clicked, this, [this] {
    const QString f =
        QFileDialog::getSaveFileName(this, tr("Export numbers"), "routing.csv", tr("CSV (*.csv)"));
    if (!f.isEmpty() && !exportCurrent(f)) setStatus(error_);
  });
  updateControls();
}

RoutingPanel::~RoutingPanel() = default;

void RoutingPanel::setProject(const QString& path) {
  project_path_ = path;
  timeline_.reset();
  window_.reset();
  traced_window_ = requested_window_ = -1;
  matrix_stale_ = true;
  map_->clear();
  face_->clear();
  paths_->clear();
  usage_->setWindows({}, {}, {});
  classes_->setMatrix({}, group_by_->currentData().toString(), {});
  requestMatrixIfShown();
}

std::vector<int> RoutingPanel::blocks() const {
  return timeline_ ? timeline_->moe_blocks : std::vector<int>{};
}

void RoutingPanel::setTimeline(std::shared_ptr<const core::Timeline> timeline) {
  timeline_ = std::move(timeline);
  matrix_stale_ = true;
  const int keep = layer_->currentIndex();
  layer_->blockSignals(true);
  layer_->clear();
  for (int b : blocks())
    layer_->addItem(tr("block %1").arg(b));
  layer_->setCurrentIndex(std::clamp(keep, 0, std::max(0, layer_->count() - 1)));
  layer_->blockSignals(false);
  showAt(-1, -1, track_);
  requestMatrixIfShown();
}

void RoutingPanel::setAnnotator(const QString& annotator) {
  annotator_ = annotator;
  matrix_stale_ = true;
}

void RoutingPanel::showAt(int64_t frame, int64_t ms, std::optional<int64_t> person) {
  const bool person_changed = person != track_;
  track_ = person;
  const core::TrackTimeline* track = nullptr;
  if (timeline_)
    for (const auto& tt : timeline_->tracks)
      if (!track || (person && tt.track.id == *person)) track = &tt;
  if (track && (person_changed || usage_->layers() == 0 || frame < 0))
    usage_->setWindows(track->windows, blocks(),
                       QString::fromStdString(core::personName(track->track)));
  if (ms >= 0) usage_->setPlayhead(ms);
  if (frame < 0) frame = window_ ? (window_->start_frame + window_->end_frame) / 2 : 0;
  const core::WindowPrediction* best = nullptr;
  if (track)
    for (const auto& w : track->windows)
      if (w.start_frame <= frame && frame <= w.end_frame && !w.expert_share.empty() &&
          (!best || std::abs((w.start_frame + w.end_frame) / 2 - frame) <
                        std::abs((best->start_frame + best->end_frame) / 2 - frame)))
        best = &w;
  if (!best) {
    if (window_) {
      window_.reset();
      map_->clear();
    }
    return;
  }
  if (window_ && window_->id == best->id) return;
  window_ = *best;
  map_->setWindow(*best, blocks());
  debounce_.start();
}

void RoutingPanel::requestTraceIfShown() {
  if (!window_ || !timeline_ || !timeline_->analysis || project_path_.isEmpty()) return;
  if (tab() != kFace && tab() != kPaths) return;
  if (window_->id == traced_window_ || window_->id == requested_window_) return;
  requested_window_ = window_->id;
  setStatus(tr("Tracing frames %1–%2…").arg(window_->start_frame).arg(window_->end_frame));
  tracer_->trace(project_path_, *timeline_->analysis, *window_);
}

void RoutingPanel::requestMatrixIfShown() {
  if (tab() != kByEmotion || !matrix_stale_ || project_path_.isEmpty()) return;
  matrix_stale_ = false;
  tracer_->computeMatrix(project_path_, group_by_->currentData().toString(), annotator_);
}

void RoutingPanel::setRange(double t0, double t1) {
  usage_->setRange(t0, t1);
}

void RoutingPanel::setTab(Tab tab) {
  tabs_->setCurrentIndex(static_cast<int>(tab));
}

RoutingPanel::Tab RoutingPanel::tab() const {
  return static_cast<Tab>(tabs_->currentIndex());
}

void RoutingPanel::setLayer(int layer) {
  if (layer < 0) return;
  if (layer_->currentIndex() != layer && layer < layer_->count()) layer_->setCurrentIndex(layer);
  face_->setLayer(layer);
  paths_->setLayer(layer);
  classes_->setLayer(
      std::min(layer, std::max(0, static_cast<int>(classes_->matrix().share.size()) - 1)));
}

void RoutingPanel::setSlice(int slice) {
  if (slice_->value() != slice) slice_->setValue(slice);  // comes back here once
  face_->setSlice(slice);
  paths_->setSlice(slice);
}

void RoutingPanel::setAnimating(bool on) {
  if (play_->isChecked() != on) play_->setChecked(on);
  if (on)
    animate_.start();
  else
    animate_.stop();
}

void RoutingPanel::updateControls() {
  const Tab t = tab();
  slice_->setEnabled(t == kFace || t == kPaths);
  play_->setEnabled(t == kFace || t == kPaths);
  layer_->setEnabled(t == kFace || t == kPaths || t == kByEmotion);
  group_by_->setVisible(t == kByEmotion);
  if (!play_->isEnabled()) setAnimating(false);
}

void RoutingPanel::setStatus(const QString& text) {
  status_->setText(text);
}

QString RoutingPanel::status() const {
  return status_->text();
}

QWidget* RoutingPanel::currentView() const {
  switch (tab()) {
    case kMap:
      return map_;
    case kFace:
      return face_;
    case kOverTime:
      return usage_;
    case kByEmotion:
      return classes_;
    case kPaths:
      return paths_;
  }
  return map_;
}

QString RoutingPanel::currentCsv() const {
  switch (tab()) {
    case kMap:
      return map_->toCsv();
    case kFace:
      return face_->toCsv();
    case kOverTime:
      return usage_->toCsv();
    case kByEmotion:
      return classes_->toCsv();
    case kPaths:
      return paths_->toCsv();
  }
  return {};
}

bool RoutingPanel::exportCurrent(const QString& path) {
  error_.clear();
  bool ok = false;
  if (path.endsWith(".csv", Qt::CaseInsensitive)) {
    QFile f(path);
    const QByteArray bytes = currentCsv().toUtf8();
    ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size() &&
         f.flush();
    if (!ok) error_ = tr("Could not write %1: %2").arg(path, f.errorString());
    return ok;
  }
  switch (tab()) {
    case kMap:
      ok = map_->exportPicture(path);
      break;
    case kFace:
      ok = face_->exportPicture(path);
      break;
    case kOverTime:
      ok = usage_->exportPicture(path);
      break;
    case kByEmotion:
      ok = classes_->exportPicture(path);
      break;
    case kPaths:
      ok = paths_->exportPicture(path);
      break;
  }
  if (!ok) error_ = tr("Could not write the picture %1 (is the folder writable?)").arg(path);
  return ok;
}

}  // namespace unilearn::ui
