#include "ui/translation.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTranslator>
#include <memory>

#include "ui/settings.h"

namespace unilearn::ui {
namespace {

// The installed translators (the app's, Qt's own), replaced on each installation.
std::unique_ptr<QTranslator>& appTranslator() {
  static std::unique_ptr<QTranslator> t;
  return t;
}
std::unique_ptr<QTranslator>& qtTranslator() {
  static std::unique_ptr<QTranslator> t;
  return t;
}

void remove(std::unique_ptr<QTranslator>& t) {
  if (!t) return;
  QCoreApplication::removeTranslator(t.get());
  t.reset();
}

bool have(const QString& code) {
  return QFile::exists(":/i18n/unilearn_" + code + ".qm");
}

}  // namespace

const std::vector<Language>& languages() {
  static const std::vector<Language> all = {{"", QStringLiteral("System")},
                                            {"en", QStringLiteral("English")},
                                            {"de", QStringLiteral("Deutsch")},
                                            {"zh_CN", QStringLiteral("简体中文")}};
  return all;
}

QString localNumber(double value, int decimals) {
  return QLocale().toString(value, 'f', decimals);
}

QString installTranslation(const QString& wanted) {
  remove(appTranslator());
  remove(qtTranslator());
  QString code = wanted;
  if (code.isEmpty()) {
    code = "en";
    for (QString ui : QLocale::system().uiLanguages()) {  // "de-DE", "zh-Hans-CN", "en-US"
      ui.replace('-', '_');
      if (ui.startsWith("zh") && !ui.contains("Hant") && !ui.contains("TW") && !ui.contains("HK")) {
        code = "zh_CN";
        break;
      }
      if (ui.startsWith("de")) {
        code = "de";
        break;
      }
      if (ui.startsWith("en")) break;
    }
  }
  if (code != "en" && !have(code)) code = "en";
  QLocale::setDefault(code == "en" ? QLocale(QLocale::English, QLocale::UnitedStates)
                                   : QLocale(code));
  if (code == "en") return code;
  auto app = std::make_unique<QTranslator>();
  if (app->load(":/i18n/unilearn_" + code + ".qm")) {
    QCoreApplication::installTranslator(app.get());
    appTranslator() = std::move(app);
  }
  auto qt = std::make_unique<QTranslator>();  // Qt's own buttons and dialogs, when installed
  if (qt->load("qtbase_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    qtTranslator() = std::move(qt);
  }
  return code;
}

QMenu* languageMenu(Settings& settings, QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("&Language"), parent);
  auto* group = new QActionGroup(menu);
  for (const Language& l : languages()) {
    QAction* a = menu->addAction(l.code.isEmpty() ? QObject::tr("As the system") : l.name);
    a->setCheckable(true);
    a->setChecked(settings.language() == l.code);
    group->addAction(a);
    QObject::connect(a, &QAction::triggered, parent, [&settings, parent, code = l.code] {
      if (settings.language() == code) return;
      settings.setLanguage(code);
      if (qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
        QMessageBox::information(parent, QObject::tr("Language"),
                                 QObject::tr("The new language applies from the next start."));
    });
  }
  return menu;
}

}  // namespace unilearn::ui
