// Human annotations into a project from a BORIS-style TSV (as `unilearn export --format tsv`
// writes it, or BORIS's own state-event table) or a plain CSV
// (video,track,start_frame,end_frame,label[,annotator][,note]). Rows are mapped onto the
// project's media (by file name), tracks ("face N", a person's name, or "whole video") and the
// scheme's labels; what does not map is reported, not guessed. Thread-safety: free functions.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace unilearn::core {

class Project;

struct ImportReport {
  int imported = 0;
  int duplicates = 0;  // rows equal to an annotation already in the project (not added again)
  std::vector<std::string> skipped;  // one line per row that did not map, with the reason
  // The people the file names that match nobody in the project (a colleague's "Client" for our
  // "face 1"), once each: what a participant mapping (ImportOptions::subjects) is for.
  std::vector<std::string> unmatched_subjects;
};

struct ImportOptions {
  std::string annotator;  // the rater when the file does not name one
  std::string scheme = "DFEW-7";
  // The file's people (ELAN participants, BORIS subjects, the CSV's track column) to the
  // project's: a person's name, "face N" or "whole video"; "" leaves that person's rows out.
  std::map<std::string, std::string> subjects;
  bool dry_run = false;  // report what would happen; the project is not changed
};

// `annotator` names the rater when the file does not (TSV "Source" column "annotator:NAME").
// Rows from the model ("model:...") are ignored. Throws unilearn::Error (kIo, kFormat) when the
// file cannot be read or lacks the needed columns.
inline ImportOptions importOptions(const std::string& annotator, const std::string& scheme) {
  ImportOptions o;
  o.annotator = annotator;
  o.scheme = scheme;
  return o;
}

ImportReport importTsv(Project& project, const std::string& path, const std::string& annotator,
                       const std::string& scheme = "DFEW-7");
ImportReport importCsv(Project& project, const std::string& path, const std::string& annotator,
                       const std::string& scheme = "DFEW-7");
ImportReport importTsv(Project& project, const std::string& path, const ImportOptions& options);
ImportReport importCsv(Project& project, const std::string& path, const ImportOptions& options);

}  // namespace unilearn::core
