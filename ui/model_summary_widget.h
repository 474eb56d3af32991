// Shows a model's architecture for people: input sizes, tokens, experts, heads, class names and
// parameter count. Reads only the config (no weights, no LibTorch). Thread-safety: GUI thread.
#pragma once

#include <QWidget>

#include "model/config.h"

class QFormLayout;
class QLabel;

namespace unilearn::ui {

class ModelSummaryWidget : public QWidget {
  Q_OBJECT

 public:
  explicit ModelSummaryWidget(QWidget* parent = nullptr);

  void setModel(const QString& name, const ModelConfig& config);
  // The text shown for a field ("Parameters", "Experts", ...), for tests.
  QString field(const QString& label) const;

 private:
  void setRow(const QString& label, const QString& value);

  QLabel* title_;
  QFormLayout* form_;
};

}  // namespace unilearn::ui
