// Annotate › What to label next: the ranked stretches of core::suggestLabels (coders disagree,
// then the model least sure) for the shown video, the annotator and the scheme; a double-click
// or Enter goes there — the person selected, the stretch as the in/out selection, the playhead
// on its start — so one label key labels it. Recomputed from each loaded timeline (cheap: no
// database access).
// Thread-safety: GUI thread only.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "core/analysis/label_suggestions.h"

class QLabel;
class QTreeWidget;

namespace unilearn::ui {

class LabelQueue : public QWidget {
  Q_OBJECT

 public:
  explicit LabelQueue(QWidget* parent = nullptr);

  // The video shown, its scheme and who labels; an empty timeline clears the list.
  void setTimeline(std::shared_ptr<const core::Timeline> timeline, const std::string& scheme,
                   const std::string& annotator);
  const std::vector<core::LabelSuggestion>& suggestions() const { return suggestions_; }
  // As a double-click on row `row` does; false when there is no such row.
  bool choose(int row);
  // The row's "why" column, as shown.
  QString reasonText(int row) const;

 signals:
  void chosen(const core::LabelSuggestion& suggestion);

 private:
  void refresh();

  QLabel* summary_ = nullptr;
  QTreeWidget* list_ = nullptr;
  std::shared_ptr<const core::Timeline> timeline_;
  std::string scheme_, annotator_;
  std::vector<core::LabelSuggestion> suggestions_;
};

}  // namespace unilearn::ui
