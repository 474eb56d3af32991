// MainWindow's coding of a session: the in/out selection and the label, loop, split, merge and
// delete keys; the "What to label next" panel (ui/label_queue.h) and going to a suggested
// stretch so that one label key labels it; each person's neutral baseline (participant
// calibration, core/analysis/calibration.h) set from the selection, and the timeline shown
// relative to it.
#include <QMenu>
#include <QStatusBar>

#include "ui/annotation_editor.h"
#include "ui/label_queue.h"
#include "ui/main_window.h"
#include "ui/player_widget.h"
#include "ui/timeline_view.h"

namespace unilearn::ui {

void MainWindow::setInPoint() {
  in_frame_ = player_->currentFrame();
  if (out_frame_ < in_frame_) out_frame_ = -1;
  timeline_->setSelection(player_->currentMs(),
                          out_frame_ >= 0 ? timeline_->selectionEnd() : player_->currentMs());
}

void MainWindow::setOutPoint() {
  out_frame_ = player_->currentFrame();
  if (in_frame_ < 0 || in_frame_ > out_frame_) in_frame_ = out_frame_;
  timeline_->setSelection(
      in_frame_ == out_frame_ ? player_->currentMs() : timeline_->selectionStart(),
      player_->currentMs());
}

void MainWindow::labelSelection(int label_index) {
  if (!project() || media_id_ < 0 || !ensureAnnotator()) return;
  const auto labels = project()->schemeLabels(scheme_);
  if (label_index < 0 || label_index >= static_cast<int>(labels.size())) return;
  const std::string label = labels[static_cast<size_t>(label_index)];
  if (in_frame_ >= 0 && out_frame_ >= in_frame_) {
    core::Annotation a;
    a.media_id = media_id_;
    a.track_id = selectedTrack();
    a.scheme = scheme_;
    a.start_frame = in_frame_;
    a.end_frame = out_frame_;
    a.label = label;
    a.annotator = settings_.annotator().toStdString();
    if (!editor_->create(a)) return fail(editor_->lastError());
    in_frame_ = out_frame_ = -1;
    timeline_->setSelection(-1, -1);
  } else if (auto a = segmentAtPlayhead()) {
    core::Annotation b = *a;
    b.label = label;
    if (!editor_->change(*a, b, tr("Relabel as %1").arg(QString::fromStdString(label))))
      fail(editor_->lastError());
  } else {
    fail(tr("Mark a selection first: I at its start, O at its end (or stand on a segment)."));
  }
}

void MainWindow::loopSelection() {
  if (in_frame_ >= 0 && out_frame_ > in_frame_) {
    player_->setLoop(in_frame_, out_frame_);
    player_->seekFrame(in_frame_);
    player_->play();
  } else {
    player_->setLoop(-1, -1);
    statusBar()->showMessage(tr("No selection to loop (I and O mark one); looping is off"), 5000);
  }
}

void MainWindow::splitAtPlayhead() {
  if (auto a = segmentAtPlayhead(); a && !editor_->split(*a, player_->currentFrame()))
    fail(editor_->lastError());
}

void MainWindow::mergeAtPlayhead() {
  if (auto a = segmentAtPlayhead(); a && !editor_->mergeWithNext(*a)) fail(editor_->lastError());
}

void MainWindow::deleteAtPlayhead() {
  if (auto a = segmentAtPlayhead()) editor_->remove(*a);
}

void MainWindow::buildLabelQueue(QDockWidget* beside) {
  label_dock_ = new QDockWidget(tr("Label next"), this);
  label_dock_->setObjectName("label_next");
  label_queue_ = new LabelQueue(label_dock_);
  label_dock_->setWidget(label_queue_);
  addDockWidget(Qt::LeftDockWidgetArea, label_dock_);
  tabifyDockWidget(beside, label_dock_);
  connect(label_queue_, &LabelQueue::chosen, this,
          [this](const core::LabelSuggestion& s) { goToStretch(s); });
}

void MainWindow::buildLabellingMenus(QMenu* annotate, QMenu* view) {
  annotate->addSeparator();
  annotate->addAction(tr("&What to label next"), QKeySequence(Qt::CTRL | Qt::Key_J), this, [this] {
    label_dock_->show();
    label_dock_->raise();
    label_queue_->setFocus();
  });
  QAction* set = annotate->addAction(tr("Selection is the person's neutral &baseline"), this,
                                     [this] { setBaselineFromSelection(); });
  set->setToolTip(
      tr("Mark a stretch where the selected person rests with a neutral face (I and O), then "
         "choose this: their expressions can then be shown relative to it, in this and their "
         "other sessions (same name)"));
  annotate->addAction(tr("Clear the person's baseline"), this, [this] { clearBaseline(); });
  QAction* relative = view->addAction(tr("Relative to each person's &baseline"));
  relative->setCheckable(true);
  relative->setChecked(settings_.relativeToBaseline());
  relative->setToolTip(
      tr("Each person's expressions above their neutral baseline (Annotate › Selection is the "
         "person's neutral baseline); people without one are shown as they are"));
  connect(relative, &QAction::toggled, this, &MainWindow::setRelativeToBaseline);
}

void MainWindow::refreshLabelQueue() {
  label_queue_->setTimeline(project() ? shown_timeline_ : nullptr, scheme_,
                            settings_.annotator().toStdString());
}

void MainWindow::goToStretch(const core::LabelSuggestion& s) {
  if (!project() || media_id_ < 0) return;
  // The person first (the selection belongs to the selected person's lane), none for the video.
  people_->setCurrentRow(-1);
  for (int i = 0; i < people_->count(); ++i)
    if (people_->item(i)->data(Qt::UserRole).toLongLong() == s.track_id) people_->setCurrentRow(i);
  player_->pause();
  player_->seekFrame(s.start_frame);
  in_frame_ = s.start_frame;
  out_frame_ = s.end_frame;
  timeline_->setSelection(s.start_ms, s.end_ms);
  statusBar()->showMessage(tr("Selected %1 – %2: press a label key (L plays it in a loop)")
                               .arg(clockText(s.start_ms), clockText(s.end_ms)),
                           10000);
}

bool MainWindow::setBaselineFromSelection() {
  const auto track = selectedTrack();
  if (!project() || !track || in_frame_ < 0 || out_frame_ < in_frame_) {
    fail(
        tr("Select the person (People) and mark a stretch where they rest with a neutral face "
           "(I at its start, O at its end) first."));
    return false;
  }
  try {
    project()->setBaseline(*track, in_frame_, out_frame_);
  } catch (const std::exception& e) {
    fail(QString::fromUtf8(e.what()));
    return false;
  }
  statusBar()->showMessage(
      tr("%1's neutral baseline: %2 – %3%4")
          .arg(people_->currentItem()->text(), clockText(timeline_->selectionStart()),
               clockText(timeline_->selectionEnd()),
               settings_.relativeToBaseline()
                   ? QString()
                   : tr(" (View › Relative to each person's baseline shows it)")),
      10000);
  loadTimelineAsync();
  return true;
}

bool MainWindow::clearBaseline() {
  const auto track = selectedTrack();
  if (!project() || !track || !project()->clearBaseline(*track)) {
    fail(tr("The selected person has no baseline."));
    return false;
  }
  loadTimelineAsync();
  return true;
}

void MainWindow::setRelativeToBaseline(bool on) {
  settings_.setRelativeToBaseline(on);
  loadTimelineAsync();
}

}  // namespace unilearn::ui
