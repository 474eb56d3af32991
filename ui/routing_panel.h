// The Routing dock (issue 6): five views of how UniLearn's Mixture of Adapter Experts routes,
// linked to the player's time and the selected person — the layer × expert map of the clip
// window at the playhead, token routing on the face, expert usage over time, the expert × emotion
// matrix of the project, and the image path next to the clip path — with a short explanation,
// shared layer / temporal slice controls (and animation through the slices), and export of the
// shown view as PNG, SVG or CSV. Token-level views re-run the analysis' model on the window
// (RoutingTracer) only while they are shown. Thread-safety: GUI thread only.
#pragma once

#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

#include "core/analysis/timeline.h"
#include "core/analysis/token_routing.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;

namespace unilearn::ui {

class ExpertClassView;
class ExpertUsageChart;
class PathComparison;
class RoutingMap;
class RoutingTracer;
class TokenRoutingView;

class RoutingPanel : public QWidget {
  Q_OBJECT

 public:
  enum Tab { kMap, kFace, kOverTime, kByEmotion, kPaths };

  explicit RoutingPanel(QWidget* parent = nullptr);
  ~RoutingPanel() override;

  void setProject(const QString& path);  // clears everything
  void setTimeline(std::shared_ptr<const core::Timeline> timeline);
  // The window of `person` (else the first person) nearest `frame` that contains it.
  void showAt(int64_t frame, int64_t ms, std::optional<int64_t> person);
  void setRange(double t0_ms, double t1_ms);    // the emotion timeline's visible range
  void setAnnotator(const QString& annotator);  // whose labels the "annotated" matrix uses

  void setTab(Tab tab);
  Tab tab() const;
  void setLayer(int layer);
  void setSlice(int slice);
  void setAnimating(bool on);
  bool animating() const { return animate_.isActive(); }

  // Export of the shown view: .png/.svg picture or .csv numbers. False with lastError() set.
  bool exportCurrent(const QString& path);
  const QString& lastError() const { return error_; }
  QString currentCsv() const;
  QWidget* currentView() const;

  RoutingMap* map() const { return map_; }
  TokenRoutingView* face() const { return face_; }
  ExpertUsageChart* usage() const { return usage_; }
  ExpertClassView* classes() const { return classes_; }
  PathComparison* paths() const { return paths_; }
  const std::optional<core::WindowPrediction>& window() const { return window_; }
  QString status() const;

  static QString explanation();

 signals:
  void seekRequested(qint64 ms);
  void traceShown(qint64 window_id);  // token views updated for this window
  void matrixShown();

 private:
  void requestTraceIfShown();
  void requestMatrixIfShown();
  void updateControls();
  void setStatus(const QString& text);
  std::vector<int> blocks() const;

  QString project_path_, annotator_, error_;
  std::shared_ptr<const core::Timeline> timeline_;
  std::optional<core::WindowPrediction> window_;
  std::optional<int64_t> track_;
  int64_t traced_window_ = -1, requested_window_ = -1;
  bool matrix_stale_ = true;

  QTabWidget* tabs_ = nullptr;
  QComboBox *layer_ = nullptr, *group_by_ = nullptr;
  QSlider* slice_ = nullptr;
  QPushButton* play_ = nullptr;
  QLabel *status_ = nullptr, *details_ = nullptr;
  RoutingMap* map_ = nullptr;
  TokenRoutingView* face_ = nullptr;
  ExpertUsageChart* usage_ = nullptr;
  ExpertClassView* classes_ = nullptr;
  PathComparison* paths_ = nullptr;
  RoutingTracer* tracer_ = nullptr;
  QTimer debounce_, animate_;
};

}  // namespace unilearn::ui
