#include "ui/label_queue.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/player_widget.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

QString personName(const core::Timeline& t, int64_t track) {
  if (track < 0) return QObject::tr("whole video");
  for (const auto& tt : t.tracks)
    if (tt.track.id == track) return QString::fromStdString(core::personName(tt.track));
  return QObject::tr("face (id %1)").arg(track);
}

QString why(const core::LabelSuggestion& s) {
  if (s.reason == core::LabelSuggestion::Reason::kCodersDisagree) {
    QStringList coders;
    for (const auto& c : s.coder_labels)
      coders << QString::fromStdString(c);
    return QObject::tr("coders disagree (%1)").arg(coders.join(QObject::tr(" vs ")));
  }
  return QObject::tr("model unsure: %1 %2 % or %3 %4 %")
      .arg(QString::fromStdString(s.first_class))
      .arg(localNumber(s.first_prob * 100, 0))
      .arg(QString::fromStdString(s.second_class))
      .arg(localNumber(s.second_prob * 100, 0));
}

}  // namespace

LabelQueue::LabelQueue(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  list_ = new QTreeWidget(this);
  list_->setRootIsDecorated(false);
  list_->setHeaderLabels({tr("Person"), tr("From"), tr("Length"), tr("Why")});
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  list_->setToolTip(
      tr("Double-click or Enter: go there with the stretch selected, then press a "
         "label key"));
  layout->addWidget(list_, 1);
  connect(list_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item) { choose(list_->indexOfTopLevelItem(item)); });
  refresh();
}

void LabelQueue::setTimeline(std::shared_ptr<const core::Timeline> timeline,
                             const std::string& scheme, const std::string& annotator) {
  timeline_ = std::move(timeline);
  scheme_ = scheme;
  annotator_ = annotator;
  refresh();
}

void LabelQueue::refresh() {
  const int row = list_->currentIndex().row();
  list_->clear();
  suggestions_.clear();
  if (!timeline_) {
    summary_->setText(tr("Open a video to see which stretches to label next."));
    return;
  }
  core::SuggestionOptions o;
  o.scheme = scheme_;
  o.annotator = annotator_;
  suggestions_ = core::suggestLabels(*timeline_, o);
  for (const auto& s : suggestions_) {
    auto* item = new QTreeWidgetItem(
        {personName(*timeline_, s.track_id), clockText(s.start_ms),
         tr("%1 s").arg(localNumber(static_cast<double>(s.end_ms - s.start_ms) / 1000.0, 1)),
         why(s)});
    item->setToolTip(3, item->text(3));
    list_->addTopLevelItem(item);
  }
  if (row >= 0 && row < list_->topLevelItemCount()) list_->setCurrentItem(list_->topLevelItem(row));
  if (!suggestions_.empty())
    summary_->setText(
        tr("Stretches of this video where your %1 label would help most: first where coders "
           "disagree, then where the model is least sure and you have not labelled yet.")
            .arg(QString::fromStdString(scheme_)));
  else if (std::none_of(timeline_->tracks.begin(), timeline_->tracks.end(),
                        [](const auto& t) { return !t.windows.empty(); }) &&
           timeline_->annotations.empty())
    summary_->setText(tr("Analyse this video with a UniLearn model to see where it is unsure."));
  else
    summary_->setText(
        tr("Nothing left to suggest: the model is sure everywhere you have not "
           "labelled, and no coders disagree."));
}

bool LabelQueue::choose(int row) {
  if (row < 0 || static_cast<size_t>(row) >= suggestions_.size()) return false;
  list_->setCurrentItem(list_->topLevelItem(row));
  emit chosen(suggestions_[static_cast<size_t>(row)]);
  return true;
}

QString LabelQueue::reasonText(int row) const {
  auto* item = list_->topLevelItem(row);
  return item ? item->text(3) : QString();
}

}  // namespace unilearn::ui
