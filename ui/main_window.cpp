#include "ui/main_window.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <chrono>

#include <QPainter>
#include <QSvgGenerator>
#include <fstream>
#include <sstream>

#include "core/analysis/agreement.h"
#include "core/analysis/analyzer.h"
#include "core/analysis/calibration.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/timeline.h"
#include "core/analysis/timeline_stream.h"
#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/export/importer.h"
#include "core/resources.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/config.h"
#include "model/precision.h"
#include "model/runtime.h"
#include "ui/analysis_controller.h"
#include "ui/annotation_editor.h"
#include "ui/exchange_controller.h"
#include "ui/model_manager.h"
#include "ui/player_widget.h"
#include "ui/routing_panel.h"
#include "ui/session_controller.h"
#include "ui/timeline_data.h"
#include "ui/timeline_view.h"
#include "ui/translation.h"
#include "ui/webcam_view.h"

namespace unilearn::ui {

MainWindow::MainWindow(Settings& settings, QWidget* parent)
    : QMainWindow(parent), settings_(settings) {
  setWindowTitle(tr("UniLearn Studio"));
  setAcceptDrops(true);
  player_ = new PlayerWidget(this);
  timeline_ = new TimelineView(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(timeline_);
  scroll->setWidgetResizable(true);
  auto* split = new QSplitter(Qt::Vertical, this);
  // The label keys on screen, under the video, where the annotating hand needs them.
  auto* above = new QWidget(this);
  auto* above_layout = new QVBoxLayout(above);
  above_layout->setContentsMargins(0, 0, 0, 0);
  above_layout->setSpacing(2);
  above_layout->addWidget(player_, 1);
  key_legend_ = new QLabel(this);
  key_legend_->setObjectName("key_legend");
  key_legend_->setWordWrap(true);
  key_legend_->setTextFormat(Qt::RichText);
  above_layout->addWidget(key_legend_);
  split->addWidget(above);
  split->addWidget(scroll);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({480, 360});  // room for a lane of the timeline under the video
  webcam_ = new WebcamView(this);
  auto* tabs = new QTabWidget(this);
  // The start page until a project is open: what one can do first, in plain words.
  welcome_ = new QWidget(this);
  welcome_->setObjectName("welcome");
  auto* intro = new QVBoxLayout(welcome_);
  intro->addStretch(1);
  auto* title = new QLabel(tr("<h2>UniLearn Studio</h2>"
                              "<p>Emotions in faces, frame by frame and clip by clip — for your "
                              "recorded sessions, live from a webcam, and for exploring how the "
                              "model decides.</p>"),
                           welcome_);
  title->setWordWrap(true);
  title->setAlignment(Qt::AlignCenter);
  intro->addWidget(title);
  auto* first = new QHBoxLayout;
  first->addStretch(1);
  for (auto [text, slot] : std::initializer_list<std::pair<QString, void (MainWindow::*)()>>{
           {tr("New project…"), &MainWindow::askNewProject},
           {tr("Open project…"), &MainWindow::askOpenProject}}) {
    auto* b = new QPushButton(text, welcome_);
    connect(b, &QPushButton::clicked, this, slot);
    first->addWidget(b);
  }
  auto* live = new QPushButton(tr("Try the webcam"), welcome_);
  connect(live, &QPushButton::clicked, this, [tabs, this] { tabs->setCurrentWidget(webcam_); });
  first->addWidget(live);
  first->addStretch(1);
  intro->addLayout(first);
  welcome_recent_ = new QVBoxLayout;
  intro->addLayout(welcome_recent_);
  auto* hint = new QLabel(tr("Then add videos (File › Add videos, or drop them here) and analyse "
                             "them. Help › First session walks through a whole session; F1 lists "
                             "the keys."),
                          welcome_);
  hint->setWordWrap(true);
  hint->setAlignment(Qt::AlignCenter);
  intro->addWidget(hint);
  intro->addStretch(2);
  session_stack_ = new QStackedWidget(this);
  session_stack_->addWidget(welcome_);
  session_stack_->addWidget(split);
  tabs->addTab(session_stack_, tr("Session"));
  tabs->addTab(webcam_, tr("Webcam"));
  setCentralWidget(tabs);
  connect(webcam_, &WebcamView::sessionEnded, this, [this] { refreshVideos(); });

  videos_ = new QListWidget(this);
  people_ = new QListWidget(this);
  auto* videos_dock = new QDockWidget(tr("Videos"), this);
  videos_dock->setObjectName("videos");
  videos_dock->setWidget(videos_);
  auto* people_dock = new QDockWidget(tr("People"), this);
  people_dock->setObjectName("people");
  people_dock->setWidget(people_);
  auto* model_dock = new QDockWidget(tr("Models"), this);
  model_dock->setObjectName("models");
  models_ = new ModelManager(settings_, model_dock);
  model_dock->setWidget(models_);
  connect(models_, &ModelManager::modelChosen, this, [this](const QString& m) {
    model_label_->setText(tr("Model: %1 · CPU, %2 threads").arg(m).arg(runtimeThreads()));
  });
  addDockWidget(Qt::LeftDockWidgetArea, videos_dock);
  addDockWidget(Qt::LeftDockWidgetArea, people_dock);
  addDockWidget(Qt::LeftDockWidgetArea, model_dock);
  auto* routing_dock = new QDockWidget(tr("Routing"), this);
  routing_dock->setObjectName("routing");
  routing_ = new RoutingPanel(routing_dock);
  // Scrolls rather than holding the dock (and with it the video) at its views' full width.
  auto* routing_scroll = new QScrollArea(routing_dock);
  routing_scroll->setWidget(routing_);
  routing_scroll->setWidgetResizable(true);
  routing_dock->setWidget(routing_scroll);
  addDockWidget(Qt::LeftDockWidgetArea, routing_dock);
  tabifyDockWidget(people_dock, routing_dock);
  tabifyDockWidget(people_dock, model_dock);
  buildLabelQueue(people_dock);
  people_dock->raise();

  model_label_ = new QLabel(this);
  speed_label_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(220);
  progress_->setVisible(false);
  statusBar()->addPermanentWidget(speed_label_);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(model_label_);
  model_label_->setText(
      tr("Model: %1 · CPU, %2 threads").arg(settings_.defaultModel()).arg(runtimeThreads()));

  connect(player_, &PlayerWidget::frameShown, timeline_, [this](qint64 frame, qint64 ms) {
    timeline_->setPlayhead(ms);
    showRoutingAt(frame, ms);
  });
  connect(timeline_, &TimelineView::rangeChanged, routing_, &RoutingPanel::setRange);
  connect(routing_, &RoutingPanel::seekRequested, player_,
          [this](qint64 ms) { player_->seekMs(ms); });
  connect(people_, &QListWidget::currentRowChanged, this, [this] {
    showRoutingAt(player_->currentFrame(), timeline_->playhead());
    timeline_->setSelectionTrack(selectedTrack());  // the person a label of the selection gets
  });
  connect(timeline_, &TimelineView::seekRequested, player_,
          [this](qint64 ms) { player_->seekMs(ms); });
  connect(videos_, &QListWidget::currentRowChanged, this, &MainWindow::selectVideo);
  connect(timeline_, &TimelineView::annotationEdgeMoved, this,
          [this](qint64 id, bool start_edge, qint64 ms) {
            if (!project()) return;
            const auto before = project()->annotation(id);
            if (!before) return;
            core::Annotation after = *before;
            const int64_t frame = player_->frameAtMs(ms);
            if (start_edge)
              after.start_frame = std::min(frame, before->end_frame);
            else
              after.end_frame = std::max(frame - 1, before->start_frame);  // ms is the end
            if (after.start_frame == before->start_frame && after.end_frame == before->end_frame)
              return;
            if (!editor_->change(*before, after, tr("Move segment edge")))
              fail(editor_->lastError());
          });
  connect(people_, &QListWidget::itemDoubleClicked, this, [this] { askRenamePerson(); });
  editor_ = new AnnotationEditor(nullptr, this);
  connect(editor_, &AnnotationEditor::changed, this, [this](qint64 media) {
    if (media != media_id_) return;
    refreshPeople();
    loadTimelineAsync();
  });
  timeline_->setAnnotators(settings_.annotator().toStdString(), "");
  session_ = new SessionController(this);
  connect(session_, &SessionController::closing, this, &MainWindow::releaseProject);
  exchange_ = new ExchangeController(this);
  reports_ = new ReportsController(this);
  if (qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")  // no dialogs in headless runs
    exchange_->setAskSubjects(
        [this](const std::vector<std::string>& unknown) { return askSubjectMapping(unknown); });
  analysis_ = new AnalysisController(this);
  connect(analysis_, &AnalysisController::progress, this,
          [this](int64_t frame, int64_t frames, double fps, const QString& prefix) {
            progress_->setMaximum(static_cast<int>(std::max<int64_t>(1, frames)));
            progress_->setValue(static_cast<int>(frame));
            speed_label_->setText(prefix + tr("%1 frames/s").arg(localNumber(fps, 1)));
          });
  connect(analysis_, &AnalysisController::finished, this, &MainWindow::analysisEnded);
  reload_.setInterval(1000);
  connect(&reload_, &QTimer::timeout, this, &MainWindow::followAnalysis);
  buildMenus();
  if (!restoreGeometry(settings_.windowGeometry())) resize(1280, 860);
  // Side panels start narrow: the video and the timeline get the width.
  if (!restoreState(settings_.windowState()))
    resizeDocks({videos_dock, people_dock}, {280, 280}, Qt::Horizontal);
}

MainWindow::~MainWindow() {
  analysis_->cancel();
  analysis_->wait();
  loader_.wait();
}

void MainWindow::fail(const QString& message) {
  error_ = message;
  if (isVisible() && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
    QMessageBox::warning(this, tr("UniLearn Studio"), message);
  statusBar()->showMessage(message, 10000);
}

bool MainWindow::openProject(const QString& path, bool create) {
  if (analysis_->running()) {
    fail(tr("An analysis is running; cancel it before opening another project."));
    return false;
  }
  if (!session_->open(path, create)) {  // the open project, if any, stays as it is
    fail(session_->lastError());
    return false;
  }
  editor_->setProject(project());
  rebuildSchemeMenus();
  showWelcome(false);
  webcam_->setProjectPath(session_->path());
  models_->setProject(project(), session_->path());
  routing_->setProject(session_->path());
  routing_->setAnnotator(settings_.annotator());
  settings_.addRecentProject(session_->path());
  updateRecentMenu();
  setWindowTitle(tr("%1 — UniLearn Studio").arg(QFileInfo(path).fileName()));
  refreshVideos();
  if (videos_->count() > 0) videos_->setCurrentRow(0);
  return true;
}

bool MainWindow::renamePerson(int64_t track, const QString& name) {
  if (!project() || name.trimmed().isEmpty()) return false;
  if (!editor_->renamePerson(media_id_, track, name.trimmed().toStdString())) {
    fail(editor_->lastError());
    return false;
  }
  return true;
}

void MainWindow::askRenamePerson() {
  QListWidgetItem* item = people_->currentItem();
  if (!item || !project()) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename person"), tr("Name:"),
                                             QLineEdit::Normal, item->text(), &ok);
  if (ok) renamePerson(item->data(Qt::UserRole).toLongLong(), name);
}

bool MainWindow::locateVideo(int64_t media_id, const QString& file) {
  if (!session_->locate(media_id, file)) {
    if (!session_->lastError().isEmpty()) fail(session_->lastError());
    return false;
  }
  for (int i = 0; i < videos_->count(); ++i)
    if (videos_->item(i)->data(Qt::UserRole).toLongLong() == media_id)
      videos_->item(i)->setToolTip(QFileInfo(file).absoluteFilePath());
  return true;
}

void MainWindow::closeProject() {
  session_->close();  // closing(): releaseProject() below, while the project still exists
}

void MainWindow::releaseProject() {
  cancelAnalysis();
  player_->close();
  timeline_->setData({});
  editor_->setProject(nullptr);
  models_->setProject(nullptr, QString());
  routing_->setProject(QString());
  shown_timeline_.reset();
  refreshLabelQueue();
  webcam_->stop();
  webcam_->setProjectPath(QString());
  showWelcome(true);
  media_id_ = -1;
  in_frame_ = out_frame_ = -1;
  timeline_->setSelection(-1, -1);
  videos_->clear();
  people_->clear();
  setWindowTitle(tr("UniLearn Studio"));
}

bool MainWindow::addVideos(const QStringList& paths) {
  const bool ok = session_->addVideos(paths);
  if (project()) {
    refreshVideos();
    if (videos_->currentRow() < 0 && videos_->count() > 0) videos_->setCurrentRow(0);
  }
  if (!ok) fail(session_->lastError());
  return ok;
}

void MainWindow::refreshVideos() {
  const QSignalBlocker block(videos_);
  const int row = videos_->currentRow();
  videos_->clear();
  if (!project()) return;
  for (const auto& m : project()->media()) {
    auto* item = new QListWidgetItem(QFileInfo(QString::fromStdString(m.path)).fileName());
    item->setData(Qt::UserRole, static_cast<qlonglong>(m.id));
    item->setToolTip(QString::fromStdString(m.path));
    videos_->addItem(item);
  }
  if (row >= 0 && row < videos_->count()) videos_->setCurrentRow(row);
}

void MainWindow::refreshPeople() {
  const auto selected = selectedTrack();  // kept across the refresh
  const QSignalBlocker block(people_);
  people_->clear();
  if (!project() || media_id_ < 0) return;
  for (const auto& t : project()->tracks(media_id_)) {
    auto* item = new QListWidgetItem(QString::fromStdString(core::personName(t)));
    item->setData(Qt::UserRole, static_cast<qlonglong>(t.id));
    item->setToolTip(tr("Double-click to rename"));
    people_->addItem(item);
    if (selected && *selected == t.id) people_->setCurrentItem(item);
  }
}

void MainWindow::selectVideo(int row) {
  if (!project() || row < 0 || row >= videos_->count()) return;
  media_id_ = videos_->item(row)->data(Qt::UserRole).toLongLong();
  QString path = videos_->item(row)->toolTip();
  bool moved = false;
  if (const QString file = session_->videoFile(media_id_, &moved); !file.isEmpty()) {
    if (moved) {  // moved with the project: found beside it
      videos_->item(row)->setToolTip(file);
      statusBar()->showMessage(tr("Found the moved video at %1").arg(file), 8000);
    }
    path = file;
  } else if (qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen" &&
             QMessageBox::question(this, tr("Video not found"),
                                   tr("%1 is no longer at %2, nor beside the project. Locate it?")
                                       .arg(QFileInfo(path).fileName(), QFileInfo(path).path())) ==
                 QMessageBox::Yes) {
    const QString chosen = QFileDialog::getOpenFileName(
        this, tr("Locate %1").arg(QFileInfo(path).fileName()), QFileInfo(session_->path()).path());
    if (!chosen.isEmpty() && locateVideo(media_id_, chosen)) path = chosen;
  }
  if (path.startsWith("live:"))
    player_->close(), statusBar()->showMessage(tr("A live session: its timeline, no recording"));
  else if (!player_->open(path))
    fail(tr("Cannot play %1: %2").arg(QFileInfo(path).fileName(), player_->lastError()));
  refreshPeople();
  timeline_->setData({});
  loadTimelineAsync();
}

void MainWindow::analyzeSelected(const QString& model) {
  if (!project() || media_id_ < 0) {
    fail(tr("Select a video to analyse."));
    return;
  }
  analyzeVideos({videos_->currentItem()->toolTip()}, model);
}

void MainWindow::analyzeAll(const QString& model) {
  QStringList all;
  for (int i = 0; project() && i < videos_->count(); ++i)
    all << videos_->item(i)->toolTip();
  if (all.isEmpty()) {
    fail(tr("Add videos to the project first (File › Add videos, or drop them here)."));
    return;
  }
  analyzeVideos(all, model);
}

void MainWindow::analyzeVideos(const QStringList& videos, const QString& model) {
  AnalysisController::Request r;
  r.project = session_->path();
  r.videos = videos;
  r.model = model;
  r.precision = usablePrecision(parsePrecision(settings_.precision().toStdString()), nullptr);
  r.options.blendshapes = r.options.landmarks = settings_.faceMovements();
  if (!model.isEmpty())
    r.options.frame_engine = core::frameEngineFromKey(settings_.frameModel().toStdString())
                                 .value_or(core::FrameEngine::kStatic);
  if (!analysis_->start(r)) return;
  progress_->setValue(0);
  progress_->setVisible(true);
  model_label_->setText(tr("Model: %1 · CPU, %2 threads%3")
                            .arg(model.isEmpty() ? tr("static only") : model)
                            .arg(runtimeThreads())
                            .arg(r.precision == Precision::kFp32
                                     ? QString()
                                     : QString(", ") + precisionName(r.precision)));
  reload_.start();
}

void MainWindow::analysisEnded(bool ok, const QString& message) {
  reload_.stop();
  progress_->setVisible(false);
  speed_label_->clear();
  if (ok)
    statusBar()->showMessage(message, 10000);
  else
    fail(message);
  loadTimelineAsync();
  emit analysisFinished(ok, message);
}

void MainWindow::cancelAnalysis() {
  analysis_->cancel();
}

core::Project* MainWindow::project() const {
  return session_->project();
}

bool MainWindow::analysisRunning() const {
  return analysis_->running();
}

void MainWindow::closeEvent(QCloseEvent* e) {
  analysis_->cancel();
  analysis_->wait();
  settings_.setWindowGeometry(saveGeometry());
  settings_.setWindowState(saveState());
  e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  QStringList paths;
  for (const QUrl& url : e->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  if (paths.size() == 1 && paths.front().endsWith(".ulproj")) {
    openProject(paths.front());
    return;
  }
  addVideos(paths);
}

}  // namespace unilearn::ui
