// The main window: wiring between the widgets (player above the emotion timeline, playhead
// synced both ways; Videos, People, Models and Label next docks; menus) and the controllers that
// do the work, each in its own file with its own tests: SessionController (the project, its
// lock, its videos' files), AnalysisController (the analysis queue on a worker thread, its
// stream followed by the timeline), ExchangeController (export/import), ReportsController
// (statistics, agreement, face events) and AnnotationEditor (every annotation and person edit,
// undoable). Decoding, inference and timeline loading never run on the GUI thread.
// Thread-safety: GUI thread only; workers own their own Project connection.
#pragma once

#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <map>
#include <memory>
#include <optional>

#include "core/analysis/label_suggestions.h"
#include "core/analysis/statistics.h"
#include "core/analysis/timeline.h"
#include "core/storage/project.h"
#include "ui/background_job.h"
#include "ui/reports_controller.h"
#include "ui/session_controller.h"
#include "ui/settings.h"

namespace unilearn::core {
class TimelineStream;
}

namespace unilearn::ui {

class AnalysisController;
class AnnotationEditor;
class ExchangeController;
class LabelQueue;
class ModelManager;
class RoutingPanel;
class WebcamView;
class PlayerWidget;
class TimelineView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(Settings& settings, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens (or creates) a project; false with a message box (or lastError() in tests).
  bool openProject(const QString& path, bool create = false);
  void closeProject();
  bool addVideos(const QStringList& paths);
  void selectVideo(int row);
  // Analyses the selected video: `model` is a UniLearn model file or preset, empty for the
  // static model only. Returns at once; progress shows in the status bar.
  void analyzeSelected(const QString& model);
  // Analysis › Analyze all videos: every video of the project in turn, one after the other (a
  // batch queue); videos already analysed with this model and settings are kept, a broken or
  // missing one is reported and the queue goes on; Cancel stops after the current video's
  // resumable state is stored. analysisFinished() once, at the end, with a summary.
  void analyzeAll(const QString& model);
  void cancelAnalysis();
  bool analysisRunning() const;

  // Annotation at the playhead for the selected person (none selected: the whole video).
  void setInPoint();
  void setOutPoint();
  void labelSelection(int label_index);  // over in..out, or relabels the segment at the playhead
  // The scheme new annotations use (its labels get the label keys).
  void setScheme(const QString& scheme);
  QString scheme() const { return QString::fromStdString(scheme_); }
  QList<QAction*> labelActions() const;
  void loopSelection();  // plays in..out over and over (no selection: looping off)
  void splitAtPlayhead();
  void mergeAtPlayhead();
  void deleteAtPlayhead();
  AnnotationEditor* annotations() const { return editor_; }
  // People panel › F2 (or double-click): names a person, undoable with Ctrl+Z.
  bool renamePerson(int64_t track, const QString& name);
  // "Locate missing video": the project's video `media_id` is now `file` (refused unless the
  // content is the same). Moved videos beside the project are found without asking.
  bool locateVideo(int64_t media_id, const QString& file);
  // Go › Next/Previous annotation: the playhead to the start of the next (+1) or previous (-1)
  // annotation of this video in the current scheme, anyone's; false when there is none.
  bool jumpToAnnotation(int direction);
  // Annotate › What to label next (main_window_label_queue.cpp): going to a suggested stretch
  // selects its person, makes it the in/out selection and puts the playhead on its start.
  LabelQueue* labelQueue() const { return label_queue_; }
  void goToStretch(const core::LabelSuggestion& suggestion);
  // Participant calibration: the in/out selection becomes the selected person's neutral
  // baseline (kept in the project for all their sessions); false with lastError() without a
  // person and a selection. View › Relative to each person's baseline shows the timeline so.
  bool setBaselineFromSelection();
  bool clearBaseline();
  void setRelativeToBaseline(bool on);

  // File › Export / Import over the command line's formats; the timeline picture as PNG or SVG
  // (by the file's extension). False with the reason in lastError().
  bool exportTo(const QString& path, const QString& format);  // csv, json, eaf, tsv
  // A file naming people the project does not know ("Client") first asks which person each is
  // (participant mapping); `subjects` gives that answer without asking (e.g. from a script).
  bool importFrom(const QString& path,  // .eaf, .tsv, .csv
                  std::map<std::string, std::string> subjects = {});
  bool exportTimelinePicture(const QString& path);
  // Cohen's kappa between the annotator and `other` ("model" for the model), as text.
  QString agreementReport(const QString& other);
  // Annotate › Session statistics: per person and rater, for the selection or the whole video
  // (core::sessionStatistics), as an HTML table and as CSV.
  QString statisticsTable();
  // The same as a dialog: a figure (StatisticsChart: PNG/SVG) above the table, CSV and figure
  // saved from its buttons.
  void showStatistics();
  // Analysis › Find blinks and smiles: the events of core::writeFaceEvents as annotations of
  // "blendshapes", shown in the timeline's comparison row; a per-person summary as text
  // (empty, with lastError(), when no analysis has blendshapes).
  QString findFaceEvents();
  bool saveStatistics(const QString& path);

  QString lastError() const { return error_; }
  // The legend under the video: each label key with its label, and the annotation keys.
  QString keyLegend() const;
  // Help › Keyboard shortcuts: every menu action with a key, from the menus themselves (HTML).
  QString shortcutSheet() const;
  // The start page (no project open): new, open, recent, webcam.
  bool welcomeShown() const;
  core::Project* project() const;
  PlayerWidget* player() const { return player_; }
  TimelineView* timeline() const { return timeline_; }
  WebcamView* webcam() const { return webcam_; }
  ModelManager* models() const { return models_; }
  QListWidget* videos() const { return videos_; }
  QListWidget* people() const { return people_; }
  int64_t selectedMediaId() const { return media_id_; }
  // Timelines read from the project (not from a running analysis' stream), for tests.
  int64_t databaseLoads() const { return database_loads_; }

 signals:
  void analysisFinished(bool ok, const QString& message);
  void timelineLoaded();

 protected:
  void closeEvent(QCloseEvent* e) override;
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;

 private:
  void buildMenus();
  void buildAnalysisMenu();  // main_window_analysis.cpp
  void askNewProject();
  void askRenamePerson();
  void askOpenProject();
  void showWelcome(bool on);
  void releaseProject();  // the widgets let go of the project about to close
  void refreshVideos();
  void refreshPeople();
  void loadTimelineAsync();  // main_window_timeline.cpp
  void followAnalysis();
  void fail(const QString& message);
  void updateRecentMenu();
  std::optional<int64_t> selectedTrack() const;
  std::optional<core::Annotation> segmentAtPlayhead() const;
  bool ensureAnnotator();
  std::optional<std::map<std::string, std::string>> askSubjectMapping(
      const std::vector<std::string>& unmatched);
  // For the selection or the whole video (then `stretch` says which); none, with lastError().
  std::optional<std::vector<core::EmotionStatistics>> currentStatistics(QString* stretch);
  ReportsController::Scope reportScope() const;  // the shown video, scheme and selection
  QString epochs_scheme_;  // while the statistics dialog shows per-epoch figures
  void rebuildSchemeMenus();
  void analyzeVideos(const QStringList& videos, const QString& model);  // AnalysisController
  void analysisEnded(bool ok, const QString& message);
  void showRoutingAt(int64_t frame, int64_t ms);
  void buildLabelQueue(QDockWidget* beside);  // main_window_labelling.cpp
  void buildLabellingMenus(QMenu* annotate, QMenu* view);
  void refreshLabelQueue();  // after a timeline load, a scheme or annotator change

  Settings& settings_;
  QWidget* welcome_ = nullptr;
  QLabel* key_legend_ = nullptr;
  QStackedWidget* session_stack_ = nullptr;
  QVBoxLayout* welcome_recent_ = nullptr;
  SessionController* session_ = nullptr;  // the project, its lock and its videos' files
  PlayerWidget* player_ = nullptr;
  TimelineView* timeline_ = nullptr;
  WebcamView* webcam_ = nullptr;
  ModelManager* models_ = nullptr;
  RoutingPanel* routing_ = nullptr;
  LabelQueue* label_queue_ = nullptr;
  QDockWidget* label_dock_ = nullptr;
  std::shared_ptr<const core::Timeline> shown_timeline_;  // what the player and routing show
  QListWidget* videos_ = nullptr;
  QListWidget* people_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* speed_label_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QMenu* labels_menu_ = nullptr;
  QMenu* schemes_menu_ = nullptr;
  int64_t media_id_ = -1;
  QString error_;
  AnnotationEditor* editor_ = nullptr;
  int64_t in_frame_ = -1, out_frame_ = -1;
  std::string scheme_ = "DFEW-7";

  // Analysis off the GUI thread; while it runs, the shown video's timeline follows its stream
  // (core/analysis/timeline_stream.h) every second (followAnalysis) without reading the
  // project's windows and frames back.
  AnalysisController* analysis_ = nullptr;
  ExchangeController* exchange_ = nullptr;  // File › Export and Import
  ReportsController* reports_ = nullptr;    // statistics, agreement, face events
  QTimer reload_;
  int64_t database_loads_ = 0;
  BackgroundJob loader_{this};
  bool loading_ = false;
  bool reload_again_ = false;  // a change came in while a load was running
};

}  // namespace unilearn::ui
