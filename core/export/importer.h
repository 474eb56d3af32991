// Human annotations into a project from a BORIS-style TSV (as `unilearn export --format tsv`
// writes it, or BORIS's own state-event table) or a plain CSV
// (video,track,start_frame,end_frame,label[,annotator][,note]). Rows are mapped onto the
// project's media (by file name), tracks ("face N", a person's name, or "whole video") and the
// scheme's labels; what does not map is reported, not guessed. Thread-safety: free functions.
#pragma once

#include <string>
#include <vector>

namespace unilearn::core {

class Project;

struct ImportReport {
  int imported = 0;
  int duplicates = 0;  // rows equal to an annotation already in the project (not added again)
  std::vector<std::string> skipped;  // one line per row that did not map, with the reason
};

// `annotator` names the rater when the file does not (TSV "Source" column "annotator:NAME").
// Rows from the model ("model:...") are ignored. Throws unilearn::Error (kIo, kFormat) when the
// file cannot be read or lacks the needed columns.
ImportReport importTsv(Project& project, const std::string& path, const std::string& annotator,
                       const std::string& scheme = "DFEW-7");
ImportReport importCsv(Project& project, const std::string& path, const std::string& annotator,
                       const std::string& scheme = "DFEW-7");

}  // namespace unilearn::core
