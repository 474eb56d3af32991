// MainWindow's menus and the actions behind them: annotation at the playhead, schemes and label
// keys, import/export (ExchangeController does the work), agreement. (The window itself, projects,
// videos and analysis are in main_window.cpp.)
#include "ui/main_window.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <chrono>
#include <functional>
#include <tuple>

#include <fstream>
#include <sstream>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/timeline.h"
#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/export/importer.h"
#include "core/resources.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/config.h"
#include "model/runtime.h"
#include "ui/annotation_editor.h"
#include "ui/emotion_palette.h"
#include "ui/exchange_controller.h"
#include "ui/model_manager.h"
#include "ui/player_widget.h"
#include "ui/timeline_data.h"
#include "ui/timeline_view.h"
#include "ui/translation.h"
#include "ui/webcam_view.h"

namespace unilearn::ui {

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&New project…"), QKeySequence::New, this, &MainWindow::askNewProject);
  file->addAction(tr("&Open project…"), QKeySequence::Open, this, &MainWindow::askOpenProject);
  recent_menu_ = file->addMenu(tr("Open &recent"));
  updateRecentMenu();
  file->addAction(tr("&Add videos…"), this, [this] {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add videos"), QString(), tr("Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v)"));
    if (!paths.isEmpty()) addVideos(paths);
  });
  QMenu* exports = file->addMenu(tr("&Export"));
  for (const auto& [format, label, filter] : std::vector<std::tuple<QString, QString, QString>>{
           {"csv", tr("Windows and frames as &CSV…"), tr("CSV (*.csv)")},
           {"annotations", tr("&Annotations as a table (CSV for R, SPSS)…"), tr("CSV (*.csv)")},
           {"eaf", tr("This video for &ELAN…"), tr("ELAN (*.eaf)")},
           {"tsv", tr("States for &BORIS (TSV)…"), tr("TSV (*.tsv)")},
           {"json", tr("Everything as &JSON…"), tr("JSON (*.json)")}})
    exports->addAction(label, this, [this, format = format, filter = filter] {
      const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString(), filter);
      if (!path.isEmpty() && exportTo(path, format))
        statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
    });
  exports->addAction(tr("The visible &timeline as PNG or SVG…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export timeline"), QString(),
                                                      tr("Pictures (*.png *.svg)"));
    if (!path.isEmpty() && exportTimelinePicture(path))
      statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
  });
  file->addAction(tr("&Import annotations (ELAN, BORIS TSV, CSV)…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import annotations"), QString(),
                                                      tr("Annotations (*.eaf *.tsv *.csv)"));
    if (!path.isEmpty()) importFrom(path);
  });
  file->addSeparator();
  file->addAction(tr("&Close project"), this, &MainWindow::closeProject);
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = editor_->stack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = editor_->stack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcuts({QKeySequence(QKeySequence::Redo), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  edit->addAction(undo);
  edit->addAction(redo);

  // Moving through long sessions (the keys are also listed in the menu, where people look).
  QMenu* go = menuBar()->addMenu(tr("&Go"));
  go->addAction(tr("Go to a &time or frame…"), QKeySequence(Qt::CTRL | Qt::Key_G), this,
                [this] { player_->focusJump(); });
  go->addSeparator();
  for (auto [text, key, ms] : std::initializer_list<std::tuple<QString, QKeySequence, int>>{
           {tr("Back 1 second"), QKeySequence(Qt::SHIFT | Qt::Key_Left), -1000},
           {tr("Forward 1 second"), QKeySequence(Qt::SHIFT | Qt::Key_Right), 1000},
           {tr("Back 5 seconds"), QKeySequence(Qt::CTRL | Qt::Key_Left), -5000},
           {tr("Forward 5 seconds"), QKeySequence(Qt::CTRL | Qt::Key_Right), 5000},
           {tr("Back 1 minute"), QKeySequence(Qt::Key_PageUp), -60000},
           {tr("Forward 1 minute"), QKeySequence(Qt::Key_PageDown), 60000}})
    go->addAction(text, key, this, [this, ms = ms] { player_->seekBy(ms); });
  go->addSeparator();
  go->addAction(tr("&Previous annotation"), QKeySequence(Qt::ALT | Qt::Key_Left), this,
                [this] { jumpToAnnotation(-1); });
  go->addAction(tr("&Next annotation"), QKeySequence(Qt::ALT | Qt::Key_Right), this,
                [this] { jumpToAnnotation(1); });

  QMenu* annotate = menuBar()->addMenu(tr("A&nnotate"));
  annotate->addAction(tr("Set &in point"), QKeySequence(Qt::Key_I), this, &MainWindow::setInPoint);
  annotate->addAction(tr("Set &out point"), QKeySequence(Qt::Key_O), this,
                      &MainWindow::setOutPoint);
  annotate->addAction(tr("&Loop the selection"), QKeySequence(Qt::Key_L), this,
                      &MainWindow::loopSelection);
  labels_menu_ = annotate->addMenu(tr("&Label (selection or segment at the playhead)"));
  schemes_menu_ = annotate->addMenu(tr("Sc&heme"));
  rebuildSchemeMenus();
  annotate->addAction(tr("&Split at the playhead"), QKeySequence(Qt::Key_S), this,
                      &MainWindow::splitAtPlayhead);
  annotate->addAction(tr("&Merge with the next segment"), QKeySequence(Qt::Key_M), this,
                      &MainWindow::mergeAtPlayhead);
  annotate->addAction(tr("&Delete the segment at the playhead"), QKeySequence::Delete, this,
                      &MainWindow::deleteAtPlayhead);
  annotate->addAction(
      tr("&Note on the segment at the playhead…"), QKeySequence(Qt::Key_N), this, [this] {
        auto a = segmentAtPlayhead();
        if (!a) return;
        bool ok = false;
        const QString note = QInputDialog::getText(this, tr("Note"), tr("Note:"), QLineEdit::Normal,
                                                   QString::fromStdString(a->note), &ok);
        if (!ok) return;
        core::Annotation b = *a;
        b.note = note.toStdString();
        editor_->change(*a, b, tr("Note"));
      });
  annotate->addSeparator();
  annotate->addAction(tr("&Rename the selected person…"), QKeySequence(Qt::Key_F2), this,
                      &MainWindow::askRenamePerson);
  annotate->addAction(tr("Split the selected &person at the playhead"), this, [this] {
    if (auto t = selectedTrack();
        t && !editor_->splitPerson(media_id_, *t, player_->currentFrame()))
      fail(editor_->lastError());
  });
  annotate->addAction(tr("Merge the selected person &into…"), this, [this] {
    const auto from = selectedTrack();
    if (!from) return fail(tr("Select a person in the People list first."));
    const auto candidates = editor_->mergeCandidates(media_id_, *from);
    if (candidates.people.empty())
      return fail(candidates.together > 0
                      ? tr("Everyone else is on screen at the same time as this person at some "
                           "moment: they are different people.")
                      : tr("There is nobody else to merge with."));
    QStringList names;
    for (const auto& t : candidates.people)
      names << QString::fromStdString(core::personName(t));
    bool ok = false;
    const QString who =
        QInputDialog::getItem(this, tr("Merge"), tr("Same person as:"), names, 0, false, &ok);
    const auto into =
        candidates.people[static_cast<size_t>(std::max<qsizetype>(0, names.indexOf(who)))];
    if (ok && !editor_->mergePeople(media_id_, *from, into.id)) fail(editor_->lastError());
  });
  annotate->addAction(tr("Label &keys…"), this, [this] {
    bool ok = false;
    QStringList labels;
    for (QAction* a : labels_menu_->actions())
      labels << a->text();
    const QString keys = QInputDialog::getText(
        this, tr("Label keys"),
        tr("One key per label, in this order:\n%1\n(for example 1234567 or qwertyu)")
            .arg(labels.join(", ")),
        QLineEdit::Normal, settings_.labelKeys(), &ok);
    if (!ok || keys.isEmpty()) return;
    settings_.setLabelKeys(keys);
    rebuildSchemeMenus();
  });
  annotate->addAction(tr("&Annotator name…"), this, [this] {
    settings_.setAnnotator(QString());
    ensureAnnotator();
    refreshLabelQueue();
  });
  annotate->addAction(tr("A&greement (κ) with the model or an annotator…"), this, [this] {
    QStringList others = {"model"};
    for (const auto& a : timeline_->data().annotators)
      if (QString::fromStdString(a) != settings_.annotator()) others << QString::fromStdString(a);
    bool ok = false;
    const QString who = QInputDialog::getItem(this, tr("Agreement"),
                                              tr("Compare %1 with:").arg(settings_.annotator()),
                                              others, 0, false, &ok);
    if (!ok) return;
    const QString report = agreementReport(who);
    if (!report.isEmpty()) QMessageBox::information(this, tr("Agreement"), report);
  });
  annotate->addAction(tr("Session &statistics…"), this, &MainWindow::showStatistics);
  annotate->addAction(tr("&Compare with another annotator…"), this, [this] {
    QStringList others;
    for (const auto& a : timeline_->data().annotators)
      if (QString::fromStdString(a) != settings_.annotator()) others << QString::fromStdString(a);
    if (others.isEmpty()) return fail(tr("Nobody else annotated this video yet."));
    bool ok = false;
    const QString who =
        QInputDialog::getItem(this, tr("Compare"), tr("Annotator:"), others, 0, false, &ok);
    if (ok) timeline_->setAnnotators(settings_.annotator().toStdString(), who.toStdString());
  });

  buildAnalysisMenu();

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* stacked = view->addAction(tr("&Stacked areas"));
  stacked->setCheckable(true);
  connect(stacked, &QAction::toggled, timeline_, &TimelineView::setStacked);
  QAction* overlay = view->addAction(tr("Per-frame &overlay"));
  overlay->setCheckable(true);
  overlay->setToolTip(
      tr("The per-frame curves, faint, over the clip curves: from the static model, UniLearn's "
         "image head or both combined, as the timeline's legend says"));
  connect(overlay, &QAction::toggled, timeline_, &TimelineView::setStaticOverlay);
  QAction* keypoints = view->addAction(tr("Face &keypoints"));
  keypoints->setCheckable(true);
  connect(keypoints, &QAction::toggled, player_, &PlayerWidget::setKeypointsVisible);
  QAction* mesh = view->addAction(tr("Face m&esh"));
  mesh->setCheckable(true);
  mesh->setToolTip(
      tr("The 478 landmarks, where the analysis found them (Analysis › Face "
         "movements and landmarks)"));
  connect(mesh, &QAction::toggled, player_, &PlayerWidget::setMeshVisible);
  QAction* face_moves = view->addAction(tr("Face mo&vements on the timeline"));
  face_moves->setCheckable(true);
  face_moves->setToolTip(tr("Smile, brows, jaw and blinks (AU-like scores, not FACS codes)"));
  connect(face_moves, &QAction::toggled, timeline_, &TimelineView::setFaceMovements);
  buildLabellingMenus(annotate, view);
  view->addMenu(languageMenu(settings_, this));
  view->addSeparator();  // panels closed by their × come back from here
  for (QDockWidget* dock : findChildren<QDockWidget*>())
    view->addAction(dock->toggleViewAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), this, [this] {
    QMessageBox box(this);
    box.setWindowTitle(tr("Keyboard shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.setText(shortcutSheet());
    box.exec();
  });
  help->addAction(tr("&First session…"), this, [this] {
    QMessageBox::information(
        this, tr("Your first session"),
        tr("<ol><li><b>File › New project</b>: one file holds the videos, the model's results and "
           "your annotations.</li>"
           "<li><b>File › Add videos</b> (or drop them on the window), then <b>Analysis › Analyse"
           "</b>: faces are found and followed, and each person's emotions drawn on the timeline."
           "</li>"
           "<li>Rename people in the People panel (F2).</li>"
           "<li>Annotate: mark <b>I</b>n and <b>O</b>ut, then press a label key (Annotate › Label "
           "keys); <b>N</b> adds a note; <b>S</b> splits, <b>M</b> merges. <b>Ctrl+J</b> lists "
           "what to label next: where the model is least sure or coders disagree.</li>"
           "<li>Optionally mark a stretch where a person rests with a neutral face and choose "
           "Annotate › Selection is the person's neutral baseline; View › Relative to each "
           "person's baseline then shows their expressions above it, in all their sessions.</li>"
           "<li>Compare with a colleague or the model (Annotate › Agreement) and export for ELAN, "
           "BORIS, R or SPSS (File › Export).</li></ol>"
           "The timeline's curves come from UniLearn's clip windows; the per-frame curves and "
           "the Webcam tab's emotions from the static model and UniLearn's image head combined "
           "(Analysis › Per-frame curves). Each model's card (Models panel) says what it was "
           "trained on and how well it does."));
  });
}

void MainWindow::askNewProject() {
  const QString path = QFileDialog::getSaveFileName(this, tr("New project"), QString(),
                                                    tr("UniLearn projects (*.ulproj)"));
  if (!path.isEmpty())
    openProject(path.endsWith(".ulproj") ? path : path + ".ulproj", /*create=*/true);
}

void MainWindow::askOpenProject() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                    tr("UniLearn projects (*.ulproj)"));
  if (!path.isEmpty()) openProject(path);
}

