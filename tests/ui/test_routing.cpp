// Issue 6, view 1: the layer × expert map shows the numbers of the window it is given.
#include <gtest/gtest.h>
#include <QDir>
#include <QFile>

#include "ui/routing_map.h"

using namespace unilearn;

TEST(RoutingMap, ShowsTheWindowsExpertSharesAndGates) {
  core::WindowPrediction w;
  w.start_frame = 32;
  w.end_frame = 92;
  for (int l = 0; l < 6; ++l) {
    std::vector<float> share(8, 0.0f), gate(8, 0.0f);
    share[static_cast<size_t>(l)] = 0.5f;  // layer l favours expert l
    share[static_cast<size_t>((l + 3) % 8)] = 0.3f;
    share[7] += 0.2f;
    gate[static_cast<size_t>(l)] = 0.6f;
    w.expert_share.push_back(share);
    w.mean_gate.push_back(gate);
  }
  ui::RoutingMap map;
  map.resize(640, 360);
  map.setWindow(w, {6, 7, 8, 9, 10, 11});
  ASSERT_EQ(map.layers(), 6);
  ASSERT_EQ(map.experts(), 8);
  for (int l = 0; l < 6; ++l) {
    EXPECT_FLOAT_EQ(map.share(l, l),
                    w.expert_share[static_cast<size_t>(l)][static_cast<size_t>(l)]);
    EXPECT_FLOAT_EQ(map.gate(l, l), 0.6f);
  }
  const QString csv = map.toCsv();
  EXPECT_TRUE(csv.startsWith("layer,block,expert,share,mean_gate\n"));
  EXPECT_TRUE(csv.contains("\n5,11,5,0.5,0.6\n")) << csv.toStdString();
  EXPECT_EQ(csv.count('\n'), 1 + 6 * 8);
  EXPECT_TRUE(ui::RoutingMap::explanation().contains("router"));
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  const QString png = QString(UNILEARN_SCREENSHOT_DIR) + "/routing_map.png",
                svg = QString(UNILEARN_SCREENSHOT_DIR) + "/routing_map.svg";
  EXPECT_TRUE(map.exportPicture(png));
  EXPECT_TRUE(map.exportPicture(svg));
  EXPECT_GT(QFile(svg).size(), 1000);
}
