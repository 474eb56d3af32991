// `unilearn-studio [PROJECT.ulproj [VIDEO...]]`: the desktop app. With a project it opens it
// (creating it when missing) and adds the videos given. `--help` and `--version` answer on the
// console; an unknown option is refused rather than taken for a project's name.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include "model/runtime.h"
#include "ui/main_window.h"
#include "ui/settings.h"
#include "ui/translation.h"

int main(int argc, char** argv) {
  unilearn::ensurePassiveOpenMp(argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName("UniLearn Studio");
  QApplication::setApplicationVersion(UNILEARN_STUDIO_VERSION);
  QApplication::setOrganizationName("UniLearn");
  unilearn::ui::Settings settings;
  unilearn::configureRuntime(settings.inferenceThreads());
  unilearn::ui::installTranslation(settings.language());

  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate(
      "unilearn::ui::Studio",
      "Facial expressions in video: analyse, annotate and fine-tune UniLearn."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      "project",
      QCoreApplication::translate("unilearn::ui::Studio",
                                  "The project to open (created when missing)."),
      "[PROJECT.ulproj");
  parser.addPositionalArgument(
      "videos",
      QCoreApplication::translate("unilearn::ui::Studio", "Videos to add to the project."),
      "[VIDEO...]]");
  parser.process(app);  // --help, --version and unknown options end here

  unilearn::ui::MainWindow window(settings);
  const QStringList args = parser.positionalArguments();
  if (!args.isEmpty()) {
    const QString project = args.front();
    if (window.openProject(project, /*create=*/!QFileInfo::exists(project)) && args.size() > 1)
      window.addVideos(args.mid(1));
  }
  window.show();
  return QApplication::exec();
}