QString MainWindow::shortcutSheet() const {
  // Generated from the menus, so it always says what the keys do now.
  QString html = "<table cellspacing=4>";
  std::function<void(const QMenu*, const QString&)> walk = [&](const QMenu* menu,
                                                               const QString& path) {
    for (QAction* a : menu->actions()) {
      const QString name = path + " › " + QString(a->text()).remove('&').remove(QChar(0x2026));
      if (a->menu()) {
        walk(a->menu(), name);
      } else if (!a->shortcut().isEmpty()) {
        QStringList keys;
        for (const auto& k : a->shortcuts())
          keys << k.toString(QKeySequence::NativeText);
        html += QString("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.join(", ").toHtmlEscaped(), name.toHtmlEscaped());
      }
    }
  };
  for (QAction* a : menuBar()->actions())
    if (a->menu()) walk(a->menu(), QString(a->text()).remove('&'));
  html +=
      tr("<tr><td><b>Space</b></td><td>Player › Play or pause</td></tr>"
         "<tr><td><b>Left, Right</b></td><td>Player › One frame back or on</td></tr>"
         "<tr><td><b>Home, End</b></td><td>Player › First or last frame</td></tr>");
  return html + "</table>";
}

void MainWindow::updateRecentMenu() {
  recent_menu_->clear();
  for (const QString& path : settings_.recentProjects())
    recent_menu_->addAction(path, this, [this, path] { openProject(path); });
  recent_menu_->setEnabled(!recent_menu_->isEmpty());
  if (!welcome_recent_) return;
  while (QLayoutItem* item = welcome_recent_->takeAt(0)) {  // the start page's recent projects
    delete item->widget();
    delete item;
  }
  const QStringList recent = settings_.recentProjects();
  for (int i = 0; i < recent.size() && i < 4; ++i) {
    auto* b = new QPushButton(tr("Open %1").arg(QFileInfo(recent[i]).fileName()), welcome_);
    b->setToolTip(recent[i]);
    b->setFlat(true);
    connect(b, &QPushButton::clicked, this, [this, path = recent[i]] { openProject(path); });
    welcome_recent_->addWidget(b, 0, Qt::AlignHCenter);
  }
}

void MainWindow::showWelcome(bool on) {
  if (session_stack_) session_stack_->setCurrentIndex(on ? 0 : 1);
}

bool MainWindow::welcomeShown() const {
  return session_stack_ && session_stack_->currentIndex() == 0;
}

void MainWindow::rebuildSchemeMenus() {
  labels_menu_->clear();
  schemes_menu_->clear();
  std::vector<std::string> labels = {"Happy",    "Sad",     "Neutral", "Angry",
                                     "Surprise", "Disgust", "Fear"};
  if (project()) {
    try {
      labels = project()->schemeLabels(scheme_);
    } catch (const Error&) {
      scheme_ = "DFEW-7";
      labels = project()->schemeLabels(scheme_);
    }
    for (const auto& name : project()->annotationSchemes()) {
      QAction* a = schemes_menu_->addAction(QString::fromStdString(name), this, [this, name] {
        setScheme(QString::fromStdString(name));
      });
      a->setCheckable(true);
      a->setChecked(name == scheme_);
    }
  }
  schemes_menu_->addSeparator();
  schemes_menu_->addAction(tr("&New scheme…"), this, [this] {
    if (!project()) return fail(tr("Open a project first."));
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New scheme"), tr("Name:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok) return;
    const QString spec = QInputDialog::getText(
        this, tr("New scheme"),
        tr("Labels, separated by commas; a colour may follow each (Calm=#88cc88, Tense=#cc4444):"),
        QLineEdit::Normal, QString(), &ok);
    if (!ok) return;
    std::vector<std::string> names, colors;
    for (const QString& part : spec.split(',', Qt::SkipEmptyParts)) {
      const QStringList kv = part.split('=');
      names.push_back(kv[0].trimmed().toStdString());
      if (kv.size() > 1) colors.push_back(kv[1].trimmed().toStdString());
    }
    if (!colors.empty() && colors.size() != names.size()) colors.clear();
    try {
      project()->addScheme(name.trimmed().toStdString(), names, colors);
    } catch (const Error& e) {
      return fail(QString::fromUtf8(e.what()));
    }
    setScheme(name.trimmed());
  });
  const QString keys = settings_.labelKeys();
  QStringList legend;
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
    const std::string& label = labels[static_cast<size_t>(i)];
    QAction* a = labels_menu_->addAction(QString::fromStdString(label), this,
                                         [this, i] { labelSelection(i); });
    if (i < keys.size()) {
      a->setShortcut(QKeySequence(QString(keys[i])));
      legend << QString("<b>%1</b>&nbsp;<span style='color:%2'>&#9632;</span>&nbsp;%3")
                    .arg(QString(keys[i]).toHtmlEscaped(), emotionColor(label).name(),
                         QString::fromStdString(label).toHtmlEscaped());
    }
  }
  if (key_legend_)
    key_legend_->setText(
        tr("<span style='color:#555'>%1:</span> %2 &nbsp;·&nbsp; <b>I</b>/<b>O</b> in/out "
           "&nbsp;<b>N</b> note &nbsp;<b>S</b> split &nbsp;<b>M</b> merge &nbsp;<b>F1</b> all keys")
            .arg(QString::fromStdString(scheme_).toHtmlEscaped(), legend.join(" &nbsp;")));
}

