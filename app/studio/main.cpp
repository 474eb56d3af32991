// `unilearn-studio [PROJECT.ulproj [VIDEO...]]`: the desktop app. With a project it opens it
// (creating it when missing) and adds the videos given.
#include <QApplication>
#include <QFileInfo>

#include "model/runtime.h"
#include "ui/main_window.h"
#include "ui/settings.h"
#include "ui/translation.h"

int main(int argc, char** argv) {
  unilearn::ensurePassiveOpenMp(argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName("UniLearn Studio");
  QApplication::setOrganizationName("UniLearn");
  unilearn::ui::Settings settings;
  unilearn::configureRuntime(settings.inferenceThreads());
  unilearn::ui::installTranslation(settings.language());

  unilearn::ui::MainWindow window(settings);
  const QStringList args = QApplication::arguments().mid(1);
  if (!args.isEmpty()) {
    const QString project = args.front();
    if (window.openProject(project, /*create=*/!QFileInfo::exists(project)) && args.size() > 1)
      window.addVideos(args.mid(1));
  }
  window.show();
  return QApplication::exec();
}
