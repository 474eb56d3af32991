// ELAN Annotation Format (EAF 3.0) export and import. One EAF document describes one video: a
// media descriptor, one tier per person for the model's labels (consecutive clip windows with
// the same top class merged into one annotation; tiers never overlap), one tier per person and
// annotator for human annotations (with a dependent "notes" tier when there are notes), a
// controlled vocabulary per label set, and time slots in milliseconds.
// The importer reads ELAN's own files: alignable and reference annotations, controlled
// vocabulary references, tiers named by PARTICIPANT and ANNOTATOR; the model's tiers are skipped.
// Thread-safety: free functions over a Project.
#pragma once

#include <ostream>
#include <string>

#include "core/export/exporter.h"
#include "core/export/importer.h"

namespace unilearn::core {

class Project;

// Throws unilearn::Error (kArgument) when `options.video` matches nothing, or when the project
// holds several videos and none is chosen. `options.document_dir` (the directory the EAF will
// live in) adds a RELATIVE_MEDIA_URL so ELAN finds the video after the folder moves.
void exportEaf(const Project& project, std::ostream& out, const ExportOptions& options);

// Times (ms) become frames at the video's frame rate: start = round(t * fps), end =
// round(t_end * fps) - 1 (ELAN's end is exclusive). Throws unilearn::Error (kIo, kFormat) when
// the file cannot be read or is not an EAF document.
ImportReport importEaf(Project& project, const std::string& path, const std::string& annotator,
                       const std::string& scheme = "DFEW-7");
// With a participant mapping, or as a dry run (ImportOptions).
ImportReport importEaf(Project& project, const std::string& path, const ImportOptions& options);

}  // namespace unilearn::core
