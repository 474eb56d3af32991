#include "ui/model_summary_widget.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace unilearn::ui {
namespace {

QString joined(const std::vector<std::string>& names) {
  QStringList list;
  for (const auto& n : names)
    list << QString::fromStdString(n);
  return list.isEmpty() ? QStringLiteral("(unnamed)") : list.join(", ");
}

}  // namespace

ModelSummaryWidget::ModelSummaryWidget(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setPointSizeF(f.pointSizeF() * 1.4);
  f.setBold(true);
  title_->setFont(f);
  layout->addWidget(title_);
  form_ = new QFormLayout();
  form_->setLabelAlignment(Qt::AlignRight);
  layout->addLayout(form_);
  layout->addStretch(1);
}

void ModelSummaryWidget::setRow(const QString& label, const QString& value) {
  for (int r = 0; r < form_->rowCount(); ++r) {
    auto* l = qobject_cast<QLabel*>(form_->itemAt(r, QFormLayout::LabelRole)->widget());
    if (l && l->text() == label + ":") {
      qobject_cast<QLabel*>(form_->itemAt(r, QFormLayout::FieldRole)->widget())->setText(value);
      return;
    }
  }
  auto* v = new QLabel(value, this);
  v->setWordWrap(true);
  v->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form_->addRow(label + ":", v);
}

QString ModelSummaryWidget::field(const QString& label) const {
  for (int r = 0; r < form_->rowCount(); ++r) {
    auto* l = qobject_cast<QLabel*>(form_->itemAt(r, QFormLayout::LabelRole)->widget());
    if (l && l->text() == label + ":")
      return qobject_cast<QLabel*>(form_->itemAt(r, QFormLayout::FieldRole)->widget())->text();
  }
  return {};
}

void ModelSummaryWidget::setModel(const QString& name, const ModelConfig& c) {
  title_->setText(tr("UniLearn model: %1").arg(name));
  const QLocale locale(QLocale::English);
  setRow(tr("Parameters"), locale.toString(static_cast<qlonglong>(c.parameterCount())));
  setRow(tr("Video input"),
         tr("%1 frames of %2×%2 px → %3 tokens (%4 temporal slices of %5×%5 patches)")
             .arg(c.num_frames)
             .arg(c.img_size)
             .arg(c.videoTokens())
             .arg(c.temporalSlices())
             .arg(c.gridSize()));
  setRow(
      tr("Image input"),
      tr("%1×%1 px, repeated to a 2-frame clip → %2 tokens").arg(c.img_size).arg(c.imageTokens()));
  setRow(
      tr("Transformer"),
      tr("%1 blocks, width %2, %3 attention heads").arg(c.depth).arg(c.embed_dim).arg(c.num_heads));
  QStringList moe;
  for (int64_t l : c.moe_layers)
    moe << QString::number(l);
  setRow(tr("Experts"),
         tr("%1 adapter experts (hidden %2) in blocks %3; each token goes to its top %4")
             .arg(c.num_experts)
             .arg(c.expertHidden())
             .arg(moe.join(", "))
             .arg(c.top_k));
  setRow(tr("Image head"),
         tr("%1 classes: %2").arg(c.image_classes).arg(joined(c.image_class_names)));
  setRow(tr("Video head"),
         tr("%1 classes: %2").arg(c.video_classes).arg(joined(c.video_class_names)));
}

}  // namespace unilearn::ui
