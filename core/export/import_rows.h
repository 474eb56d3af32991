// Internal to core/export: the mapping every importer shares. A row names a video, a subject
// (person, "face N", tracker id or "whole video"), a label, an annotator, a note and an
// inclusive frame range; rows that do not map onto the project are reported, never guessed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/export/importer.h"

namespace unilearn::core {

class Project;

namespace detail {

struct ImportRow {
  std::string video, subject, label, annotator, note;
  std::string start, stop;  // frame indices as written in the file
  std::string where;        // how a report names this row ("row 7", "annotation a3 on tier X")
};

// Labels match the scheme case-insensitively and are stored in the scheme's spelling.
ImportReport importRows(Project& project, const std::vector<ImportRow>& rows,
                        const ImportOptions& options);
// The same, streaming: `next` fills the next row (with `where` set) and returns false at the
// end. The rows go into the project in one transaction.
ImportReport importRows(Project& project, const std::function<bool(ImportRow&)>& next,
                        const ImportOptions& options);

}  // namespace detail
}  // namespace unilearn::core