QString MainWindow::keyLegend() const {
  return key_legend_ ? key_legend_->text() : QString();
}

void MainWindow::setScheme(const QString& scheme) {
  scheme_ = scheme.toStdString();
  rebuildSchemeMenus();
  refreshLabelQueue();
}

QList<QAction*> MainWindow::labelActions() const {
  return labels_menu_->actions();
}

std::optional<int64_t> MainWindow::selectedTrack() const {
  const QListWidgetItem* item = people_->currentItem();
  if (!item) return std::nullopt;
  return item->data(Qt::UserRole).toLongLong();
}

bool MainWindow::ensureAnnotator() {
  if (!settings_.annotator().isEmpty()) return true;
  bool ok = false;
  const QString name = QInputDialog::getText(
      this, tr("Who is annotating?"),
      tr("Every label you make is stored under your name, so that two coders can be compared\n"
         "(agreement, statistics) and exports say who coded what. Your name or initials:"),
      QLineEdit::Normal, QString(), &ok);
  if (!ok || name.trimmed().isEmpty()) return false;
  settings_.setAnnotator(name);
  timeline_->setAnnotators(name.trimmed().toStdString(), timeline_->secondAnnotator());
  return true;
}

std::optional<core::Annotation> MainWindow::segmentAtPlayhead() const {
  if (!project() || media_id_ < 0) return std::nullopt;
  return editor_->at(media_id_, selectedTrack(), settings_.annotator().toStdString(),
                     player_->currentFrame());
}

