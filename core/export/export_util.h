// Internal to core/export: what every exporter asks of a project.
#pragma once

#include <string>
#include <vector>

#include "core/export/exporter.h"
#include "core/storage/project.h"

namespace unilearn::core::detail {

// The media an export covers; throws unilearn::Error (kArgument) when `video` matches none.
std::vector<MediaRecord> selectedMedia(const Project& project, const ExportOptions& options);

// clipClassNames (core/analysis/timeline.h).
std::vector<std::string> classNames(const Project& project, const AnalysisRecord& analysis);

// The name of class `index`, or the index itself when the model names fewer classes.
std::string className(const std::vector<std::string>& names, int index);

}  // namespace unilearn::core::detail
