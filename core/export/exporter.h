// Exports of a project for statistics and other tools: CSV (one row per window per track, and
// per frame with `frames`), JSON (everything, for scripts) and a BORIS-style TSV of state events
// (model top classes merged into states, and human annotations) with frame indices and times.
// ELAN's EAF is in eaf.h; the annotations alone as a table (annotations.csv) for R, SPSS and
// spreadsheets. exportFormats() is the one list of them that the command line and the app use.
// Thread-safety: free functions over a Project.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace unilearn::core {

class Project;

struct ExportOptions {
  // Only media whose path or file name equals this.
  std::optional<std::string> video;
  bool frames = false;       // CSV: add one row per frame per track (static model)
  std::string document_dir;  // EAF: where the document will be written (for relative media links)
};

// Throws unilearn::Error (kArgument) when `video` matches no media in the project.
void exportCsv(const Project& project, std::ostream& out, const ExportOptions& options);
void exportJson(const Project& project, std::ostream& out, const ExportOptions& options);
void exportTsv(const Project& project, std::ostream& out, const ExportOptions& options);
// The routing summaries of the clip analyses: one row per window and MoE layer with each
// expert's share of the token assignments and its mean gate weight.
void exportRoutingCsv(const Project& project, std::ostream& out, const ExportOptions& options);
// The human annotations, one row each: video, track, person, scheme, label, annotator,
// start_frame, end_frame, start_s, end_s (exclusive, as ELAN), duration_s, note. Reads back
// with importCsv.
void exportAnnotationsCsv(const Project& project, std::ostream& out, const ExportOptions& options);

struct ExportFormat {
  std::string name;       // what `unilearn export --format` takes
  std::string extension;  // of the file it writes, without the dot
  void (*write)(const Project&, std::ostream&, const ExportOptions&);
};
// csv, annotations, json, eaf, tsv.
const std::vector<ExportFormat>& exportFormats();
// The format called `name`; throws unilearn::Error (kArgument) listing them otherwise.
const ExportFormat& exportFormat(const std::string& name);

}  // namespace unilearn::core