bool MainWindow::exportTo(const QString& path, const QString& format) {
  if (!project()) {
    fail(tr("Open a project first."));
    return false;
  }
  const QString video = videos_->currentItem() ? videos_->currentItem()->toolTip() : QString();
  if (exchange_->exportTo(*project(), path, format, video)) return true;
  fail(exchange_->lastError());
  return false;
}

bool MainWindow::importFrom(const QString& path, std::map<std::string, std::string> subjects) {
  if (!project() || !ensureAnnotator()) return false;
  const auto report = exchange_->importFrom(
      *project(), {path, settings_.annotator().toStdString(), scheme_, std::move(subjects)});
  if (!report) {
    if (!exchange_->lastError().isEmpty()) fail(exchange_->lastError());
    return false;  // failed, or the mapping was cancelled: nothing imported
  }
  const QString text = ExchangeController::summary(*report);
  statusBar()->showMessage(text.section('\n', 0, 0), 10000);
  error_ = report->skipped.empty() ? QString() : text;
  if (!report->skipped.empty() && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
    QMessageBox::information(this, tr("Import"), text);
  loadTimelineAsync();
  return true;
}

bool MainWindow::exportTimelinePicture(const QString& path) {
  if (!timeline_->exportFigure(path)) {
    fail(tr("Cannot write %1 (use .png or .svg; check the folder and free space)").arg(path));
    return false;
  }
  return true;
}

bool MainWindow::jumpToAnnotation(int direction) {
  if (!project() || media_id_ < 0) return false;
  const int64_t here = player_->currentFrame();
  std::optional<int64_t> best;
  for (const auto& a : project()->annotations(media_id_)) {
    if (a.scheme != scheme_) continue;
    const bool ahead = direction > 0 ? a.start_frame > here : a.start_frame < here;
    if (ahead && (!best || (direction > 0 ? a.start_frame < *best : a.start_frame > *best)))
      best = a.start_frame;
  }
  if (!best) {
    statusBar()->showMessage(direction > 0 ? tr("No annotation after the playhead")
                                           : tr("No annotation before the playhead"),
                             3000);
    return false;
  }
  player_->seekFrame(*best);
  return true;
}

}  // namespace unilearn::ui
