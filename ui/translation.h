// The app's languages: English (the source strings), German and Simplified Chinese
// (resources/translations/*.ts, built into the app as .qm files), plus Qt's own dialogs' strings
// where the system has them. The choice is a setting ("" follows the system); numbers and dates
// that go through QLocale follow the chosen language. Strings not translated yet show in English.
// Thread-safety: GUI thread, before or while windows exist (already built widgets keep their
// text: a change of language takes effect at the next start).
#pragma once

#include <QString>
#include <vector>

class QMenu;
class QWidget;

namespace unilearn::ui {

class Settings;

struct Language {
  QString code;  // "" (the system's), "en", "de", "zh_CN"
  QString name;  // in its own language
};
const std::vector<Language>& languages();

// Installs the translation for `code` ("" = the first of the system's UI languages that the app
// has, else English) and sets QLocale's default to it; replaces an earlier installation.
// Returns the language code in use ("en" when English).
QString installTranslation(const QString& code);

// A number as the user's language writes it ("1.5" in English, "1,5" in German), with
// `decimals` digits after the point: every decimal on screen goes through here. Files for other
// programs (CSV for R/SPSS, JSON, EAF) keep the C locale's point and do not use it. Clock times
// (m:ss.mmm) keep ELAN's notation too, which the time field reads back.
QString localNumber(double value, int decimals);

// View › Language: one checkable entry per language; choosing one stores it in the settings and
// says that it applies from the next start.
QMenu* languageMenu(Settings& settings, QWidget* parent);

}  // namespace unilearn::ui
