// `unilearn-studio`: the desktop app. For now it opens on the model overview; players, timeline
// and annotation come with the desktop-app issue.
#include <QApplication>
#include <QMainWindow>
#include <QStatusBar>

#include "model/config.h"
#include "model/runtime.h"
#include "ui/model_summary_widget.h"
#include "ui/settings.h"

int main(int argc, char** argv) {
  unilearn::ensurePassiveOpenMp(argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName("UniLearn Studio");
  QApplication::setOrganizationName("UniLearn");
  unilearn::ui::Settings settings;
  unilearn::configureRuntime(settings.inferenceThreads());

  QMainWindow window;
  window.setWindowTitle("UniLearn Studio");
  auto* summary = new unilearn::ui::ModelSummaryWidget(&window);
  const QString model = settings.defaultModel();
  unilearn::ModelConfig config = unilearn::ModelConfig::isPreset(model.toStdString())
                                     ? unilearn::ModelConfig::preset(model.toStdString())
                                     : unilearn::ModelConfig::preset("unilearn-b16-160");
  summary->setModel(model, config);
  window.setCentralWidget(summary);
  window.statusBar()->showMessage(
      QObject::tr("Model: %1 · CPU · %2 threads").arg(model).arg(unilearn::runtimeThreads()));
  if (!window.restoreGeometry(settings.windowGeometry())) window.resize(900, 480);
  window.show();
  const int rc = QApplication::exec();
  settings.setWindowGeometry(window.saveGeometry());
  return rc;
}
