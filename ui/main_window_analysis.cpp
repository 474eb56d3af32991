// MainWindow's Analysis menu: the arithmetic (fp32, bf16, int8), face movements, blink and smile
// events, analysing with a model, the pre-training reconstruction and the fine-tuning wizard.
// Split from main_window_actions.cpp (the other menus and editing).
#include <QActionGroup>
#include <QDialog>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QVBoxLayout>

#include "model/precision.h"
#include "ui/main_window.h"
#include "ui/model_manager.h"
#include "ui/player_widget.h"
#include "ui/reconstruction_view.h"
#include "ui/train_wizard.h"
#include "ui/webcam_view.h"

namespace unilearn::ui {

void MainWindow::buildAnalysisMenu() {
  QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
  // Arithmetic: fp32 (neither checked), bf16 or int8; at most one.
  auto* arithmetic = new QActionGroup(this);
  arithmetic->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
  QAction* fast = analysis->addAction(tr("&Fast arithmetic (bf16)"));
  fast->setCheckable(true);
  fast->setChecked(settings_.precision() == "bf16");
  fast->setEnabled(cpuHasBf16());
  fast->setToolTip(cpuHasBf16()
                       ? tr("About twice as fast; the same top class for 99 % of faces measured")
                       : tr("This CPU has no native bf16 arithmetic; fp32 is faster here"));
  QAction* quantized = analysis->addAction(tr("&Quantized arithmetic (int8)"));
  quantized->setCheckable(true);
  quantized->setChecked(settings_.precision() == "int8");
  quantized->setEnabled(usablePrecision(Precision::kInt8, nullptr) == Precision::kInt8);
  quantized->setToolTip(
      tr("Linear layers in int8, routers in fp32: the same top class for 99 % "
         "of faces measured; faster for stills, about as fast as fp32 for "
         "clips on this kind of CPU, where bf16 is the faster choice"));
  arithmetic->addAction(fast);
  arithmetic->addAction(quantized);
  connect(arithmetic, &QActionGroup::triggered, this, [this, fast, quantized] {
    settings_.setPrecision(fast->isChecked() ? "bf16" : quantized->isChecked() ? "int8" : "fp32");
  });
  QAction* movements = analysis->addAction(tr("Face &movements and landmarks"));
  movements->setCheckable(true);
  movements->setChecked(settings_.faceMovements());
  movements->setToolTip(
      tr("New analyses also find 478 landmarks and 52 blendshapes per face (MediaPipe): smile, "
         "brows, jaw and blinks on the timeline, the mesh on the video, blink and smile events. "
         "About 30 ms more per face and frame; 3 kB per face and frame in the project."));
  connect(movements, &QAction::toggled, this, [this](bool on) { settings_.setFaceMovements(on); });
  // Which model draws the per-frame curves of new analyses and of the live view.
  QMenu* frames = analysis->addMenu(tr("Per-frame &curves"));
  auto* engines = new QActionGroup(this);
  const struct {
    const char* key;
    QString text, tip;
  } choices[] = {
      {"combined", tr("&Both models combined (most balanced)"),
       tr("The static model and UniLearn's image head together: on FER+ validation faces through "
          "the app's own path 66.7 % WAR and 64.4 % UAR, the most even across the seven "
          "expressions. About 7 ms more per face and frame than the static model alone.")},
      {"image_head", tr("UniLearn's &image head"),
       tr("The same network as the clip windows: 69.3 % WAR, 57.4 % UAR on FER+ validation "
          "faces; it learnt from grey faces only.")},
      {"static", tr("&Static model (FaceExpressionNet)"),
       tr("The fastest: 60.5 % WAR, 61.5 % UAR on FER+ validation faces.")},
  };
  for (const auto& c : choices) {
    QAction* a = frames->addAction(c.text);
    a->setCheckable(true);
    a->setData(QString(c.key));
    a->setToolTip(c.tip + " " +
                  tr("The timeline, the video and exports say which model made the curves; with "
                     "a UniLearn model whose image head lacks the seven expressions, the static "
                     "model makes them."));
    a->setChecked(settings_.frameModel() == c.key);
    engines->addAction(a);
  }
  frames->setToolTipsVisible(true);
  connect(engines, &QActionGroup::triggered, this, [this](QAction* a) {
    settings_.setFrameModel(a->data().toString());
    webcam_->setFrameModel(settings_.defaultModel(), settings_.frameModel());
  });
  webcam_->setFrameModel(settings_.defaultModel(), settings_.frameModel());
  analysis->addAction(tr("Find &blinks and smiles"), this, [this] {
    const QString report = findFaceEvents();
    if (!report.isEmpty()) QMessageBox::information(this, tr("Blinks and smiles"), report);
  });
  analysis->addSeparator();
  analysis->addAction(tr("Analyze with the &static model only"), this,
                      [this] { analyzeSelected(QString()); });
  analysis->addAction(tr("Analyze with the &chosen model (Models panel)"), this, [this] {
    const QString m = settings_.defaultModel();
    if (!QFileInfo::exists(m))
      return fail(
          tr("No UniLearn model is chosen yet: import one in the Models panel and press "
             "“Use for analysis”, or analyse with the static model only."));
    analyzeSelected(m);
  });
  analysis->addAction(tr("Analyze &all videos with the chosen model"), this, [this] {
    const QString m = settings_.defaultModel();
    if (!QFileInfo::exists(m) && !m.startsWith("unilearn-"))
      return fail(tr("The chosen model %1 is gone: choose another in the Models panel.").arg(m));
    analyzeAll(m);
  });
  analysis->addAction(tr("Analyze with a &UniLearn model file…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("UniLearn model"), QString(),
                                                      tr("Model files (*.safetensors *.pth *.pt)"));
    if (!path.isEmpty()) analyzeSelected(path);
  });
  analysis->addAction(tr("&Cancel analysis"), this, &MainWindow::cancelAnalysis);
  analysis->addSeparator();
  analysis->addAction(tr("Pre-training &reconstruction of this clip…"), this, [this] {
    if (!project() || !shown_timeline_ || !shown_timeline_->analysis ||
        shown_timeline_->tracks.empty())
      return fail(tr("Analyse the video first: the reconstruction needs the faces of a clip."));
    const QString model =
        QFileDialog::getOpenFileName(this, tr("Pre-training file (unilearn pretrain)"), QString(),
                                     tr("Model files (*.safetensors)"));
    if (model.isEmpty()) return;
    core::WindowPrediction w;  // the clip starting at the playhead, of the selected person
    const auto person = selectedTrack();
    w.track_id = shown_timeline_->tracks.front().track.id;
    for (const auto& t : shown_timeline_->tracks)
      if (person && t.track.id == *person) w.track_id = t.track.id;
    w.start_frame = player_->currentFrame();
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Masked-autoencoder reconstruction"));
    auto* view = new ReconstructionView(dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(view);
    dialog->resize(900, 420);
    dialog->show();
    view->show(model, session_->path(), *shown_timeline_->analysis, w);
  });
  analysis->addAction(tr("&Fine-tune on my labels…"), this, [this] {
    if (!project()) return fail(tr("Open a project with labelled, analysed videos first."));
    auto* wizard = new TrainWizard(session_->path(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &TrainWizard::modelAdded, models_, &ModelManager::refresh);
    wizard->show();
  });
}

}  // namespace unilearn::ui
