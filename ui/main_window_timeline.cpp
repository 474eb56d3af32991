// MainWindow's timeline: loading the selected video's timeline on a worker thread and handing it
// to the player's overlay, the timeline view, the routing views and the "Label next" panel. While
// an analysis of that video runs, the timeline comes from the analysis' TimelineStream (what it
// stored, held in memory) with only annotations and names read again; otherwise from the project.
#include <QStatusBar>

#include "core/analysis/calibration.h"
#include "core/analysis/timeline_stream.h"
#include "ui/analysis_controller.h"
#include "ui/main_window.h"
#include "ui/player_widget.h"
#include "ui/routing_panel.h"
#include "ui/timeline_data.h"
#include "ui/timeline_view.h"

namespace unilearn::ui {

void MainWindow::loadTimelineAsync() {
  if (session_->path().isEmpty() || media_id_ < 0) return;
  if (loading_) {  // load again when this one is done, so the last change is never missed
    reload_again_ = true;
    return;
  }
  loading_ = true;
  const std::string path = session_->path().toStdString();
  const int64_t media = media_id_;
  struct Loaded {
    std::shared_ptr<core::Timeline> timeline;
    TimelineData data;
    std::vector<std::string> calibration;  // what calibrateTimeline did, per person
  };
  auto loaded = std::make_shared<Loaded>();
  const bool relative = settings_.relativeToBaseline();
  std::shared_ptr<core::TimelineStream> stream = analysis_->stream();
  if (!stream || !stream->started() || stream->mediaId() != media) {
    stream.reset();
    ++database_loads_;
  }
  loader_.start(
      [path, media, loaded, relative, stream](BackgroundJob&) {
        auto p = core::Project::open(path, false);  // this thread's own connection
        std::shared_ptr<core::Timeline> t;
        if (stream) {
          t = stream->snapshot();
          core::reloadAnnotationsAndPeople(*p, *t);
        } else {
          t = std::make_shared<core::Timeline>(core::loadTimeline(*p, media));
        }
        if (relative) loaded->calibration = core::calibrateTimeline(*p, *t);
        loaded->data = timelineData(*t);
        loaded->timeline = std::move(t);
      },
      [this, loaded, media](const QString& error) {
        loading_ = false;
        if (reload_again_) {
          reload_again_ = false;
          loadTimelineAsync();
        }
        if (!error.isEmpty())
          statusBar()->showMessage(tr("Cannot load the timeline: %1").arg(error), 10000);
        const auto& t = loaded->timeline;
        if (!error.isEmpty() || !t || media != media_id_) return;
        player_->setTimeline(t);
        shown_timeline_ = t;
        timeline_->setData(std::move(loaded->data));
        routing_->setTimeline(t);
        routing_->setRange(timeline_->rangeStart(), timeline_->rangeEnd());
        refreshLabelQueue();
        if (!loaded->calibration.empty())
          statusBar()->showMessage(QString::fromStdString(loaded->calibration.front()) +
                                       (loaded->calibration.size() > 1 ? " …" : ""),
                                   10000);
        if (people_->count() != static_cast<int>(t->tracks.size())) refreshPeople();
        emit timelineLoaded();
      });
}

// While an analysis runs: the shown video's timeline again, when its stream has news.
void MainWindow::followAnalysis() {
  const auto stream = analysis_->stream();
  if (stream && stream->started() && stream->mediaId() == media_id_) loadTimelineAsync();
}

// The routing views follow the player and the selected person (else the first person).
void MainWindow::showRoutingAt(int64_t frame, int64_t ms) {
  if (shown_timeline_) routing_->showAt(frame, ms, selectedTrack());
}

}  // namespace unilearn::ui
