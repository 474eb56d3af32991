// The main window as the GUI tests show it. Thread-safety: the GUI thread.
#pragma once

#include <QTest>

#include <gtest/gtest.h>

#include "ui/main_window.h"

namespace unilearn::test {

// The window at a usable size, on screen (tests drive it as a person would).
inline void showWindow(ui::MainWindow& w) {
  w.resize(1280, 860);
  w.show();
  EXPECT_TRUE(QTest::qWaitForWindowExposed(&w));
}

}  // namespace unilearn::test
