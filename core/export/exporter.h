// Exports of a project for statistics and other tools: CSV (one row per window per track, and
// per frame with `frames`), JSON (everything, for scripts) and a BORIS-style TSV of state events
// (model top classes merged into states, and human annotations) with frame indices and times.
// ELAN's EAF is in eaf.h. Thread-safety: free functions over a Project.
#pragma once

#include <optional>
#include <ostream>
#include <string>

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

}  // namespace unilearn::core
