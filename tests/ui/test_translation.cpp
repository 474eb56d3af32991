// The app in German and Simplified Chinese: translations installed from the built-in .qm files,
// menus in the chosen language, every translation keeping its placeholders and accelerator, and
// every string translated.
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include <gtest/gtest.h>
#include <fstream>
#include <map>
#include <sstream>

#include "ui/label_queue.h"
#include "ui/main_window.h"
#include "ui/settings.h"
#include "ui/translation.h"

using namespace unilearn;

namespace {

QString menuTitle(ui::MainWindow& w, int i) {
  return w.menuBar()->actions().value(i) ? w.menuBar()->actions()[i]->text() : QString();
}

struct Message {
  QString context, source, translation;
  bool unfinished = false;
};

std::vector<Message> readTs(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  QXmlStreamReader xml(QString::fromStdString(text.str()));
  std::vector<Message> out;
  QString context;
  Message m;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == u"name") context = xml.readElementText();
    if (xml.name() == u"message") m = Message{context, {}, {}, false};
    if (xml.name() == u"source") m.source = xml.readElementText();
    if (xml.name() == u"translation") {
      const auto type = xml.attributes().value("type");
      m.unfinished = type == u"unfinished" || type == u"vanished" || type == u"obsolete";
      m.translation = xml.readElementText();
      out.push_back(m);
    }
  }
  EXPECT_FALSE(xml.hasError()) << path << ": " << xml.errorString().toStdString();
  return out;
}

QStringList placeholders(const QString& s) {
  QStringList out;
  auto it = QRegularExpression("%\\d").globalMatch(s);
  while (it.hasNext())
    out << it.next().captured();
  out.sort();
  return out;
}

// An accelerator: "&" before a letter or digit, not an entity such as "&nbsp;" or "&#9632;".
bool hasAccelerator(const QString& s) {
  return QRegularExpression("&(?![a-z]+;|#\\d+;)[\\w\\x{4e00}-\\x{9fff}]").match(s).hasMatch();
}

}  // namespace

TEST(Translation, MenusInGermanAndChineseAndBackToEnglish) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  EXPECT_EQ(ui::installTranslation("de"), "de");
  EXPECT_EQ(QLocale().language(), QLocale::German);
  {
    ui::MainWindow w(settings);
    EXPECT_EQ(menuTitle(w, 0), "&Datei");
    EXPECT_EQ(menuTitle(w, 1), "&Bearbeiten");
    EXPECT_EQ(w.windowTitle(), "UniLearn Studio");
    // The start page in German at the smallest supported size, for a person to look at.
    w.resize(1024, 700);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
    EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/welcome-de-1024x700.png"));
    EXPECT_LE(w.width(), 1024) << "German labels make the window wider than 1024 px";
  }
  EXPECT_EQ(ui::installTranslation("zh_CN"), "zh_CN");
  {
    ui::MainWindow w(settings);
    EXPECT_EQ(menuTitle(w, 0), "文件(&F)");
    w.resize(1024, 700);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/welcome-zh_CN-1024x700.png"));
    EXPECT_LE(w.width(), 1024) << "Chinese labels make the window wider than 1024 px";
    EXPECT_EQ(QCoreApplication::translate("unilearn::ui::LabelQueue", "Why"), "原因");
  }
  EXPECT_EQ(ui::installTranslation("xx"), "en");  // a language the app does not have
  EXPECT_EQ(ui::installTranslation("en"), "en");
  ui::MainWindow w(settings);
  EXPECT_EQ(menuTitle(w, 0), "&File");
  // The choice is a setting, applied at the next start.
  settings.setLanguage("de");
  EXPECT_EQ(ui::Settings(dir.filePath("settings.ini")).language(), "de");
}

TEST(Translation, EveryStringIsTranslatedKeepingItsPlaceholdersAndAccelerator) {
  for (const char* lang : {"de", "zh_CN"}) {
    const auto messages = readTs(std::string(UNILEARN_SOURCE_DIR) +
                                 "/resources/translations/unilearn_" + lang + ".ts");
    ASSERT_GT(messages.size(), 400u) << lang;
    std::map<QString, std::pair<int, int>> per_context;  // translated, all
    for (const auto& m : messages) {
      auto& [done, all] = per_context[m.context];
      ++all;
      if (m.unfinished) continue;
      ++done;
      EXPECT_EQ(placeholders(m.translation), placeholders(m.source))
          << lang << ": " << m.source.toStdString();
      EXPECT_EQ(hasAccelerator(m.translation), hasAccelerator(m.source))
          << lang << ": " << m.source.toStdString() << " -> " << m.translation.toStdString();
    }
    // Every string of every window is translated: a new one fails here until it is
    // (scripts/update-translations.sh, then translate it in both .ts files).
    for (const auto& [context, counts] : per_context)
      EXPECT_EQ(counts.first, counts.second)
          << lang << ": " << context.toStdString() << " has " << counts.second - counts.first
          << " untranslated strings";
    EXPECT_TRUE(per_context.count("unilearn::ui::MainWindow")) << lang;
    EXPECT_TRUE(per_context.count("unilearn::ui::TrainWizard")) << lang;
  }
}

// Decimals on screen as the chosen language writes them ("1,5" in German); clock times keep
// ELAN's point, which the time field reads back (a typed comma works too: TimeInput).
TEST(Translation, NumbersOnScreenFollowTheLanguage) {
  auto queueRow = [] {
    auto timeline = std::make_shared<core::Timeline>();
    timeline->classes = {"neutral", "happy", "sad"};
    core::TrackTimeline face;
    face.track.id = 1;
    face.track.tracker_id = 1;
    for (int64_t start = 0; start < 48; start += 16) {
      core::WindowPrediction w;
      w.track_id = 1;
      w.start_frame = start;
      w.end_frame = start + 15;
      w.start_ms = start * 1000 / 30;
      w.end_ms = (start + 16) * 1000 / 30;
      w.probs = start == 16 ? std::vector<float>{0.41f, 0.38f, 0.21f}
                            : std::vector<float>{0.9f, 0.05f, 0.05f};
      face.windows.push_back(w);
    }
    timeline->tracks.push_back(face);
    ui::LabelQueue queue;
    queue.setTimeline(timeline, "DFEW-7", "ann");
    auto* list = queue.findChild<QTreeWidget*>();
    EXPECT_EQ(list->topLevelItemCount(), 1);
    return list->topLevelItemCount()
               ? list->topLevelItem(0)->text(1) + " | " + list->topLevelItem(0)->text(2) + " | " +
                     queue.reasonText(0)
               : QString();
  };
  EXPECT_EQ(ui::installTranslation("de"), "de");
  EXPECT_EQ(ui::localNumber(1234.56, 1), QString("1.234,6"));
  const QString german = queueRow();
  EXPECT_TRUE(german.contains("0:00.533 | 0,5 s")) << german.toStdString();
  EXPECT_TRUE(german.contains("41 %")) << german.toStdString();
  EXPECT_EQ(ui::installTranslation("zh_CN"), "zh_CN");
  EXPECT_EQ(ui::localNumber(0.5, 2), QString("0.50"));
  EXPECT_EQ(ui::installTranslation("en"), "en");
  EXPECT_EQ(ui::localNumber(1234.56, 1), QString("1,234.6"));
  const QString english = queueRow();
  EXPECT_TRUE(english.contains("0:00.533 | 0.5 s")) << english.toStdString();
}
